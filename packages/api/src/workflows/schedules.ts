// Schedule triggers on the local host: deploy upserts one schedule per workflow (id = workflow
// id) with the trigger's `expression` (`rate(…)`, `cron(…)`, `at(…)`, EventBridge Scheduler
// syntax) and `timezone`; enable/disable flips it; delete removes it. Each fire starts a run with
// `$trigger = {scheduledTime, attempt, missedSlots}`. A slot delivered twice (after a crash) gets
// the same execution name, which the runtime refuses the second time.
import { createHash } from 'node:crypto';
import { ScheduleValidationError } from '@flowdeck/engine';
import { appendAudit } from '../audit/audit-log.ts';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import { runService } from '../runs/service.ts';
import { findVersion, type WorkflowRow } from './repo.ts';

export interface ScheduleTrigger {
  expression: string;
  timezone?: string;
}

export async function registerSchedule(
  deps: AppDeps,
  workflowId: string,
  trigger: ScheduleTrigger,
  enabled: boolean,
) {
  try {
    await deps.host!.scheduler.upsert({
      id: workflowId,
      expression: trigger.expression,
      timezone: trigger.timezone,
      enabled,
    });
  } catch (err) {
    if (err instanceof ScheduleValidationError) {
      throw problems.validation(
        [{ location: 'body', path: 'params.expression', message: err.message }],
        '/problems/invalid-workflow',
      );
    }
    throw err;
  }
}

export async function setScheduleEnabled(deps: AppDeps, workflowId: string, enabled: boolean) {
  const scheduler = deps.host?.scheduler;
  const existing = await scheduler?.get(workflowId);
  if (scheduler && existing) await scheduler.upsert({ ...existing, id: workflowId, enabled });
}

export async function removeSchedule(deps: AppDeps, workflowId: string) {
  if (await deps.host?.scheduler.get(workflowId)) await deps.host!.scheduler.remove(workflowId);
}

/** What a fire does: start a run of the deployed version, once per slot. */
export function handleScheduleFires(deps: AppDeps): void {
  deps.host?.onScheduleFire(async (schedule, scheduledTime, ctx) => {
    const wf = prepared(deps.db, 'SELECT * FROM workflows WHERE id = ?').get(schedule.id) as
      | WorkflowRow
      | undefined;
    if (!wf || wf.enabled !== 1 || wf.deployed_version === null) return;
    const version = findVersion(deps.db, wf.id, wf.deployed_version);
    const executionName = `sched-${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 40)}`;
    try {
      await runService(deps).start({
        organizationId: wf.organization_id,
        workflowId: wf.id,
        version: version.version,
        stateMachineArn: version.state_machine_arn,
        input: {
          scheduledTime: scheduledTime.toISOString(),
          attempt: ctx.attempt,
          missedSlots: ctx.missedSlots,
        },
        trigger: 'schedule',
        executionName,
        record: (run) =>
          appendAudit(deps.db, {
            organizationId: wf.organization_id,
            action: 'run.start',
            target: { type: 'run', id: run.id },
            actor: { type: 'schedule', id: wf.id },
            at: deps.clock.now(),
            ip: 'local',
          }),
      });
    } catch (err) {
      if ((err as Error).name !== 'ExecutionAlreadyExists') throw err;
    }
  });
}
