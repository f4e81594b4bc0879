// State transitions per second: the local runtime in memory and durable on SQLite.
// Baseline in the same run: a hand-written async loop doing the same work without an
// interpreter, so the figure reads as "interpreter overhead" rather than an absolute on a noisy box.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, createRuntime, createVirtualClock } from '@flowdeck/engine';
import { createSqliteStore } from '@flowdeck/store-sqlite';
import { type Measurement, measure } from './harness.ts';

const STATES = 200;

/** A chain of Pass and Task states, JSONata mode, each assigning a variable: a typical workflow. */
function chain(length: number) {
  const States: Record<string, unknown> = {};
  for (let i = 0; i < length; i++) {
    const next = i + 1 < length ? { Next: `s${i + 1}` } : { End: true };
    States[`s${i}`] =
      i % 2 === 0
        ? {
            Type: 'Pass',
            Assign: { [`v${i % 10}`]: '{% $states.input.n %}' },
            Output: { n: '{% $states.input.n + 1 %}' },
            ...next,
          }
        : {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: 'step', Payload: '{% $states.input %}' },
            Output: '{% $states.result.Payload %}',
            ...next,
          };
  }
  return { QueryLanguage: 'JSONata', StartAt: 's0', States };
}

const tasks = { step: async (input: unknown) => input };

async function transitionsPerSecond(
  store: ReturnType<typeof createMemoryStore>,
  executions: number,
): Promise<number> {
  const runtime = createRuntime({ store, tasks, clock: createVirtualClock() });
  const { stateMachineArn } = await runtime.createStateMachine({
    name: `bench${Date.now()}`,
    definition: chain(STATES),
  });
  const started = performance.now();
  const arns = await Promise.all(
    Array.from(
      { length: executions },
      async (_, i) =>
        (await runtime.startExecution({ stateMachineArn, name: `e${i}`, input: JSON.stringify({ n: 0 }) }))
          .executionArn,
    ),
  );
  const results = await Promise.all(arns.map((arn) => runtime.waitForExecution(arn)));
  const seconds = (performance.now() - started) / 1000;
  if (results.some((r) => r.status !== 'SUCCEEDED')) throw new Error('benchmark execution failed');
  await runtime.close();
  return (executions * STATES) / seconds;
}

async function baselinePerSecond(executions: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: executions }, async () => {
      let state: { n: number } = { n: 0 };
      const vars: Record<string, number> = {};
      for (let i = 0; i < STATES; i++) {
        if (i % 2 === 0) {
          vars[`v${i % 10}`] = state.n;
          state = { n: state.n + 1 };
        } else state = (await tasks.step(state)) as { n: number };
      }
    }),
  );
  return (executions * STATES) / ((performance.now() - started) / 1000);
}

export async function run(): Promise<Measurement[]> {
  const out: Measurement[] = [];
  out.push(
    await measure('baseline: hand-written loop, same work', 'steps/s', 5, () => baselinePerSecond(50)),
  );
  out.push(
    await measure(
      'runtime in memory, 50 executions × 200 states',
      'transitions/s',
      5,
      () => transitionsPerSecond(createMemoryStore(), 50),
      'target ≥ 50,000/s',
    ),
  );
  out.push(
    await measure(
      'runtime durable on SQLite (WAL), 50 executions × 200 states',
      'transitions/s',
      5,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'flowdeck-bench-'));
        try {
          return await transitionsPerSecond(createSqliteStore({ path: join(dir, 'bench.db') }), 50);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      'target ≥ 5,000/s',
    ),
  );
  return out;
}
