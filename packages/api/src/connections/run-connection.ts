// Which connection a running node may use: one of the organisation that owns the run. The
// organisation comes from the app's own records of the execution, never from the node's params:
// the `runs` row (execution ARN), or, for an execution whose row is not written yet (the run's
// first step can start before `RunService.start` records it), the workflow named by its state
// machine (`<workflowId>-v<n>` or a retry's `<workflowId>-v<n>-r<digest>`).
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { iso } from '../ids.ts';
import type { ConnectionRequest, ResolvedConnection } from '../runtime-host/node-runner.ts';
import { isExpired } from './connection-row.ts';
import { noticeExpiry } from './expiry.ts';
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

/** The run's connection; an expired one comes without credentials, and its expiry is noticed (once). */
export async function runConnection(
  deps: AppDeps,
  request: ConnectionRequest,
): Promise<ResolvedConnection | undefined> {
  const organizationId = organizationOfExecution(deps, request.executionArn);
  const found = organizationId ? openConnection(deps, organizationId, request.connectionId) : undefined;
  if (!found) return undefined;
  const { row } = found;
  if (row.expires_at !== null && isExpired(row, deps.clock.now())) {
    await noticeExpiry(deps, row);
    return { kind: row.kind, name: row.name, credentials: {}, expiredAt: iso(row.expires_at)! };
  }
  return { kind: row.kind, name: row.name, credentials: found.credentials };
}
