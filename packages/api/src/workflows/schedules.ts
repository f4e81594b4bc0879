// Schedule triggers on the local host: deploy upserts one schedule per workflow (id = workflow
// id) with the trigger's `expression` (`rate(…)`, `cron(…)`, `at(…)`, EventBridge Scheduler
// syntax) and `timezone`; enable/disable flips it; delete removes it. Each fire starts a run with
// `$trigger = {scheduledTime, attempt, missedSlots}`. A slot delivered twice (after a crash) gets
// the same execution name, which the runtime refuses the second time. Fires are dispatched by
// triggers/fires.ts (poll triggers share the scheduler).
import {
  type FireContext,
  type MissedPolicy,
  type ScheduleRecord,
  ScheduleValidationError,
} from '@flowdeck/engine';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import { executionNameFor, startTriggeredRun } from '../triggers/start-run.ts';

export interface ScheduleTrigger {
  expression: string;
  timezone?: string;
  missedPolicy?: MissedPolicy;
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
      missedPolicy: trigger.missedPolicy,
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

/** What a schedule fire does: start a run of the deployed version, once per slot. */
export async function startScheduledRun(
  deps: AppDeps,
  schedule: ScheduleRecord,
  scheduledTime: Date,
  ctx: FireContext,
): Promise<void> {
  await startTriggeredRun(deps, {
    workflowId: schedule.id,
    input: { scheduledTime: scheduledTime.toISOString(), attempt: ctx.attempt, missedSlots: ctx.missedSlots },
    trigger: 'schedule',
    executionName: executionNameFor('sched-', ctx.idempotencyKey),
  });
}
