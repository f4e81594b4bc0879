// Event triggers: a deployed, enabled workflow whose trigger is `trigger.event` has one rule on
// its organisation's bus, named `wf-<workflowId>`, whose pattern is the author's AND the
// organisation constraint. Its target starts a run with the event as `$trigger`, named after the
// event id, so a re-delivery of the same event starts nothing new.
import type { Deliver, DeliveredEvent, RuleTarget } from '@flowdeck/engine';
import type { AppDeps } from '../deps.ts';
import { executionNameFor, liveWorkflow, startTriggeredRun } from '../triggers/start-run.ts';
import { orgBus } from './buses.ts';
import { scopePattern } from './org-scope.ts';

export const ruleNameFor = (workflowId: string) => `wf-${workflowId}`;

interface StartRunTarget extends RuleTarget {
  workflowId: string;
  organizationId: string;
}

export async function putEventRule(
  deps: AppDeps,
  organizationId: string,
  workflowId: string,
  pattern: unknown,
): Promise<void> {
  const target: StartRunTarget = { id: 'start-run', workflowId, organizationId };
  await orgBus(deps, organizationId).putRule({
    name: ruleNameFor(workflowId),
    eventPattern: scopePattern(pattern, organizationId),
    description: `Starts workflow ${workflowId}`,
    targets: [target],
  });
}

export async function deleteEventRule(
  deps: AppDeps,
  organizationId: string,
  workflowId: string,
): Promise<void> {
  if (!deps.host) return;
  await orgBus(deps, organizationId).deleteRule(ruleNameFor(workflowId));
}

/** The execution name for a delivery: the event id, or a digest of replay name + id for replays. */
export function eventExecutionName(event: DeliveredEvent): string {
  const replay = event['replay-name'];
  return replay === undefined
    ? executionNameFor('', event.id)
    : executionNameFor('replay-', `${replay}:${event.id}`);
}

/** What a rule's target does: start the workflow (never one run about itself — no loops). */
export function startRunTarget(deps: AppDeps): Deliver {
  return async (target, event) => {
    const { workflowId, organizationId } = target as StartRunTarget;
    const wf = liveWorkflow(deps, workflowId);
    if (!wf || wf.organization_id !== organizationId) return;
    if (event.detail.organizationId !== organizationId) return;
    // "When a run fails, run me" must not start itself when it fails.
    if (event.source === 'flowdeck' && event.detail.workflowId === workflowId) return;
    await startTriggeredRun(deps, {
      workflowId,
      input: event,
      trigger: 'event',
      executionName: eventExecutionName(event),
    });
  };
}
