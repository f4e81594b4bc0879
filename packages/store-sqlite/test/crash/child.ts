// The process the crash test kills. Each life: open the SQLite store, recover() whatever the
// last life left unfinished, start a few executions that do not exist yet (CRASH_START_QUOTA, or
// all of them when it is "all"), and wait for every execution. Prints "booted" once the store is
// open (the parent times its SIGKILL from there) and "finished" when all executions are done;
// a life with a quota then idles until it is killed, the last life ("all") exits.
import { createRuntime, systemClock } from '@flowdeck/engine';
import { createSqliteStore } from '@flowdeck/store-sqlite';
import { STEP, definition, inputFor, sideEffectTask } from './machine.ts';

const dbPath = process.env.CRASH_DB!;
const logPath = process.env.CRASH_LOG!;
const executions = Number(process.env.CRASH_EXECUTIONS ?? 20);
const quota =
  process.env.CRASH_START_QUOTA === 'all' ? executions : Number(process.env.CRASH_START_QUOTA ?? 2);

const store = createSqliteStore({ path: dbPath });
const runtime = createRuntime({ store, tasks: { [STEP]: sideEffectTask(logPath) }, clock: systemClock });
process.stdout.write('booted\n');

await runtime.recover();
const { stateMachineArn } = await runtime.createStateMachine({
  name: 'crash-test',
  definition: JSON.stringify(definition),
});

const existing = new Map<string, string>();
let nextToken: string | undefined;
do {
  const page = await runtime.listExecutions({ stateMachineArn, maxResults: 1000, nextToken });
  for (const e of page.executions) existing.set(e.name, e.executionArn);
  nextToken = page.nextToken;
} while (nextToken);

let started = 0;
for (let i = 0; i < executions && started < quota; i++) {
  const name = `run-${String(i).padStart(3, '0')}`;
  if (existing.has(name)) continue;
  const execution = await runtime.startExecution({
    stateMachineArn,
    name,
    input: JSON.stringify(inputFor(i)),
  });
  existing.set(name, execution.executionArn);
  started++;
}

await Promise.all([...existing.values()].map((arn) => runtime.waitForExecution(arn)));
if (existing.size === executions) process.stdout.write('finished\n');
if (process.env.CRASH_START_QUOTA === 'all') {
  await runtime.close();
  await store.close();
} else {
  setInterval(() => {}, 1000); // idle until the parent kills this life
}
