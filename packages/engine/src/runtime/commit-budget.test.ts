import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Store, StoreChanges } from '../ports.ts';
import { createMemoryStore } from '../store/memory.ts';
import { createVirtualClock } from './clock.ts';
import { itemCount, splitChanges } from './commit-split.ts';
import { createRuntime } from './runtime.ts';
import { jsonata, types } from './test/helpers.ts';

// A store with a records-per-commit limit (DynamoDB's TransactWriteItems takes 100): the runtime
// keeps every commit within `maxItemsPerCommit`, and a refused commit fails the execution
// (States.Runtime) instead of leaving it RUNNING.

/** The memory store, refusing any commit over `limit` records; `announce` sets maxItemsPerCommit. */
function limitedStore(limit: number, announce: boolean) {
  const inner = createMemoryStore();
  const seen = { largest: 0, refused: 0 };
  const store: Store = {
    ...inner,
    ...(announce ? { maxItemsPerCommit: limit } : {}),
    async commit(changes: StoreChanges) {
      const n = itemCount(changes);
      seen.largest = Math.max(seen.largest, n);
      if (n > limit) {
        seen.refused++;
        throw new Error(`Transaction of ${n} items refused (at most ${limit}).`);
      }
      return inner.commit(changes);
    },
  };
  return { store, seen };
}

async function run(store: Store, definition: object, input: unknown, stop = false) {
  const runtime = createRuntime({ store, tasks: {}, clock: createVirtualClock() });
  const { stateMachineArn } = await runtime.createStateMachine({ name: 'm', definition });
  const { executionArn } = await runtime.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  if (stop) {
    while ((await store.listThreads(executionArn)).length < 400) await new Promise((r) => setImmediate(r));
    await runtime.stopExecution({ executionArn, error: 'User.Stop' });
  }
  const done = await runtime.waitForExecution(executionArn);
  const history = [];
  let nextToken: string | undefined;
  do {
    const page = await runtime.getExecutionHistory({ executionArn, maxResults: 1000, nextToken });
    history.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  await runtime.close();
  return { done, history, threads: await store.listThreads(executionArn) };
}

const items = Array.from({ length: 500 }, (_, i) => i);
const doubling = jsonata({
  M: {
    Type: 'Map',
    ItemProcessor: {
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } },
    },
    End: true,
  },
});

describe('a store that takes at most N records per commit', () => {
  it('runs a Map over 500 items in commits of at most 25 records', async () => {
    const { store, seen } = limitedStore(25, true);
    const { done, history, threads } = await run(store, doubling, items);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual(items.map((i) => i * 2));
    expect(seen.refused).toBe(0);
    expect(seen.largest).toBeLessThanOrEqual(25);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    expect(types(history).filter((t) => t === 'MapIterationSucceeded')).toHaveLength(500);
    expect(threads).toEqual([]);
  });

  it('fails a Map whose first item fails while 499 wait, aborting them within the limit', async () => {
    const { store, seen } = limitedStore(25, true);
    const { done, history, threads } = await run(
      store,
      jsonata({
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: {
                Type: 'Choice',
                Choices: [{ Condition: '{% $states.input = 0 %}', Next: 'F' }],
                Default: 'W',
              },
              F: { Type: 'Fail', Error: 'Item.Failed' },
              W: { Type: 'Wait', Seconds: 100, End: true },
            },
          },
          End: true,
        },
      }),
      items,
    );
    expect(done).toMatchObject({ status: 'FAILED', error: 'Item.Failed' });
    expect(seen.refused).toBe(0);
    expect(seen.largest).toBeLessThanOrEqual(25);
    expect(types(history).slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
    expect(threads).toEqual([]);
  });

  it('stops an execution with 500 running iterations within the limit', async () => {
    const { store, seen } = limitedStore(25, true);
    const waiting = jsonata({
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } },
        End: true,
      },
    });
    const { done, history, threads } = await run(store, waiting, items, true);
    expect(done.status).toBe('ABORTED');
    expect(seen.refused).toBe(0);
    expect(seen.largest).toBeLessThanOrEqual(25);
    expect(types(history).at(-1)).toBe('ExecutionAborted');
    expect(types(history).filter((t) => t === 'MapIterationAborted').length).toBeGreaterThan(0);
    expect(threads).toEqual([]);
  });

  it('starts a Parallel of 40 branches in several commits', async () => {
    const { store, seen } = limitedStore(25, true);
    const Branches = Array.from({ length: 40 }, (_, i) => ({
      StartAt: 'B',
      States: { B: { Type: 'Pass', Output: i, End: true } },
    }));
    const { done } = await run(store, jsonata({ Par: { Type: 'Parallel', Branches, End: true } }), {});
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(seen.refused).toBe(0);
    expect(seen.largest).toBeLessThanOrEqual(25);
  });
});

