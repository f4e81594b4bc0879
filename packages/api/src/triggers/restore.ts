// At server start the bus's rules (kept in memory) are registered again for every enabled,
// deployed event-trigger workflow, and every organisation's bus is opened so that deliveries and
// "wait for event" registrations stored before the restart resume. Schedules and polls are
// durable in the scheduler's store and need nothing.
import type { WorkflowGraph } from '@flowdeck/engine';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { orgBus } from '../events/buses.ts';
import { putEventRule } from '../events/rules.ts';
import type { WorkflowRow } from '../workflows/repo.ts';
import { triggerNode } from './register.ts';

const restored = new WeakMap<AppDeps, Promise<void>>();

async function restore(deps: AppDeps): Promise<void> {
  if (!deps.host) return;
  const orgs = prepared(deps.db, 'SELECT id FROM organizations').all() as { id: string }[];
  for (const org of orgs) orgBus(deps, org.id);
  const live = prepared(
    deps.db,
    `SELECT w.id, w.organization_id, v.graph FROM workflows w
       JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.deployed_version
      WHERE w.enabled = 1`,
  ).all() as (Pick<WorkflowRow, 'id' | 'organization_id'> & { graph: string })[];
  for (const wf of live) {
    const node = triggerNode(JSON.parse(wf.graph) as WorkflowGraph);
    if (node?.type !== 'trigger.event') continue;
    try {
      await putEventRule(deps, wf.organization_id, wf.id, node.params.pattern);
    } catch (err) {
      deps.logger.error({ err, workflowId: wf.id }, 'could not restore an event rule');
    }
  }
}

/** Starts restoring (once per app); later calls answer the same promise. */
export function restoreTriggers(deps: AppDeps): Promise<void> {
  let done = restored.get(deps);
  if (!done) {
    done = restore(deps);
    restored.set(deps, done);
  }
  return done;
}

/** Resolves once the triggers registered before the last restart are back. */
export const triggersReady = restoreTriggers;
