// What the app needs from the outside, injected so tests build an app in-process.
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { AppConfig } from './config.ts';
import type { RuntimeHost } from './runtime-host/local-host.ts';
import type { WorkflowEngine } from './workflows/engine-port.ts';

/** Only `now()` is needed by the HTTP layer; the engine's `Clock` satisfies it. */
export interface NowClock {
  now(): number;
}

export interface AppDeps {
  db: Database.Database;
  clock: NowClock;
  logger: Logger;
  config: AppConfig;
  /** Validates and compiles workflow graphs (absent: workflow routes answer 503). */
  engine?: WorkflowEngine;
  /** Runs deployed workflows (absent: deploy and runs answer 503). */
  host?: RuntimeHost;
}

export const systemNow: NowClock = { now: () => Date.now() };