describe('a refused commit', () => {
  it('fails the execution with States.Runtime when the store refuses a commit it did not announce', async () => {
    const { store, seen } = limitedStore(100, false);
    const { done, history } = await run(store, doubling, items);
    expect(seen.refused).toBeGreaterThan(0);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Runtime');
    expect(done.cause).toContain('refused');
    expect(types(history).at(-1)).toBe('ExecutionFailed');
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
  });

  it('fails the execution when its last commit (ExecutionSucceeded) is refused', async () => {
    const inner = createMemoryStore();
    const store: Store = {
      ...inner,
      async commit(changes) {
        if (changes.executions?.some((e) => e.status === 'SUCCEEDED')) throw new Error('Conflict.');
        return inner.commit(changes);
      },
    };
    const { done, history } = await run(store, jsonata({ P: { Type: 'Pass', End: true } }), {});
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(done.cause).toContain('Conflict.');
    // PassStateEntered was in the refused commit: the failure follows the last event stored.
    expect(types(history)).toEqual(['ExecutionStarted', 'ExecutionFailed']);
    expect(history.at(-1)!.previousEventId).toBe(1);
  });
});

describe('recovery after deferred deletions were lost', () => {
  it('ignores and removes the finished children a crash left behind, and reuses their ids safely', async () => {
    const inner = createMemoryStore();
    let dropDeletes = true;
    const store: Store = {
      ...inner,
      maxItemsPerCommit: 25,
      async commit(changes) {
        const onlyDeletes = Object.keys(changes).every(
          (k) => k === 'deleteThreads' || k === 'deleteTaskTokens',
        );
        if (dropDeletes && onlyDeletes) throw new Error('lost');
        return inner.commit(changes);
      },
    };
    const definition = jsonata({
      First: {
        Type: 'Map',
        Items: '{% $states.input %}',
        ItemProcessor: {
          StartAt: 'A',
          States: {
            A: { Type: 'Pass', Assign: { mine: '{% $states.input %}' }, Output: 'first', End: true },
          },
        },
        Next: 'Pause',
      },
      Pause: { Type: 'Wait', Seconds: 10, Next: 'Second' },
      Second: {
        Type: 'Map',
        Items: '{% $states.input %}',
        ItemProcessor: {
          StartAt: 'B',
          States: { B: { Type: 'Pass', Output: '{% $exists($mine) %}', End: true } },
        },
        End: true,
      },
    });
    const start = Date.UTC(2024, 0, 1);
    // First life: a clock whose timers never fire, so the run parks in the Wait.
    const frozen = { now: () => start, setTimer: () => () => {} };
    const first = createRuntime({ store, tasks: {}, clock: frozen });
    const { stateMachineArn } = await first.createStateMachine({ name: 'm', definition });
    const input = JSON.stringify(Array.from({ length: 60 }, (_, i) => i));
    const { executionArn } = await first.startExecution({ stateMachineArn, input });
    const entered = async () =>
      (await store.getHistory(executionArn, { maxResults: 1000 })).items.some(
        (e) => e.type === 'WaitStateEntered',
      );
    while (!(await entered())) await new Promise((r) => setImmediate(r));
    await first.close();
    expect((await store.listThreads(executionArn)).length).toBeGreaterThan(2);

    dropDeletes = false;
    const second = createRuntime({ store, tasks: {}, clock: createVirtualClock(start) });
    expect(await second.recover()).toBe(1);
    const done = await second.waitForExecution(executionArn);
    await second.close();
    expect(done.status).toBe('SUCCEEDED');
    // No iteration of the second Map sees a variable left by the first Map's iteration of that id.
    expect(JSON.parse(done.output!)).toEqual(Array.from({ length: 60 }, () => false));
    expect(await store.listThreads(executionArn)).toEqual([]);
  });
});

describe('splitChanges', () => {
  const arn = 'arn:x';
  const changes = fc.record({
    executions: fc.integer({ min: 0, max: 1 }),
    events: fc.integer({ min: 0, max: 300 }),
    threads: fc.integer({ min: 0, max: 20 }),
    deletes: fc.integer({ min: 0, max: 300 }),
    tokens: fc.integer({ min: 0, max: 3 }),
    budget: fc.integer({ min: 25, max: 120 }),
  });

  it('keeps every part within the budget, the state change in one part, and every record once, in order', () => {
    fc.assert(
      fc.property(changes, (k) => {
        const c: StoreChanges = {
          executions: Array.from({ length: k.executions }, () => ({}) as never),
          history: [
            {
              executionArn: arn,
              events: Array.from({ length: k.events }, (_, i) => ({ id: i + 1 }) as never),
            },
          ],
          threads: Array.from({ length: k.threads }, (_, i) => ({
            executionArn: arn,
            threadId: `t${i}`,
            state: {},
          })),
          deleteThreads: Array.from({ length: k.deletes }, (_, i) => ({
            executionArn: arn,
            threadId: `d${i}`,
          })),
          taskTokens: Array.from({ length: k.tokens }, (_, i) => ({
            taskToken: `k${i}`,
            executionArn: arn,
            threadId: 't',
          })),
        };
        const { before, head, after } = splitChanges(c, k.budget);
        const parts = [...before, head, ...after];
        for (const p of parts) expect(itemCount(p)).toBeLessThanOrEqual(k.budget);
        expect(parts.reduce((n, p) => n + itemCount(p), 0)).toBe(itemCount(c));
        expect(head.threads ?? []).toEqual(c.threads!.length ? c.threads : []);
        expect(head.executions?.length ?? 0).toBe(k.executions);
        const ids = parts.flatMap((p) => (p.history ?? []).flatMap((h) => h.events.map((e) => e.id)));
        expect(ids).toEqual(Array.from({ length: k.events }, (_, i) => i + 1));
        for (const p of before) expect(Object.keys(p)).toEqual(['history']);
        for (const p of after) expect(p.history).toBeUndefined();
      }),
    );
  });
});
