// The embedded runtime host: the engine's local Step Functions over the SQLite store in the
// data directory. Every `.waitForTaskToken` Task (an approval step) is recorded in the app's
// `approvals` table so people can answer it over HTTP.
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Clock,
  createRuntime,
  type Runtime,
  systemClock,
  type TaskHandler,
  type TaskHandlers,
  createScheduler,
  type FireFunction,
  type Scheduler,
  type Deliver,
  type SeenStore,
  type ExecutionRecord,
} from '@flowdeck/engine';
import {
  createSqliteEventArchiveStore,
  createSqliteScheduleStore,
  createSqliteSeenStore,
  createSqliteStore,
  type SqlCommit,
} from '@flowdeck/store-sqlite';
import { runInTransaction } from '../db/prepared.ts';
import { createOrgEventBuses, type OrgEventBuses } from '../events/org-buses.ts';
import { newId } from '../ids.ts';

export interface RuntimeHost {
  runtime: Runtime;
  /** Durable schedule triggers (EventBridge Scheduler semantics); fires go to `onScheduleFire`. */
  scheduler: Scheduler;
  /** Sets what a schedule fire does (the workflows module starts a run). */
  onScheduleFire(fire: FireFunction): void;
  /** One event bus per organisation (rules, archive, replay, waits); deliveries go to `onEventDelivery`. */
  events: OrgEventBuses;
  /** Sets what a rule's target does (the events module starts a run). */
  onEventDelivery(deliver: Deliver): void;
  /** Poll triggers' seen-sets, in the runtime's data file. */
  seenStore: SeenStore;
  /**
   * Routes `.waitForTaskToken` tasks of one node type (e.g. `logic.wait_for_event`) to a handler
   * instead of recording them as approvals.
   */
  onCallbackTask(nodeType: string, handler: TaskHandler): void;
  /**
   * Writes the app's rows about runs (the `runs` row, its audit entry, its end) durably: in the
   * runtime's next group commit when the runtime's store shares the app's database (one WAL
   * commit for both), otherwise in a transaction of its own. Resolves once committed.
   */
  record(commit: SqlCommit): Promise<void>;
  /**
   * True when a run's `runs` row gets its end (status, ended_at) in the same commit as its
   * execution's end (the runtime's store shares the app's database); otherwise the run service
   * records it once the execution ended.
   */
  recordsRunEnds: boolean;
  /** Registers a state machine (idempotent for the same name and definition); returns its ARN. */
  register(name: string, definition: object): Promise<string>;
  /** Forgets a finished execution and its history (retention); rejects for a RUNNING one. */
  deleteExecution(executionArn: string): Promise<void>;
  close(): Promise<void>;
}

export interface LocalHostOptions {
  /** The app's database (for the approvals table). */
  db: Database.Database;
  tasks: TaskHandlers;
  /** Where the runtime's SQLite store lives; `:memory:` for tests. */
  storePath: string;
  clock?: Clock;
}

export function runtimeStorePath(dataDir: string): string {
  return join(dataDir, 'runtime.db');
}

/**
 * Where the runtime keeps its store: the app's own database file (so a run's app rows and its
 * transitions share group commits), unless the data directory predates that and has its
 * runtime in `runtime.db` (with its schedules and running executions), which it keeps using.
 */
export function runtimeStoreIn(dataDir: string, appDatabasePath: string): string {
  const legacy = runtimeStorePath(dataDir);
  return existsSync(legacy) ? legacy : appDatabasePath;
}

/** The `runs` row's end, committed with its execution's. */
const runEnd = (ex: ExecutionRecord): SqlCommit => [
  [
    'UPDATE runs SET status = ?, ended_at = ? WHERE execution_arn = ?',
    [ex.status, ex.stopDate ?? null, ex.executionArn],
  ],
];

export function createLocalHost(options: LocalHostOptions): RuntimeHost {
  // On the app's own file, the store shares the app's connection and group commits.
  const shared = options.storePath !== ':memory:' && resolve(options.storePath) === resolve(options.db.name);
  const store = createSqliteStore(
    shared ? { database: options.db, onExecutionEnd: runEnd } : { path: options.storePath },
  );
  const record = shared
    ? (commit: SqlCommit) => store.write(commit)
    : async (commit: SqlCommit) => runInTransaction(options.db, commit);
  const recordApproval = options.db.prepare(
    `INSERT OR IGNORE INTO approvals (id, execution_arn, state_name, task_token, input, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const clock = options.clock ?? systemClock;
  const callbackHandlers = new Map<string, TaskHandler>();
  const withApproval =
    (handler: TaskHandler | undefined): TaskHandler =>
    async (input, ctx) => {
      const callback = ctx.taskToken
        ? callbackHandlers.get((input as { type?: string } | null)?.type ?? '')
        : undefined;
      if (callback) return callback(input, ctx);
      if (ctx.taskToken) {
        recordApproval.run(
          newId('apr'),
          ctx.executionArn,
          ctx.stateName,
          ctx.taskToken,
          JSON.stringify(withoutToken(input)),
          clock.now(),
        );
      }
      return handler ? handler(input, ctx) : undefined;
    };
  // Any handler may be a callback task; a `.waitForTaskToken` resource with no handler of its
  // own is an approval that only waits for SendTaskSuccess/Failure.
  const tasks = new Proxy(options.tasks, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      const own = target[key];
      if (own) return withApproval(own);
      return key.endsWith('.waitForTaskToken') ? withApproval(undefined) : undefined;
    },
  }) as TaskHandlers;
  const runtime = createRuntime({ store, tasks, clock });
  // One connection to the file: a commit on a second connection would make every other one drop
  // its page cache and read it back from disk.
  const connection = shared ? { database: options.db } : { path: options.storePath };
  const scheduleStore = createSqliteScheduleStore(connection);
  let onFire: FireFunction = async () => {};
  const scheduler = createScheduler({
    store: scheduleStore,
    clock,
    ownerId: `local-${process.pid}`,
    fire: (schedule, time, ctx) => onFire(schedule, time, ctx),
  });

  // Archived events (a run's run.succeeded among them) join the runtime's group commits.
  const archive = createSqliteEventArchiveStore(shared ? { ...connection, write: store.write } : connection);
  const seenStore = createSqliteSeenStore(connection);
  let deliver: Deliver = async () => {};
  const events = createOrgEventBuses({
    archive,
    clock,
    deliver: (target, event, context) => deliver(target, event, context),
    taskTokens: runtime,
  });

  return {
    runtime,
    scheduler,
    events,
    seenStore,
    onEventDelivery(fn) {
      deliver = fn;
    },
    onCallbackTask(nodeType, handler) {
      callbackHandlers.set(nodeType, handler);
    },
    onScheduleFire(fire) {
      onFire = fire;
    },
    record,
    recordsRunEnds: shared,
    async register(name, definition) {
      // Versions are immutable, so each gets its own name; re-registering the same definition
      // (after a restart) answers the existing ARN.
      const { stateMachineArn } = await runtime.createStateMachine({ name, definition });
      return stateMachineArn;
    },
    deleteExecution: (executionArn) => store.deleteExecution(executionArn),
    async close() {
      await scheduler.stop();
      await events.close();
      await runtime.close();
      await archive.close();
      await seenStore.close();
      await scheduleStore.close();
      await store.close();
    },
  };
}

/** The approval's input as people see it: never the task token (it would let anyone answer). */
function withoutToken(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input ?? null;
  const { taskToken: _, ...rest } = input as Record<string, unknown>;
  return rest;
}
