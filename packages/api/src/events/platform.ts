// Platform events: what Flowdeck emits about itself (`source: "flowdeck"`), put on the
// organisation's bus so "notify me when…" workflows are ordinary event triggers.
import { type PlatformEventDetails, type PlatformEventType, platformEvent } from '@flowdeck/engine';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { iso } from '../ids.ts';
import { onRunEnded } from '../runs/service.ts';
import { WorkflowRowCache } from '../workflows/changes.ts';
import { orgBus } from './buses.ts';

/** Puts a platform event; failures are logged, never thrown at the action that caused it. */
export async function emitPlatformEvent<T extends PlatformEventType>(
  deps: AppDeps,
  organizationId: string,
  type: T,
  detail: PlatformEventDetails[T],
): Promise<void> {
  if (!deps.host) return;
  try {
    const result = await orgBus(deps, organizationId).putEvents([
      platformEvent(type, detail, { organizationId }),
    ]);
    if (result.FailedEntryCount > 0) deps.logger.warn({ type, result }, 'platform event refused');
  } catch (err) {
    deps.logger.warn({ err, type }, 'could not emit a platform event');
  }
}

/** `run.succeeded` / `run.failed` whenever a watched run ends. */
export function emitRunEvents(deps: AppDeps): void {
  // Workflow names, kept until a workflow changes (renamed, deleted…: workflows/changes.ts).
  const names = new WorkflowRowCache<{ name: string }>(deps.db);
  onRunEnded(deps, (run, result) => {
    // A cancelled run (ABORTED) neither succeeded nor failed: no event.
    if (result.status !== 'SUCCEEDED' && result.status !== 'FAILED' && result.status !== 'TIMED_OUT') return;
    const wf = names.get(
      run.workflow_id,
      () =>
        prepared(deps.db, 'SELECT name FROM workflows WHERE id = ?').get(run.workflow_id) as
          | { name: string }
          | undefined,
    );
    const stoppedAt = result.stopDate?.getTime() ?? deps.clock.now();
    const base = {
      workflowId: run.workflow_id,
      ...(wf ? { workflowName: wf.name } : {}),
      version: run.version,
      executionArn: run.execution_arn,
      startedAt: iso(result.startDate.getTime())!,
      stoppedAt: iso(stoppedAt)!,
      durationMs: Math.max(0, stoppedAt - result.startDate.getTime()),
    };
    void (result.status === 'SUCCEEDED'
      ? emitPlatformEvent(deps, run.organization_id, 'run.succeeded', base)
      : emitPlatformEvent(deps, run.organization_id, 'run.failed', {
          ...base,
          error: result.error ?? (result.status === 'TIMED_OUT' ? 'States.Timeout' : 'States.Runtime'),
          ...(result.cause ? { cause: result.cause } : {}),
        }));
  });
}
