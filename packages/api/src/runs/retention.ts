// Retention: finished runs older than the organisation's `maxAgeDays`, or beyond its newest
// `maxRuns`, leave the run list (their approvals too) at once, in one transaction that also
// queues their executions in `pruned_executions`. The runtime store then forgets each queued
// execution (record, history, threads, task tokens) through `RuntimeHost.deleteExecution`,
// asynchronously; what fails stays queued and is retried by the next prune. Running runs are never
// pruned.
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';

export function pruneRuns(deps: AppDeps, organizationId: string): number {
  const { db, clock } = deps;
  const org = prepared(
    db,
    'SELECT run_retention_days AS days, run_retention_count AS count FROM organizations WHERE id = ?',
  ).get(organizationId) as { days: number | null; count: number | null } | undefined;
  if (!org || (org.days === null && org.count === null)) return 0;
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
