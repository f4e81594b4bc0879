// Which connection a running node may use: one of the organisation that owns the run. The
// organisation comes from the app's own records of the execution, never from the node's params:
// the `runs` row (execution ARN), or, for an execution whose row is not written yet (the run's
// first step can start before `RunService.start` records it), the workflow named by its state
// machine (`<workflowId>-v<n>` or a retry's `<workflowId>-v<n>-r<digest>`).
import type { NodeConnection } from '@flowdeck/nodes';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import type { ConnectionRequest } from '../runtime-host/node-runner.ts';
import { openConnection } from './routes.ts';

export function organizationOfExecution(deps: AppDeps, executionArn: string): string | undefined {
  const run = prepared(deps.db, 'SELECT organization_id FROM runs WHERE execution_arn = ?').get(
    executionArn,
  ) as { organization_id: string } | undefined;
  if (run) return run.organization_id;
  // arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName>
  const machine = executionArn.split(':')[6] ?? '';
  const workflowId = machine.replace(/-v\d+(-r[0-9a-f]+)?$/, '');
  if (workflowId === machine) return undefined;
  const wf = prepared(deps.db, 'SELECT organization_id FROM workflows WHERE id = ?').get(workflowId) as
    | { organization_id: string }
    | undefined;
  return wf?.organization_id;
}

export function runConnection(
  deps: AppDeps,
  request: ConnectionRequest,
): { kind: string; credentials: NodeConnection } | undefined {
  const organizationId = organizationOfExecution(deps, request.executionArn);
  return organizationId ? openConnection(deps, organizationId, request.connectionId) : undefined;
}
