import type { ExecutionRecord, HistoryEvent, Store, StoreChanges, TaskTokenRecord } from '../ports.ts';
import { type SplitCommit, splitChanges } from './commit-split.ts';
import { makeEvent } from './history.ts';
import type { ThreadState } from './thread.ts';

// Commits: every transition's history events and thread changes go to the Store in one atomic
// batch. Event ids are given at commit time, in commit order, so the stored order is id order
// even when threads interleave.

/** An event whose id is given when its batch is committed (ids follow commit order). */
export interface PendingEvent {
  event: HistoryEvent;
  prev: number | PendingEvent;
  /** The thread whose `last` becomes this event's id. */
  owner?: ThreadState;
  /** A StateEntered event: its id becomes the owner's `enteredId`. */
  entered?: boolean;
  /** Called with the id once assigned (rare: Parallel/Map start). */
  onId?: ((id: number) => void)[];
}

export class Batch {
  /** The execution's clock: events are stamped when they happen, not when they land. */
  constructor(readonly now?: () => number) {}
  events: PendingEvent[] = [];
  threads: ThreadState[] = [];
  deletes: string[] = [];
  /** Threads whose variables changed: their variables record is rewritten. */
  vars: ThreadState[] = [];
  tokens: TaskTokenRecord[] = [];
  deleteTokens: string[] = [];
  execution?: ExecutionRecord;

  isEmpty(): boolean {
    return (
      !this.events.length &&
      !this.threads.length &&
      !this.deletes.length &&
      !this.vars.length &&
      !this.tokens.length &&
      !this.deleteTokens.length &&
      !this.execution
    );
  }
}

/**
 * The store refused a commit. Not a state's error: no Retry/Catch sees it; the execution fails
 * with States.Runtime (Execution.internalFailure).
 */
export class CommitRefused extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'CommitRefused';
  }
}

/** The batch a step is filling; `flush` commits it and starts the next. */
export interface Tx {
  batch: Batch;
}

/** Thread-record id suffix of a thread's variables. */
export const VARS_SUFFIX = '#vars';

/**
 * Adds an event to a batch. `prev` defaults to the thread's latest event (in this batch, or its
 * committed `last`); a thread-less event (`s` undefined) needs an explicit `prev`.
 */
export function emit(
  batch: Batch,
  s: ThreadState | undefined,
  type: string,
  detail?: Record<string, unknown>,
  prev?: number | PendingEvent,
): PendingEvent {
  if (prev === undefined) prev = s ? (lastEventOf(batch, s) ?? s.last) : 0;
  const pending: PendingEvent = {
    event: makeEvent(0, 0, batch.now ? batch.now() : 0, type, detail),
    prev,
    owner: s,
  };
  batch.events.push(pending);
  return pending;
}

/** The latest event of a thread in a batch not yet committed. */
function lastEventOf(batch: Batch, s: ThreadState): PendingEvent | undefined {
  for (let i = batch.events.length - 1; i >= 0; i--) if (batch.events[i].owner === s) return batch.events[i];
  return undefined;
}

/** One execution's writer: numbers events and keeps commits landing in the order they were made. */
export class Journal {
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  /** Most records per store commit (`Store.maxItemsPerCommit`). */
  readonly budget: number;
  /** Id of the last event known to be in the store. */
  landed: number;
  /** The execution record as last committed (undefined until a commit carried one). */
  landedRecord: ExecutionRecord | undefined;
  /** Timestamp of the last event numbered: history stays in time order even across threads. */
  private lastTimestamp = 0;

  constructor(
    private readonly store: Store,
    private readonly arn: string,
    private readonly now: () => number,
    /** Id of the last event given out. */
    public seq: number,
  ) {
    this.budget = store.maxItemsPerCommit ?? Number.POSITIVE_INFINITY;
    this.landed = seq;
  }

  /** Resolves once every commit made so far has settled. */
  settled(): Promise<void> {
    return this.chain;
  }

