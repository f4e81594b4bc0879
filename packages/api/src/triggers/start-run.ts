// Starting a run from a trigger (event rule, poll, schedule) with an idempotent execution name:
// a delivery that comes twice finds the execution already there and starts nothing.
import { createHash } from 'node:crypto';
import { auditInsert } from '../audit/audit-log.ts';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { runService, type RunRow } from '../runs/service.ts';
import { findVersion, type WorkflowRow } from '../workflows/repo.ts';

/** A valid execution name (≤ 80 of `[A-Za-z0-9_-]`) that stands for `key`. */
export function executionNameFor(prefix: string, key: string): string {
  if (/^[A-Za-z0-9_-]{1,80}$/.test(key) && !prefix) return key;
  return `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** The deployed, enabled workflow, or undefined when its triggers are off. */
export function liveWorkflow(deps: AppDeps, workflowId: string): WorkflowRow | undefined {
  const wf = prepared(deps.db, 'SELECT * FROM workflows WHERE id = ?').get(workflowId) as
    | WorkflowRow
    | undefined;
  return wf && wf.enabled === 1 && wf.deployed_version !== null ? wf : undefined;
}

/**
 * Starts a run of the workflow's deployed version named `executionName`. Answers undefined when
 * that execution exists already (a repeated delivery) or the workflow is off.
 */
export async function startTriggeredRun(
  deps: AppDeps,
  options: {
    workflowId: string;
    input: unknown;
    trigger: 'schedule' | 'event' | 'poll';
    executionName: string;
  },
): Promise<RunRow | undefined> {
  const wf = liveWorkflow(deps, options.workflowId);
  if (!wf) return undefined;
  const version = findVersion(deps.db, wf.id, wf.deployed_version!);
  const executionArn = `${version.state_machine_arn.replace(':stateMachine:', ':execution:')}:${options.executionName}`;
  if (prepared(deps.db, 'SELECT 1 FROM runs WHERE execution_arn = ?').get(executionArn)) return undefined;
  try {
    return await runService(deps).start({
      organizationId: wf.organization_id,
      workflowId: wf.id,
      version: version.version,
      stateMachineArn: version.state_machine_arn,
      input: options.input,
      trigger: options.trigger,
      executionName: options.executionName,
      record: (run) =>
        auditInsert({
          organizationId: wf.organization_id,
          action: 'run.start',
          target: { type: 'run', id: run.id },
          actor: { type: options.trigger, id: wf.id },
          at: deps.clock.now(),
          ip: 'local',
        }),
    });
  } catch (err) {
    // Started by an earlier delivery: already finished (ExecutionAlreadyExists) or still
    // running with the same input (the runtime answers its ARN, and the run row exists).
    const code = (err as { code?: string }).code;
    if ((err as Error).name === 'ExecutionAlreadyExists' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      return undefined;
    throw err;
  }
}
