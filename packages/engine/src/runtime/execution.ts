import type { Clock, ExecutionRecord, Store, TaskHandlers, ThreadRecord } from '../ports.ts';
import { Batch, Journal, type PendingEvent, type Tx, VARS_SUFFIX, emit } from './commit.ts';
import type { StateEnv } from './dataflow.ts';
import type { Definition, Machine } from './definition.ts';
import { details } from './history.ts';
import { type Attempt, type Live, STOPPED, countFinishedKid, newLive, stopThread } from './live.ts';
import { emitAborted, lastOf } from './aborts.ts';
import { type ContextParts, stateEnv } from './scope.ts';
import { step } from './step.ts';
import type { ThreadState } from './thread.ts';

// One execution: its threads (main path, Parallel branches, Map iterations), its journal of
// commits, and how it ends. Each thread advances state by state (step.ts, states/); every
// transition's events and thread changes go to the Store in one commit, and the thread only
// moves on once that commit has landed.

/** AWS's hard quota: event 25,000 must be ExecutionSucceeded, or it is ExecutionFailed. */
export const HISTORY_LIMIT = 25_000;
const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${HISTORY_LIMIT}).`;

export interface ExecutionDeps {
  store: Store;
  tasks: TaskHandlers;
  clock: Clock;
  region: string;
  accountId: string;
  maxPayloadBytes: number;
  registerToken(token: string, execution: Execution): void;
  unregisterToken(token: string): void;
  onFinished(execution: Execution): void;
}

export class Execution {
  readonly arn: string;
  /** True once the execution ended (or was detached): no thread moves any more. */
  done = false;
  readonly threads = new Map<string, Live>();
  readonly journal: Journal;
  /** The execution's clock, as history stamps events. */
  readonly now = () => this.deps.clock.now();
  private readonly finished: Promise<void>;
  private resolveFinished!: () => void;
  private cancelTimeout?: () => void;
  private readonly context: ContextParts;

  private constructor(
    readonly deps: ExecutionDeps,
    private record: ExecutionRecord,
    private readonly def: Definition,
    input: unknown,
    seq: number,
  ) {
    this.arn = record.executionArn;
    this.journal = new Journal(deps.store, record.executionArn, () => deps.clock.now(), seq);
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
    const smName = record.stateMachineArn.split(':').pop()!;
    this.context = {
      Execution: {
        Id: record.executionArn,
        Input: input,
        Name: record.name,
        RoleArn: roleArn(deps.accountId),
        StartTime: new Date(record.startDate).toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: record.stateMachineArn, Name: smName },
    };
  }

  /** Writes ExecutionStarted with the main thread, then runs. */
  static async start(
    deps: ExecutionDeps,
    record: ExecutionRecord,
    def: Definition,
    input: unknown,
  ): Promise<Execution> {
    const exec = new Execution(deps, record, def, input, 0);
    const main: ThreadState = {
      id: 'main',
      path: [],
      state: def.machine.startAt,
      input,
      vars: {},
      last: 0,
      enteredAt: record.startDate,
      phase: 'enter',
    };
    const live = exec.adopt(main);
    live.inputText = record.input;
    const batch = new Batch(exec.now);
    // AWS quirk kept: the first state's StateEntered has previousEventId 0, like ExecutionStarted.
    emit(
      batch,
      undefined,
      'ExecutionStarted',
      details.executionStarted(record.input, roleArn(deps.accountId)),
      0,
    );
    batch.execution = record;
    batch.threads.push(main);
    await exec.commit(batch);
    exec.launch();
    return exec;
  }

  /** Rebuilds an execution from its stored threads and resumes every one of them. */
  static restore(
    deps: ExecutionDeps,
    record: ExecutionRecord,
    def: Definition,
    threads: ThreadRecord[],
    lastEventId: number,
  ): Execution {
    const exec = new Execution(deps, record, def, JSON.parse(record.input), lastEventId);
    const vars = new Map<string, Record<string, unknown>>();
    for (const t of threads)
      if (t.threadId.endsWith(VARS_SUFFIX))
        vars.set(t.threadId.slice(0, -VARS_SUFFIX.length), t.state as Record<string, unknown>);
    const states = threads
      .filter((t) => !t.threadId.endsWith(VARS_SUFFIX))
      .map((t) => ({ ...(t.state as ThreadState), vars: vars.get(t.threadId) ?? {} }));
    // Parents before children, so a child can read its parent's variables.
    states.sort((a, b) => a.id.split('/').length - b.id.split('/').length);
    const stale: string[] = [];
    for (const s of states) {
      if (s.parent && !isChildOf(s, exec.threads.get(s.parent))) {
        stale.push(s.id); // a finished Parallel/Map's child whose deletion did not land
        continue;
      }
      exec.adopt(s);
    }
    if (stale.length) {
      const cleanup = new Batch(exec.now);
      cleanup.deletes.push(...stale);
      exec.journal.commit(cleanup).catch(() => {});
    }
    for (const live of exec.threads.values()) live.kids?.sort((a, b) => (a.s.slot ?? 0) - (b.s.slot ?? 0));
    exec.launch();
    return exec;
  }

  get status() {
    return this.record.status;
  }

  /** True once the execution's end is in the store (or it was detached). */
  ended = false;

  whenFinished(): Promise<void> {
    return this.finished;
  }

  /** The final record once it is in the store (what DescribeExecution would read back). */
  get landedEnd(): ExecutionRecord | undefined {
    const record = this.journal.landedRecord;
    return record && record.status !== 'RUNNING' ? record : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Threads

  /** Takes a thread into memory under its parent (if any). */
  adopt(s: ThreadState): Live {
    const parent = s.parent ? this.threads.get(s.parent) : undefined;
    const live = newLive(s, this.machineAt(s.path), parent ? parent.visible : {});
    this.threads.set(s.id, live);
    if (parent) {
      parent.kids ??= [];
      parent.kids.push(live);
      if (s.phase === 'done') countFinishedKid(parent, live);
    }
    if (s.task?.token) this.deps.registerToken(s.task.token, this);
    return live;
  }

  private machineAt(path: [string, number][]): Machine {
    let machine = this.def.machine;
    for (const [stateName, index] of path) {
      const node = machine.states.get(stateName)!;
      machine = index >= 0 ? node.branches[index] : node.processor!;
    }
    return machine;
  }

  private launch() {
    if (this.def.timeoutSeconds) {
      const due = this.record.startDate + this.def.timeoutSeconds * 1000;
      this.cancelTimeout = this.deps.clock.setTimer(due, () => {
        void this.terminate('TIMED_OUT', 'ExecutionTimedOut', 'States.Timeout', undefined).catch(() => {});
      });
    }
    for (const live of [...this.threads.values()]) if (live.s.phase !== 'done') void this.drive(live);
  }

  /** Runs a thread until it parks (timer, task token, children) or ends. Never throws. */
  async drive(live: Live): Promise<void> {
    if (live.running) {
      live.rewake = true;
      return;
    }
    live.running = true;
    try {
      do {
        live.rewake = false;
        let more = true;
        while (more && !live.stopped && !this.done) {
          const tx: Tx = { batch: new Batch(this.now) };
          const r = step(this, live, tx);
          more = typeof r === 'boolean' ? r : await r;
          // The step's last changes land before the thread takes its next step.
          if (!tx.batch.isEmpty()) await this.commit(tx.batch, live);
        }
      } while (live.rewake && !live.stopped && !this.done);
    } catch (err) {
      if (err !== STOPPED) await this.internalFailure(err);
    } finally {
      live.running = false;
    }
  }

  /** Stops and deletes every descendant of a thread (in the same commit as the caller's change). */
  dropChildren(live: Live, tx: Tx) {
    for (const kid of live.kids ?? []) {
      this.dropChildren(kid, tx);
      stopThread(kid);
      this.threads.delete(kid.s.id);
      tx.batch.deletes.push(kid.s.id);
      if (kid.s.task?.token) {
        tx.batch.deleteTokens.push(kid.s.task.token);
        this.deps.unregisterToken(kid.s.task.token);
      }
    }
    live.kids = undefined;
    live.kidsDone = 0;
    live.kidsFailed = [];
  }

  /** Wakes a parent whose child finished. */
  wakeParent(live: Live) {
    const parent = live.s.parent ? this.threads.get(live.s.parent) : undefined;
    if (!parent || parent.stopped) return;
    countFinishedKid(parent, live);
    if (parent.s.phase === 'children') void this.drive(parent);
  }

  /** What the state's expressions read; the context object is built only if one reads it. */
  env(live: Live, extra?: Record<string, unknown>): StateEnv {
    return stateEnv(this.context, live, extra);
  }

  // ---------------------------------------------------------------------------------------------
  // Commits

  /** Commits a batch; a stopped owner thread unwinds instead (its change must not land). */
  commit(batch: Batch, owner?: Live): Promise<void> {
    if (owner?.stopped) return Promise.reject(STOPPED);
    const last = this.journal.seq + batch.events.length;
    if (
      last >= HISTORY_LIMIT &&
      !(last === HISTORY_LIMIT && batch.events.at(-1)!.event.type === 'ExecutionSucceeded')
    )
      return this.historyFull(batch);
    return this.journal.commit(batch);
  }

  /**
   * The batch would pass the history quota: the events that still fit are kept (up to id
   * 24,999), event 25,000 is ExecutionFailed (States.Runtime), and the execution ends. Rejects
   * with STOPPED so the thread that made the batch unwinds.
   */
  private async historyFull(batch: Batch): Promise<void> {
    const full = new Batch(this.now);
    const kept = batch.events.slice(0, Math.max(0, HISTORY_LIMIT - 1 - this.journal.seq));
    full.events.push(...kept);
    full.deletes.push(...batch.deletes);
    full.deleteTokens.push(...batch.deleteTokens);
    emit(
      full,
      undefined,
      'ExecutionFailed',
      details.error('States.Runtime', HISTORY_LIMIT_CAUSE),
      kept.at(-1) ?? this.journal.seq,
    );
    this.done = true;
    this.closeThreads(full);
    this.record = {
      ...this.record,
      status: 'FAILED',
      output: undefined,
      error: 'States.Runtime',
      cause: HISTORY_LIMIT_CAUSE,
      stopDate: this.deps.clock.now(),
    };
    full.execution = this.record;
    try {
      await this.journal.commit(full);
    } finally {
      this.deps.onFinished(this);
      this.ended = true;
      this.resolveFinished();
    }
    throw STOPPED;
  }

  /** Commits the step's batch so far and gives the step a fresh one. */
  async flush(tx: Tx, owner: Live): Promise<void> {
    const batch = tx.batch;
    tx.batch = new Batch(this.now);
    await this.commit(batch, owner);
  }

  // ---------------------------------------------------------------------------------------------
  // The end

  /** The execution's last commit: final record, every thread and token gone. */
  async finish(tx: Tx, end: Partial<ExecutionRecord>): Promise<void> {
    if (this.done) throw STOPPED;
    this.done = true;
    this.record = { ...this.record, ...end, stopDate: this.deps.clock.now() };
    tx.batch.execution = this.record;
    this.closeThreads(tx.batch);
    try {
      await this.commit(tx.batch);
    } catch (err) {
      // STOPPED: the history quota ended the execution instead (already written).
      if (err !== STOPPED) await this.failAfterRejectedEnd(err, tx.batch);
    } finally {
      this.deps.onFinished(this);
      this.ended = true;
      this.resolveFinished();
    }
  }

  /**
   * The store refused the execution's last commit (too large, a conflict, …): the execution
   * fails with States.Runtime in a commit of two records, then its threads and tokens are
   * deleted in small commits. If even that is refused the store is down: the execution stays
   * RUNNING there and recover() picks it up.
   */
  private async failAfterRejectedEnd(err: unknown, refused: Batch): Promise<void> {
    const cause = `The execution could not be saved: ${err instanceof Error ? err.message : String(err)}`;
    this.record = {
      ...this.record,
      status: 'FAILED',
      output: undefined,
      error: 'States.Runtime',
      cause,
      stopDate: this.deps.clock.now(),
    };
    const end = new Batch(this.now);
    emit(end, undefined, 'ExecutionFailed', details.error('States.Runtime', cause), this.journal.landed);
    end.execution = this.record;
    try {
      await this.journal.commit(end);
    } catch {
      return;
    }
    const chunk = Math.min(25, this.journal.budget);
    for (let i = 0; i < refused.deletes.length; i += chunk) {
      const b = new Batch(this.now);
      b.deletes.push(...refused.deletes.slice(i, i + chunk));
      await this.journal.commit(b).catch(() => {});
    }
    for (let i = 0; i < refused.deleteTokens.length; i += chunk) {
      const b = new Batch(this.now);
      b.deleteTokens.push(...refused.deleteTokens.slice(i, i + chunk));
      await this.journal.commit(b).catch(() => {});
    }
  }

  /** Stops every thread and deletes it (and its task token) in the given batch. */
  private closeThreads(batch: Batch) {
    for (const live of this.threads.values()) {
      if (live.s.task?.token) {
        batch.deleteTokens.push(live.s.task.token);
        this.deps.unregisterToken(live.s.task.token);
      }
      batch.deletes.push(live.s.id);
      stopThread(live);
    }
    this.threads.clear();
    this.cancelTimeout?.();
  }

  /** Stops the execution from outside: StopExecution (ABORTED) or its TimeoutSeconds (TIMED_OUT). */
  async terminate(
    status: 'ABORTED' | 'TIMED_OUT',
    type: 'ExecutionAborted' | 'ExecutionTimedOut',
    error: string | undefined,
    cause: string | undefined,
  ): Promise<void> {
    if (this.done) return;
    const tx: Tx = { batch: new Batch(this.now) };
    const main = this.threads.get('main');
    const d: Record<string, unknown> = {};
    if (error !== undefined) d.error = error;
    if (cause !== undefined) d.cause = cause;
    if (status === 'ABORTED') emitAborted(this.threads, tx.batch);
    emit(tx.batch, undefined, type, d, main ? lastOf(tx.batch, main.s) : 0);
    await this.finish(tx, { status, error, cause });
  }

  /** A bug or a store failure inside the runtime: fail the execution rather than the process. */
  private async internalFailure(err: unknown): Promise<void> {
    if (this.done) return;
    const tx: Tx = { batch: new Batch(this.now) };
    const main = this.threads.get('main');
    const cause = err instanceof Error ? err.message : String(err);
    // After a refused commit the main thread's last event may not be in the store.
    const last = main ? Math.min(main.s.last, this.journal.landed) : 0;
    emit(tx.batch, undefined, 'ExecutionFailed', details.error('States.Runtime', cause), last);
    try {
      await this.finish(tx, { status: 'FAILED', error: 'States.Runtime', cause });
    } catch {
      // The store itself is failing; the execution stays RUNNING in it and recover() retries.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task tokens and shutdown

  /** Delivers SendTaskSuccess/Failure. False when no thread waits on this token. */
  deliverToken(token: string, outcome: Attempt): boolean {
    for (const live of this.threads.values()) {
      if (live.s.task?.token !== token || live.stopped) continue;
      if (live.tokenWaiter) live.tokenWaiter.settle(outcome);
      else live.pendingToken = outcome;
      return true;
    }
    return false;
  }

  heartbeat(token: string): boolean {
    for (const live of this.threads.values()) {
      if (live.s.task?.token !== token || live.stopped) continue;
      live.tokenWaiter?.heartbeat();
      return true;
    }
    return false;
  }

  /** Detaches from timers and tasks without writing anything (runtime.close()). */
  async detach(): Promise<void> {
    this.done = true;
    this.cancelTimeout?.();
    for (const live of this.threads.values()) stopThread(live);
    await this.journal.settled();
    this.ended = true;
    this.resolveFinished();
  }
}

/** Whether a stored child thread still belongs to its parent's current Parallel/Map. */
function isChildOf(s: ThreadState, parent: Live | undefined): boolean {
  if (!parent) return false;
  if (s.gen === undefined) return true; // written before generations were recorded
  return parent.s.phase === 'children' && parent.s.children?.startedId === s.gen;
}

function roleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/flowdeck-local-runtime`;
}
