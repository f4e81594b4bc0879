// The Store contract: one vitest suite every adapter must pass (memory, SQLite, DynamoDB…).
// Usage, in the adapter's test file:
//   describeStoreContract('SQLite store', () => createSqliteStore({ path: tempFile() }));
// Exported as `@flowdeck/engine/store-contract` (not from the main index: it imports vitest).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent, Page, Store, StoreChanges } from '../ports.ts';

const MACHINE = 'arn:aws:states:local:000000000000:stateMachine:contract';

export function execution(name: string, overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    executionArn: `arn:aws:states:local:000000000000:execution:contract:${name}`,
    stateMachineArn: MACHINE,
    name,
    status: 'RUNNING',
    input: '{"n":1}',
    startDate: 1_700_000_000_000,
    definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
    ...overrides,
  };
}

export function event(
  id: number,
  type = 'PassStateEntered',
  details: Record<string, unknown> = {},
): HistoryEvent {
  return { id, previousEventId: id - 1, timestamp: 1_700_000_000_000 + id, type, ...details };
}

/** Reads every page of `read` and concatenates them; fails if a page breaks the size limit. */
export async function allPages<T>(
  read: (nextToken: string | undefined) => Promise<Page<T>>,
  pageSize: number,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await read(token);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.items);
    token = page.nextToken;
    if (!token) return items;
    expect(page.items.length).toBe(pageSize);
  }
  throw new Error('paging never ended');
}

function newestFirst(a: ExecutionRecord, b: ExecutionRecord): number {
  return b.startDate - a.startDate || (a.executionArn < b.executionArn ? -1 : 1);
}

/** A value no store can keep: JSON refuses the BigInt, structured clone refuses the function. */
function unstorable(): unknown {
  return { count: 1n, callback: () => 1 };
}

