// Retention: finished runs older than the organisation's `maxAgeDays`, or beyond its newest
// `maxRuns`, leave the run list (their approvals too) at once, in one transaction that also
// queues their executions in `pruned_executions`. The runtime store then forgets each queued
// execution (record, history, threads, task tokens) through `RuntimeHost.deleteExecution`,
// asynchronously; what fails stays queued and is retried by the next prune. Running runs are never
// pruned.
//
// Every run start calls `pruneRuns`, which prunes only when due (docs/api.md, "Retention"): the
// count query walks the organisation's newest `maxRuns` runs, far too much work for every run.
// The organisation's retention settings are cached in-process: this server is the only process on
// its data directory, and `retentionChanged` (called by the routes that change or delete an
// organisation) drops the cached copy.
import type Database from 'better-sqlite3';
import { perDatabase } from '../db/per-database.ts';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';

/** A prune is due at least this often while runs start (and the hourly sweep always finds it due). */
export const PRUNE_INTERVAL_MS = 60_000;
/** With `maxRuns` set, a prune is also due after every `maxRuns / PRUNE_COUNT_SLACK` run starts. */
export const PRUNE_COUNT_SLACK = 100;

interface Retention {
  days: number | null;
  count: number | null;
}

interface PruneState {
  retention: Retention;
  /** Run starts since the last prune. */
  starts: number;
  /** When the last prune ran (deps.clock); undefined: never since the settings were read. */
  prunedAt: number | undefined;
}

const statesOf = perDatabase(() => new Map<string, PruneState>());

function stateOf(db: Database.Database, organizationId: string): PruneState | undefined {
  const byOrg = statesOf(db);
  let state = byOrg.get(organizationId);
  if (!state) {
    const retention = prepared(
      db,
      'SELECT run_retention_days AS days, run_retention_count AS count FROM organizations WHERE id = ?',
    ).get(organizationId) as Retention | undefined;
    if (!retention) return undefined; // no such organisation: nothing to cache
    state = { retention, starts: 0, prunedAt: undefined };
    byOrg.set(organizationId, state);
  }
  return state;
}

/** Forgets the cached retention settings of an organisation (changed or deleted); the next run prunes. */
export function retentionChanged(deps: Pick<AppDeps, 'db'>, organizationId: string): void {
  statesOf(deps.db).delete(organizationId);
}

/**
 * Called at every run start (and by the hourly sweep): prunes when due, i.e. on the first call
 * after the settings were read, every `maxRuns / PRUNE_COUNT_SLACK` calls (at least every call),
 * or `PRUNE_INTERVAL_MS` after the last prune. Answers how many runs it pruned (0 when not due).
 */
export function pruneRuns(deps: AppDeps, organizationId: string): number {
  const state = stateOf(deps.db, organizationId);
  if (!state) return 0;
  const { days, count } = state.retention;
  if (days === null && count === null) return 0;
  state.starts++;
  const now = deps.clock.now();
  const due =
    state.prunedAt === undefined ||
    now - state.prunedAt >= PRUNE_INTERVAL_MS ||
    (count !== null && state.starts >= Math.max(1, Math.floor(count / PRUNE_COUNT_SLACK)));
  return due ? pruneRunsNow(deps, organizationId) : 0;
}

/** Prunes the organisation's runs now, whatever was pruned lately; answers how many it pruned. */
export function pruneRunsNow(deps: AppDeps, organizationId: string): number {
  const { db, clock } = deps;
  const state = stateOf(db, organizationId);
  if (!state) return 0;
  const org = state.retention;
  state.starts = 0;
  state.prunedAt = clock.now();
  if (org.days === null && org.count === null) return 0;
  const pruned = db.transaction(() => {
    const doomed = new Set<string>();
    if (org.days !== null) {
      const cutoff = clock.now() - org.days * 86_400_000;
      const old = prepared(
        db,
        `SELECT execution_arn FROM runs WHERE organization_id = ? AND status != 'RUNNING' AND started_at < ?`,
      ).all(organizationId, cutoff) as { execution_arn: string }[];
      for (const r of old) doomed.add(r.execution_arn);
    }
    if (org.count !== null) {
      const beyond = prepared(
        db,
        `SELECT execution_arn FROM runs WHERE organization_id = ? AND status != 'RUNNING'
           ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?`,
      ).all(organizationId, org.count) as { execution_arn: string }[];
      for (const r of beyond) doomed.add(r.execution_arn);
    }
    const delRun = prepared(db, 'DELETE FROM runs WHERE execution_arn = ?');
    const delApprovals = prepared(db, 'DELETE FROM approvals WHERE execution_arn = ?');
    const queue = prepared(
      db,
      'INSERT OR IGNORE INTO pruned_executions (execution_arn, pruned_at) VALUES (?, ?)',
    );
    for (const arn of doomed) {
      delRun.run(arn);
      delApprovals.run(arn);
      queue.run(arn, clock.now());
    }
    return doomed.size;
  })();
  if (pruned > 0 || hasQueued(deps)) void forgetPrunedExecutions(deps);
  return pruned;
}

const hasQueued = (deps: AppDeps) => !!prepared(deps.db, 'SELECT 1 FROM pruned_executions LIMIT 1').get();

const draining = new WeakMap<AppDeps, Promise<number>>();

/**
 * Deletes the queued executions from the runtime store; resolves with how many it forgot. Never
 * rejects (failures are logged and stay queued). Concurrent calls share one pass.
 */
export function forgetPrunedExecutions(deps: AppDeps): Promise<number> {
  const running = draining.get(deps);
  if (running) return running.then(() => forgetPrunedExecutions(deps));
  const pass = (async () => {
    const host = deps.host;
    if (!host) return 0;
    const queued = prepared(
      deps.db,
      'SELECT execution_arn FROM pruned_executions ORDER BY pruned_at',
    ).all() as {
      execution_arn: string;
    }[];
    let forgotten = 0;
    for (const { execution_arn: arn } of queued) {
      try {
        await host.deleteExecution(arn);
        prepared(deps.db, 'DELETE FROM pruned_executions WHERE execution_arn = ?').run(arn);
        forgotten++;
      } catch (err) {
        deps.logger.warn({ err, executionArn: arn }, 'retention: the runtime store kept an execution');
      }
    }
    return forgotten;
  })().finally(() => draining.delete(deps));
  draining.set(deps, pass);
  return pass;
}
