// Trigger registration for a workflow, by its trigger node: schedule → durable schedule (id =
// workflow id), poll → durable schedule `poll:<id>` at rate(N minutes), event → a rule on the
// organisation's bus. Deploy registers the new version's trigger and removes the others; disable
// and enable flip them; delete removes them.
import { InvalidEventPatternError, type WorkflowGraph } from '@flowdeck/engine';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import { deleteEventRule, putEventRule } from '../events/rules.ts';
import { findVersion, type WorkflowRow } from '../workflows/repo.ts';
import {
  registerSchedule,
  removeSchedule,
  type ScheduleTrigger,
  setScheduleEnabled,
} from '../workflows/schedules.ts';
import { POLL_KIND, type PollParams, pollExpression, pollScheduleId } from './poll.ts';

type Workflow = Pick<WorkflowRow, 'id' | 'organization_id'>;

export function triggerNode(graph: WorkflowGraph) {
  return graph.nodes.find((n) => n.type.startsWith('trigger.'));
}

/** The trigger kinds a graph binds (`schedule`, `event`, …), for `workflow.deployed`. */
export function triggerKinds(graph: WorkflowGraph): string[] {
  const node = triggerNode(graph);
  return node ? [node.type.slice('trigger.'.length)] : [];
}

export async function registerTriggers(deps: AppDeps, wf: Workflow, graph: WorkflowGraph): Promise<void> {
  const node = triggerNode(graph);
  const type = node?.type;
  if (type === 'trigger.schedule') {
    await registerSchedule(deps, wf.id, node!.params as unknown as ScheduleTrigger, true);
  } else await removeSchedule(deps, wf.id);
  if (type === 'trigger.poll') {
    await deps.host!.scheduler.upsert({
      id: pollScheduleId(wf.id),
      expression: pollExpression(node!.params as unknown as PollParams),
      payload: { kind: POLL_KIND, workflowId: wf.id },
      enabled: true,
    });
  } else await removeSchedule(deps, pollScheduleId(wf.id));
  if (type === 'trigger.event') {
    try {
      await putEventRule(deps, wf.organization_id, wf.id, node!.params.pattern);
    } catch (err) {
      // e.g. a pattern that becomes too long once the organisation constraint is added
      if (!(err instanceof InvalidEventPatternError)) throw err;
      throw problems.validation(
        [{ location: 'body', path: 'params.pattern', message: err.message, nodeId: node!.id }],
        '/problems/invalid-workflow',
      );
    }
  } else await deleteEventRule(deps, wf.organization_id, wf.id);
}

/** Enable: the deployed version's triggers on again; disable: off (runs in flight go on). */
export async function setTriggersEnabled(deps: AppDeps, wf: WorkflowRow, enabled: boolean): Promise<void> {
  await setScheduleEnabled(deps, wf.id, enabled);
  await setScheduleEnabled(deps, pollScheduleId(wf.id), enabled);
  if (!enabled) return deleteEventRule(deps, wf.organization_id, wf.id);
  if (wf.deployed_version === null || !deps.host) return;
  const graph = JSON.parse(findVersion(deps.db, wf.id, wf.deployed_version).graph) as WorkflowGraph;
  const node = triggerNode(graph);
  if (node?.type === 'trigger.event')
    await putEventRule(deps, wf.organization_id, wf.id, node.params.pattern);
}

export async function removeTriggers(deps: AppDeps, wf: Workflow): Promise<void> {
  await removeSchedule(deps, wf.id);
  await removeSchedule(deps, pollScheduleId(wf.id));
  await deleteEventRule(deps, wf.organization_id, wf.id);
}