export function describeStoreContract(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`${name}: Store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('records', () => {
      it('keeps a state machine and an execution exactly as committed', async () => {
        const sm = {
          stateMachineArn: MACHINE,
          name: 'contract',
          definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
          type: 'STANDARD' as const,
          creationDate: 1_699_999_999_000,
        };
        const done = execution('done', {
          status: 'FAILED',
          error: 'States.TaskFailed',
          cause: 'boom',
          stopDate: 1_700_000_000_500,
        });
        await store.commit({ stateMachines: [sm], executions: [execution('a'), done] });
        expect(await store.getStateMachine(MACHINE)).toEqual(sm);
        expect(await store.getExecution(execution('a').executionArn)).toEqual(execution('a'));
        expect(await store.getExecution(done.executionArn)).toEqual(done);
      });

      it('replaces the whole execution record on upsert, dropping fields the new record lacks', async () => {
        const arn = execution('a').executionArn;
        await store.commit({ executions: [execution('a', { status: 'SUCCEEDED', output: '{"ok":true}' })] });
        await store.commit({ executions: [execution('a', { status: 'RUNNING' })] });
        const read = await store.getExecution(arn);
        expect(read?.status).toBe('RUNNING');
        expect(read?.output).toBeUndefined();
      });

      it('answers undefined or empty for things it does not hold', async () => {
        expect(await store.getStateMachine('arn:nope')).toBeUndefined();
        expect(await store.getExecution('arn:nope')).toBeUndefined();
        expect(await store.getTaskToken('nope')).toBeUndefined();
        expect(await store.listThreads('arn:nope')).toEqual([]);
        expect((await store.getHistory('arn:nope')).items).toEqual([]);
        expect(await store.listExecutions({})).toEqual({ items: [] });
        expect(await store.listRunningExecutions()).toEqual([]);
      });

      it('hands out copies: mutating what it returned or what was committed changes nothing stored', async () => {
        const ex = execution('a');
        const ev = event(1, 'ExecutionStarted', {
          executionStartedEventDetails: { input: '{}', tags: ['x'] },
        });
        const state = { path: ['Main'], vars: { n: 1 } };
        const changes: StoreChanges = {
          executions: [ex],
          history: [{ executionArn: ex.executionArn, events: [ev] }],
          threads: [{ executionArn: ex.executionArn, threadId: 'main', state }],
          taskTokens: [{ taskToken: 't1', executionArn: ex.executionArn, threadId: 'main' }],
        };
        await store.commit(changes);
        ex.status = 'ABORTED';
        (ev.executionStartedEventDetails as { tags: string[] }).tags.push('mutated');
        state.vars.n = 99;

        const readEx = await store.getExecution(ex.executionArn);
        readEx!.status = 'FAILED';
        const [readEv] = (await store.getHistory(ex.executionArn)).items;
        (readEv.executionStartedEventDetails as { tags: string[] }).tags.push('mutated again');
        const [readThread] = await store.listThreads(ex.executionArn);
        (readThread.state as { vars: { n: number } }).vars.n = 42;
        const token = await store.getTaskToken('t1');
        token!.threadId = 'other';
        const [running] = await store.listRunningExecutions();
        running.name = 'renamed';

        expect(await store.getExecution(ex.executionArn)).toEqual(execution('a'));
        expect((await store.getHistory(ex.executionArn)).items).toEqual([
          event(1, 'ExecutionStarted', { executionStartedEventDetails: { input: '{}', tags: ['x'] } }),
        ]);
        expect(await store.listThreads(ex.executionArn)).toEqual([
          { executionArn: ex.executionArn, threadId: 'main', state: { path: ['Main'], vars: { n: 1 } } },
        ]);
        expect(await store.getTaskToken('t1')).toEqual({
          taskToken: 't1',
          executionArn: ex.executionArn,
          threadId: 'main',
        });
        expect((await store.listRunningExecutions())[0].name).toBe('a');
      });
    });

    describe('commit', () => {
      it('is atomic: a commit that fails leaves nothing of itself behind', async () => {
        const ex = execution('a');
        const failing = store.commit({
          stateMachines: [
            { stateMachineArn: MACHINE, name: 'm', definition: '{}', type: 'STANDARD', creationDate: 1 },
          ],
          executions: [ex],
          history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted')] }],
          taskTokens: [{ taskToken: 't1', executionArn: ex.executionArn, threadId: 'main' }],
          threads: [{ executionArn: ex.executionArn, threadId: 'main', state: unstorable() }],
        });
        await expect(failing).rejects.toThrow();
        expect(await store.getStateMachine(MACHINE)).toBeUndefined();
        expect(await store.getExecution(ex.executionArn)).toBeUndefined();
        expect((await store.getHistory(ex.executionArn)).items).toEqual([]);
        expect(await store.getTaskToken('t1')).toBeUndefined();
        expect(await store.listThreads(ex.executionArn)).toEqual([]);
      });

      it('keeps a failed commit from spoiling commits made at the same moment', async () => {
        const good = execution('good');
        const bad = execution('bad');
        const results = await Promise.allSettled([
          store.commit({ executions: [good] }),
          store.commit({
            executions: [bad],
            threads: [{ executionArn: bad.executionArn, threadId: 'main', state: unstorable() }],
          }),
          store.commit({ history: [{ executionArn: good.executionArn, events: [event(1)] }] }),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.getExecution(good.executionArn)).toEqual(good);
        expect(await store.getExecution(bad.executionArn)).toBeUndefined();
        expect((await store.getHistory(good.executionArn)).items).toEqual([event(1)]);
      });

      it('lands every one of many concurrent commits, each visible once its promise resolves', async () => {
        const names = Array.from({ length: 200 }, (_, i) => `c${String(i).padStart(3, '0')}`);
        await Promise.all(
          names.map(async (n) => {
            const ex = execution(n);
            await store.commit({
              executions: [ex],
              history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted')] }],
            });
            expect((await store.getExecution(ex.executionArn))?.name).toBe(n);
          }),
        );
        const all = await allPages(
          (nextToken) => store.listExecutions({ maxResults: 1000, nextToken }),
          1000,
        );
        expect(all.map((e) => e.name).sort()).toEqual(names);
      });

      it('applies an empty commit without complaint', async () => {
        await expect(store.commit({})).resolves.toBeUndefined();
      });
    });

    describe('history', () => {
      const arn = execution('h').executionArn;
      async function seed(count: number) {
        await store.commit({ executions: [execution('h'), execution('other')] });
        // Several commits, as a runtime appends them transition by transition.
        for (let id = 1; id <= count; id += 4) {
          const events = [];
          for (let k = id; k < id + 4 && k <= count; k++) {
            events.push(event(k, k === 1 ? 'ExecutionStarted' : 'PassStateEntered', { detail: { k } }));
          }
          await store.commit({ history: [{ executionArn: arn, events }] });
        }
        await store.commit({
          history: [{ executionArn: execution('other').executionArn, events: [event(1), event(2)] }],
        });
      }

      it('returns an execution’s events oldest first, and only its own', async () => {
        await seed(10);
        const { items, nextToken } = await store.getHistory(arn);
        expect(nextToken).toBeUndefined();
        expect(items.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(items[3]).toEqual(event(4, 'PassStateEntered', { detail: { k: 4 } }));
      });

      it('returns newest first with reverseOrder', async () => {
        await seed(10);
        const { items } = await store.getHistory(arn, { reverseOrder: true });
        expect(items.map((e) => e.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      });

      it('pages forwards and backwards with opaque tokens, without gaps or repeats', async () => {
        await seed(11);
        const forward = await allPages((nextToken) => store.getHistory(arn, { maxResults: 3, nextToken }), 3);
        expect(forward.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        const backward = await allPages(
          (nextToken) => store.getHistory(arn, { maxResults: 4, nextToken, reverseOrder: true }),
          4,
        );
        expect(backward.map((e) => e.id)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      });

      it('gives pages of 100 when maxResults is absent or 0', async () => {
        await seed(150);
        for (const maxResults of [undefined, 0]) {
          const first = await store.getHistory(arn, { maxResults });
          expect(first.items).toHaveLength(100);
          const second = await store.getHistory(arn, { maxResults, nextToken: first.nextToken });
          expect(second.items.map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, i) => 101 + i));
          expect(second.nextToken).toBeUndefined();
        }
      });

      it('ends exactly on a full last page without a dangling token', async () => {
        await seed(6);
        const first = await store.getHistory(arn, { maxResults: 3 });
        const second = await store.getHistory(arn, { maxResults: 3, nextToken: first.nextToken });
        expect(second.items.map((e) => e.id)).toEqual([4, 5, 6]);
        expect(second.nextToken).toBeUndefined();
      });
    });

    describe('listExecutions', () => {
      const OTHER = `${MACHINE}-other`;
      const records = [
        execution('e1', { startDate: 1000 }),
        execution('e2', { startDate: 3000, status: 'SUCCEEDED', output: '1', stopDate: 3500 }),
        execution('e3', { startDate: 2000, stateMachineArn: OTHER }),
        execution('e4', { startDate: 3000 }), // same start as e2: ARN breaks the tie
        execution('e5', { startDate: 500, status: 'FAILED', error: 'E', stateMachineArn: OTHER }),
      ];

      it('lists newest first, ties broken by ARN', async () => {
        await store.commit({ executions: records });
        const { items } = await store.listExecutions({});
        expect(items.map((e) => e.name)).toEqual(['e2', 'e4', 'e3', 'e1', 'e5']);
        expect(items[0]).toEqual(records[1]);
      });

      it('filters by state machine, by status, and by both', async () => {
        await store.commit({ executions: records });
        const names = async (q: { stateMachineArn?: string; status?: ExecutionStatus }) =>
          (await store.listExecutions(q)).items.map((e) => e.name);
        expect(await names({ stateMachineArn: OTHER })).toEqual(['e3', 'e5']);
        expect(await names({ status: 'RUNNING' })).toEqual(['e4', 'e3', 'e1']);
        expect(await names({ stateMachineArn: MACHINE, status: 'RUNNING' })).toEqual(['e4', 'e1']);
        expect(await names({ stateMachineArn: OTHER, status: 'SUCCEEDED' })).toEqual([]);
      });

      it('follows status changes: a finished execution leaves the RUNNING list', async () => {
        await store.commit({ executions: records });
        await store.commit({
          executions: [{ ...records[3], status: 'SUCCEEDED', output: '{}', stopDate: 4000 }],
        });
        const running = (await store.listExecutions({ status: 'RUNNING' })).items.map((e) => e.name);
        expect(running).toEqual(['e3', 'e1']);
        expect((await store.listRunningExecutions()).map((e) => e.name).sort()).toEqual(['e1', 'e3']);
      });

      it('pages through any set of executions and filters, newest first, without gaps or repeats', async () => {
        let run = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({
                startDate: fc.integer({ min: 0, max: 6 }),
                status: fc.constantFrom<ExecutionStatus>('RUNNING', 'SUCCEEDED', 'FAILED'),
              }),
              { maxLength: 25 },
            ),
            fc.integer({ min: 1, max: 7 }),
            fc.option(fc.constantFrom<ExecutionStatus>('RUNNING', 'SUCCEEDED', 'FAILED'), { nil: undefined }),
            async (specs, pageSize, status) => {
              // Each run uses its own machine so earlier runs in this store do not interfere.
              const stateMachineArn = `${MACHINE}-prop${run++}`;
              const all = specs.map((s, i) =>
                execution(`p${run}-${i}`, {
                  ...s,
                  stateMachineArn,
                  executionArn: `${stateMachineArn}:x${i}`,
                }),
              );
              await store.commit({ executions: all });
              const paged = await allPages(
                (nextToken) =>
                  store.listExecutions({ stateMachineArn, status, maxResults: pageSize, nextToken }),
                pageSize,
              );
              const expected = all.filter((e) => !status || e.status === status).sort(newestFirst);
              expect(paged).toEqual(expected);
            },
          ),
          { numRuns: 40 },
        );
      });
    });

    describe('threads', () => {
      const arn = execution('t').executionArn;

      it('upserts a thread’s state and deletes threads, per execution', async () => {
        const other = execution('u');
        await store.commit({
          executions: [execution('t'), other],
          threads: [
            { executionArn: arn, threadId: 'main', state: { at: 'A' } },
            { executionArn: arn, threadId: 'main/0', state: { at: 'B', items: [1, null, 'x'] } },
            { executionArn: other.executionArn, threadId: 'main', state: { at: 'Z' } },
          ],
        });
        await store.commit({ threads: [{ executionArn: arn, threadId: 'main', state: { at: 'C' } }] });
        const byId = (list: { threadId: string }[]) =>
          [...list].sort((a, b) => (a.threadId < b.threadId ? -1 : 1));
        expect(byId(await store.listThreads(arn))).toEqual([
          { executionArn: arn, threadId: 'main', state: { at: 'C' } },
          { executionArn: arn, threadId: 'main/0', state: { at: 'B', items: [1, null, 'x'] } },
        ]);

        await store.commit({
          deleteThreads: [
            { executionArn: arn, threadId: 'main/0' },
            { executionArn: arn, threadId: 'never-existed' },
          ],
        });
        expect(await store.listThreads(arn)).toEqual([
          { executionArn: arn, threadId: 'main', state: { at: 'C' } },
        ]);
        expect(await store.listThreads(other.executionArn)).toEqual([
          { executionArn: other.executionArn, threadId: 'main', state: { at: 'Z' } },
        ]);
      });
    });

    describe('deleteExecution', () => {
      it('forgets a finished execution with its history, threads and task tokens, and nothing else', async () => {
        const done = execution('gone', { status: 'SUCCEEDED', output: '{}', stopDate: 1_700_000_000_900 });
        const kept = execution('kept', { status: 'FAILED', error: 'E', stopDate: 1_700_000_000_900 });
        for (const ex of [done, kept]) {
          await store.commit({
            executions: [ex],
            history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted'), event(2)] }],
            threads: [{ executionArn: ex.executionArn, threadId: 'main', state: { at: 'A' } }],
            taskTokens: [{ taskToken: `tok-${ex.name}`, executionArn: ex.executionArn, threadId: 'main' }],
          });
        }
        await store.deleteExecution(done.executionArn);
        expect(await store.getExecution(done.executionArn)).toBeUndefined();
        expect((await store.getHistory(done.executionArn)).items).toEqual([]);
        expect(await store.listThreads(done.executionArn)).toEqual([]);
        expect(await store.getTaskToken('tok-gone')).toBeUndefined();
        expect((await store.listExecutions({})).items.map((e) => e.name)).toEqual(['kept']);

        expect(await store.getExecution(kept.executionArn)).toEqual(kept);
        expect((await store.getHistory(kept.executionArn)).items).toHaveLength(2);
        expect(await store.listThreads(kept.executionArn)).toHaveLength(1);
        expect(await store.getTaskToken('tok-kept')).toBeDefined();
        // Deleting again, or something never stored, is a no-op.
        await expect(store.deleteExecution(done.executionArn)).resolves.toBeUndefined();
        await expect(store.deleteExecution('arn:nope')).resolves.toBeUndefined();
      });

      it('refuses to delete a RUNNING execution and keeps all of it', async () => {
        const ex = execution('busy');
        await store.commit({
          executions: [ex],
          history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted')] }],
          threads: [{ executionArn: ex.executionArn, threadId: 'main', state: { at: 'A' } }],
          taskTokens: [{ taskToken: 'tok-busy', executionArn: ex.executionArn, threadId: 'main' }],
        });
        await expect(store.deleteExecution(ex.executionArn)).rejects.toThrow(/RUNNING/);
        expect(await store.getExecution(ex.executionArn)).toEqual(ex);
        expect((await store.getHistory(ex.executionArn)).items).toHaveLength(1);
        expect(await store.listThreads(ex.executionArn)).toHaveLength(1);
        expect(await store.getTaskToken('tok-busy')).toBeDefined();
        expect((await store.listRunningExecutions()).map((e) => e.name)).toEqual(['busy']);
      });

      it('lets a deleted execution’s name be used again from scratch', async () => {
        const ex = execution('again', { status: 'ABORTED', stopDate: 1_700_000_000_100 });
        await store.commit({
          executions: [ex],
          history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted'), event(2)] }],
        });
        await store.deleteExecution(ex.executionArn);
        await store.commit({
          executions: [execution('again')],
          history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted')] }],
        });
        expect((await store.getHistory(ex.executionArn)).items).toEqual([event(1, 'ExecutionStarted')]);
      });
    });

    describe('task tokens', () => {
      it('finds a token’s execution and thread until the token is deleted', async () => {
        const ex = execution('k');
        await store.commit({
          executions: [ex],
          taskTokens: [
            { taskToken: 'tok-1', executionArn: ex.executionArn, threadId: 'main' },
            { taskToken: 'tok-2', executionArn: ex.executionArn, threadId: 'main/1' },
          ],
        });
        expect(await store.getTaskToken('tok-2')).toEqual({
          taskToken: 'tok-2',
          executionArn: ex.executionArn,
          threadId: 'main/1',
        });
        await store.commit({ deleteTaskTokens: ['tok-1', 'unknown'] });
        expect(await store.getTaskToken('tok-1')).toBeUndefined();
        expect(await store.getTaskToken('tok-2')).toBeDefined();
      });
    });
  });
}
