// Starts the real app for browser tests and benchmarks: the API server (packages/api/src/server.ts)
// on a free port with a temporary FLOWDECK_DATA_DIR, the editor built, and — until the API serves
// the editor at `/` — a small front server in between.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFrontServer } from './front-server.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s: Server = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function buildEditor(): void {
  const r = spawnSync('node', ['packages/editor/scripts/build-if-missing.mjs'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the editor failed');
}

export interface RunningApp {
  baseUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the API server exited (${proc.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API server did not become healthy in 60 s:\n${log()}`);
}

export async function startApp(): Promise<RunningApp> {
  buildEditor();
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdeck-e2e-'));
  const apiPort = await freePort();
  let output = '';
  const proc = spawn('node', ['--import', 'tsx', 'packages/api/src/server.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(apiPort),
      FLOWDECK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      FLOWDECK_HTTP_ALLOW_PRIVATE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => (output = (output + d).slice(-20_000)));
  proc.stderr?.on('data', (d) => (output = (output + d).slice(-20_000)));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHealth(apiUrl, proc, () => output);

  let front: Server | undefined;
  let baseUrl = apiUrl;
  const root = await fetch(`${apiUrl}/`).catch(() => undefined);
  const servesEditor =
    root?.ok &&
    (root.headers.get('content-type') ?? '').includes('html') &&
    (await root.text()).includes('id="root"');
  if (!servesEditor) {
    const port = await freePort();
    front = await startFrontServer(join(repoRoot, 'packages/editor/dist'), apiPort, port);
    baseUrl = `http://127.0.0.1:${port}`;
  }

  return {
    baseUrl,
    apiUrl,
    async stop() {
      // E2E_SERVER_LOG=1 prints what the API server logged (warnings and errors), for debugging.
      if (process.env.E2E_SERVER_LOG) console.log(output);
      front?.close();
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