  commit(batch: Batch): Promise<void> {
    const arn = this.arn;
    const firstId = this.seq + 1;
    const changes: StoreChanges = {};
    if (batch.execution) changes.executions = [batch.execution];
    if (batch.events.length) {
      const now = this.now();
      for (const p of batch.events) {
        const id = ++this.seq;
        p.event.id = id;
        // Stamped at emit (a commit can land after a virtual-clock jump); never before the last.
        const at = p.event.timestamp || now;
        p.event.timestamp = at < this.lastTimestamp ? this.lastTimestamp : at;
        this.lastTimestamp = p.event.timestamp;
        p.event.previousEventId = typeof p.prev === 'number' ? p.prev : p.prev.event.id;
        if (p.owner) {
          p.owner.last = id;
          if (p.entered) p.owner.enteredId = id;
        }
        if (p.onId) for (const f of p.onId) f(id);
      }
      const events = new Array<HistoryEvent>(batch.events.length);
      // Numbered: nothing changes it any more (its details were frozen when it was made).
      for (let i = 0; i < events.length; i++) events[i] = Object.freeze(batch.events[i].event);
      changes.history = [{ executionArn: arn, events }];
    }
    if (batch.threads.length)
      changes.threads = (batch.threads.length > 1 ? unique(batch.threads) : batch.threads).map((state) => ({
        executionArn: arn,
        threadId: state.id,
        // Variables live in their own record, rewritten only when an Assign changes them.
        state: { ...state, vars: undefined },
      }));
    if (batch.vars.length) {
      changes.threads ??= [];
      const deleted = new Set(batch.deletes);
      for (const state of batch.vars)
        if (!deleted.has(state.id))
          changes.threads.push({
            executionArn: arn,
            threadId: `${state.id}${VARS_SUFFIX}`,
            state: state.vars,
          });
    }
    if (batch.deletes.length)
      changes.deleteThreads = batch.deletes.flatMap((threadId) => [
        { executionArn: arn, threadId },
        { executionArn: arn, threadId: `${threadId}${VARS_SUFFIX}` },
      ]);
    if (batch.tokens.length) changes.taskTokens = batch.tokens;
    if (batch.deleteTokens.length) changes.deleteTaskTokens = batch.deleteTokens;
    const lastId = this.seq;
    const record = batch.execution;
    let parts: SplitCommit | undefined;
    try {
      if (this.budget !== Number.POSITIVE_INFINITY) parts = splitChanges(changes, this.budget);
    } catch (err) {
      this.forget(firstId, lastId);
      return Promise.reject(new CommitRefused(err));
    }
    const write = parts ? () => this.writeSplit(parts) : () => this.store.commit(changes);
    // Commits land in the order they were made, which is also event-id order.
    const landed = this.inFlight === 0 ? write() : this.chain.then(write);
    this.inFlight++;
    const done = () => {
      this.inFlight--;
    };
    this.chain = landed.then(done, done);
    return landed.then(
      () => {
        if (lastId > this.landed) this.landed = lastId;
        if (record) this.landedRecord = record;
      },
      (err) => {
        // Ids are given back only if none of the batch's events can have landed.
        if (!parts || parts.before.length === 0) this.forget(firstId, lastId);
        throw err instanceof CommitRefused ? err : new CommitRefused(err);
      },
    );
  }

  /** A batch that did not land gives its event ids back, if no later batch took ids since. */
  private forget(firstId: number, lastId: number) {
    if (this.seq === lastId && lastId >= firstId) this.seq = firstId - 1;
  }

  /** Events first, then the state change, then deletions (see commit-split.ts). */
  private async writeSplit(parts: SplitCommit): Promise<void> {
    for (const part of parts.before) await this.store.commit(part);
    await this.store.commit(parts.head);
    // Leftover records of finished threads are garbage recovery ignores: a failure is not fatal.
    for (const part of parts.after) await this.store.commit(part).catch(() => {});
  }
}

/** The distinct threads of a batch, first occurrence first (usually one or two: no Set needed). */
function unique(list: ThreadState[]): ThreadState[] {
  const out: ThreadState[] = [];
  for (const s of list) if (!out.includes(s)) out.push(s);
  return out;
}
