// `logic.wait_for_event` on the local host: its `.waitForTaskToken` Task registers a wait on the
// run's organisation's bus, with the pattern AND the organisation constraint. The bus resolves
// the token with the first matching event, or fails it with `Events.Timeout`.
import { type TaskHandler, TaskFailure } from '@flowdeck/engine';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { orgBus } from './buses.ts';
import { scopePattern } from './org-scope.ts';

export const WAIT_FOR_EVENT_TYPE = 'logic.wait_for_event';

/**
 * The organisation an execution belongs to: its run row, or (when the task comes before the row
 * is written) its state machine `<workflowId>-v<n>[-r<digest>]`'s workflow.
 */
function organizationOf(deps: AppDeps, executionArn: string): string | undefined {
  const run = prepared(deps.db, 'SELECT organization_id FROM runs WHERE execution_arn = ?').get(
    executionArn,
  ) as { organization_id: string } | undefined;
  if (run) return run.organization_id;
  const stateMachine = executionArn.split(':')[6] ?? '';
  const workflowId = /^(.+)-v\d+(-r[0-9a-f]+)?$/.exec(stateMachine)?.[1];
  const wf = prepared(deps.db, 'SELECT organization_id FROM workflows WHERE id = ?').get(workflowId ?? '') as
    | { organization_id: string }
    | undefined;
  return wf?.organization_id;
}

export function waitForEventTask(deps: AppDeps): TaskHandler {
  return async (input, ctx) => {
    const { params } = input as { params?: { pattern?: unknown; timeoutSeconds?: number } };
    const organizationId = organizationOf(deps, ctx.executionArn);
    if (!organizationId)
      throw new TaskFailure('Events.NoOrganization', 'The run belongs to no organisation.');
    await orgBus(deps, organizationId).waitForEvent({
      pattern: scopePattern(params?.pattern, organizationId),
      timeoutSeconds: params?.timeoutSeconds ?? 86_400,
      taskToken: ctx.taskToken!,
    });
    return undefined;
  };
}
