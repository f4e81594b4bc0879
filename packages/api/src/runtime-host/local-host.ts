// The embedded runtime host: the engine's local Step Functions over the SQLite store in the
// data directory. Every `.waitForTaskToken` Task (an approval step) is recorded in the app's
// `approvals` table so people can answer it over HTTP.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  type Clock,
  createRuntime,
  type Runtime,
  type Store,
  systemClock,
  type TaskHandler,
  type TaskHandlers,
  createScheduler,
  type FireFunction,
  type Scheduler,
} from '@flowdeck/engine';
import { createSqliteScheduleStore, createSqliteStore } from '@flowdeck/store-sqlite';
import { newId } from '../ids.ts';

export interface RuntimeHost {
  runtime: Runtime;
  /** Durable schedule triggers (EventBridge Scheduler semantics); fires go to `onScheduleFire`. */
  scheduler: Scheduler;
  /** Sets what a schedule fire does (the workflows module starts a run). */
  onScheduleFire(fire: FireFunction): void;
  /** Registers a state machine (idempotent for the same name and definition); returns its ARN. */
  register(name: string, definition: object): Promise<string>;
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

export function createLocalHost(options: LocalHostOptions): RuntimeHost {
  const store: Store = createSqliteStore({ path: options.storePath });
  const recordApproval = options.db.prepare(
    `INSERT OR IGNORE INTO approvals (id, execution_arn, state_name, task_token, input, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const clock = options.clock ?? systemClock;
  const withApproval =
    (handler: TaskHandler | undefined): TaskHandler =>
    async (input, ctx) => {
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
  const scheduleStore = createSqliteScheduleStore({ path: options.storePath });
  let onFire: FireFunction = async () => {};
  const scheduler = createScheduler({
    store: scheduleStore,
    clock,
    ownerId: `local-${process.pid}`,
    fire: (schedule, time, ctx) => onFire(schedule, time, ctx),
  });

  return {
    runtime,
    scheduler,
    onScheduleFire(fire) {
      onFire = fire;
    },
    async register(name, definition) {
      // Versions are immutable, so each gets its own name; re-registering the same definition
      // (after a restart) answers the existing ARN.
      const { stateMachineArn } = await runtime.createStateMachine({ name, definition });
      return stateMachineArn;
    },
    async close() {
      await scheduler.stop();
      await runtime.close();
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
