import type { StoreChanges } from '../ports.ts';

// A store may take only so many records per atomic commit (DynamoDB's TransactWriteItems: 100).
// A runtime batch over that budget is written as consecutive commits, in an order that keeps a
// crash between them harmless:
//   1. history events alone (the earliest ones), in id order: a crash leaves extra history, never
//      a wrong state;
//   2. the state change itself, atomic: executions, threads, task tokens, plus the last events;
//   3. deletions of threads and tokens nobody reads any more (finished children, a finished
//      execution's threads): a crash leaves garbage that recovery ignores and removes.

/** Records one commit writes: each put or delete of an execution, event, thread or token is one. */
export function itemCount(c: StoreChanges): number {
  let n =
    (c.stateMachines?.length ?? 0) +
    (c.executions?.length ?? 0) +
    (c.threads?.length ?? 0) +
    (c.deleteThreads?.length ?? 0) +
    (c.taskTokens?.length ?? 0) +
    (c.deleteTaskTokens?.length ?? 0);
  for (const h of c.history ?? []) n += h.events.length;
  return n;
}

/** A change set over `budget` records that cannot be split without losing atomicity. */
export class CommitTooLargeError extends Error {
  constructor(records: number, budget: number) {
    super(
      `One transition has to write ${records} records at once; the store takes at most ${budget} per commit.`,
    );
    this.name = 'CommitTooLarge';
  }
}

export interface SplitCommit {
  /** Events only, written first. */
  before: StoreChanges[];
  /** The state change (atomic). */
  head: StoreChanges;
  /** Deletions only, written last (a failure there leaves garbage, not a wrong state). */
  after: StoreChanges[];
}

/** The commits to write, in order. */
export function splitChanges(c: StoreChanges, budget: number): SplitCommit {
  if (itemCount(c) <= budget) return { before: [], head: c, after: [] };
  const head: StoreChanges = {};
  if (c.stateMachines) head.stateMachines = c.stateMachines;
  if (c.executions) head.executions = c.executions;
  if (c.threads) head.threads = c.threads;
  if (c.taskTokens) head.taskTokens = c.taskTokens;
  const puts = itemCount(head);
  if (puts > budget) throw new CommitTooLargeError(puts, budget);
  const before: StoreChanges[] = [];
  const after: StoreChanges[] = [];
  // 1. The earliest events alone; the latest ones ride with the state change.
  let room = budget - puts;
  for (const h of c.history ?? []) {
    const keep = Math.min(room, h.events.length);
    const early = h.events.slice(0, h.events.length - keep);
    for (let i = 0; i < early.length; i += budget)
      before.push({ history: [{ executionArn: h.executionArn, events: early.slice(i, i + budget) }] });
    if (keep > 0) {
      head.history ??= [];
      head.history.push({ executionArn: h.executionArn, events: h.events.slice(-keep) });
    }
    room -= keep;
  }
  // 2. The state change, with as many deletions as still fit; 3. the other deletions.
  const deletes: ({ thread: NonNullable<StoreChanges['deleteThreads']>[number] } | { token: string })[] = [
    ...(c.deleteThreads ?? []).map((thread) => ({ thread })),
    ...(c.deleteTaskTokens ?? []).map((token) => ({ token })),
  ];
  const addDeletes = (target: StoreChanges, list: typeof deletes) => {
    for (const d of list) {
      if ('thread' in d) {
        target.deleteThreads ??= [];
        target.deleteThreads.push(d.thread);
      } else {
        target.deleteTaskTokens ??= [];
        target.deleteTaskTokens.push(d.token);
      }
    }
  };
  addDeletes(head, deletes.slice(0, room));
  for (let i = room; i < deletes.length; i += budget) {
    const tail: StoreChanges = {};
    addDeletes(tail, deletes.slice(i, i + budget));
    after.push(tail);
  }
  return { before, head, after };
}
