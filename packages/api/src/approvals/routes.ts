// Approval steps waiting for a person: listed per organisation, answered over HTTP. The answer
// completes the `.waitForTaskToken` task with `{approved, decision, comment, decidedBy, decidedAt}`.
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { ApprovalSchema } from '../contract/approvals.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { iso } from '../ids.ts';
import { requireHost } from '../runs/service.ts';
import { prepared } from '../db/prepared.ts';

interface ApprovalRow {
  id: string;
  execution_arn: string;
  state_name: string;
  task_token: string;
  input: string;
  created_at: number;
  decision: string | null;
  comment: string | null;
  decided_by: string | null;
  decided_at: number | null;
  run_id: string;
  workflow_id: string;
}

const approvalJson = (a: ApprovalRow) => {
  const payload = JSON.parse(a.input) as { nodeId?: string; params?: { message?: unknown } } | null;
  const params = (payload && typeof payload === 'object' && 'params' in payload ? payload.params : payload) as
    | { message?: unknown }
    | null
    | undefined;
  return {
    id: a.id,
    runId: a.run_id,
    workflowId: a.workflow_id,
    nodeId: payload?.nodeId ?? a.state_name,
    message: typeof params?.message === 'string' ? params.message : null,
    input: params,
    status: (a.decision ?? 'pending') as 'pending' | 'approved' | 'rejected',
    comment: a.comment,
    decidedBy: a.decided_by,
    createdAt: iso(a.created_at),
    decidedAt: iso(a.decided_at),
  };
};

const SELECT = `SELECT a.*, r.id AS run_id, r.workflow_id FROM approvals a JOIN runs r ON r.execution_arn = a.execution_arn`;

export function approvalRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock } = deps;

  r.add({
    method: 'get',
    path: '/api/v1/approvals',
    summary: 'Approval steps of the current organisation (pending by default)',
    tags: ['approvals'],
    auth: 'org',
    permission: 'approval:read',
    query: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending') }),
    responses: { 200: { description: 'Approvals.', schema: z.object({ items: z.array(ApprovalSchema) }) } },
    handler({ c, org, query }) {
      const filter =
        query.status === 'all'
          ? ''
          : query.status === 'pending'
            ? 'AND a.decision IS NULL'
            : 'AND a.decision = ?';
      const args: string[] = [org.organizationId];
      if (query.status === 'approved' || query.status === 'rejected') args.push(query.status);
      const rows = prepared(
        db,
        `${SELECT} WHERE r.organization_id = ? ${filter} ORDER BY a.created_at DESC, a.id`,
      ).all(...args) as ApprovalRow[];
      return c.json({ items: rows.map(approvalJson) });
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/approvals/:id',
    summary: 'Approve or reject; the run continues along the matching branch',
    tags: ['approvals'],
    auth: 'org',
    permission: 'approval:answer',
    params: IdParams,
    body: z.strictObject({
      decision: z.enum(['approved', 'rejected']),
      comment: z.string().max(2000).optional(),
    }),
    responses: {
      200: { description: 'Answered.', schema: ApprovalSchema },
      409: { description: 'Already answered.' },
    },
    async handler({ c, org, params, body, principal }) {
      const host = requireHost(deps);
      const row = prepared(db, `${SELECT} WHERE a.id = ? AND r.organization_id = ?`).get(
        params.id,
        org.organizationId,
      ) as ApprovalRow | undefined;
      if (!row) throw problems.notFound('approval');
      if (row.decision) throw problems.conflict(`This step was already ${row.decision}.`);
      const decidedBy = principal.kind === 'user' ? principal.userId : principal.keyId;
      const now = clock.now();
      const claimed = prepared(
        db,
        'UPDATE approvals SET decision = ?, comment = ?, decided_by = ?, decided_at = ? WHERE id = ? AND decision IS NULL',
      ).run(body.decision, body.comment ?? null, decidedBy, now, row.id);
      if (claimed.changes === 0) throw problems.conflict('This step was just answered by someone else.');
      try {
        await host.runtime.sendTaskSuccess({
          taskToken: row.task_token,
          output: JSON.stringify({
            approved: body.decision === 'approved',
            decision: body.decision,
            comment: body.comment ?? null,
            decidedBy,
            decidedAt: iso(now),
          }),
        });
      } catch (err) {
        // The run ended (stopped, timed out) before the answer: nothing waits for it any more.
        prepared(
          db,
          'UPDATE approvals SET decision = NULL, comment = NULL, decided_by = NULL, decided_at = NULL WHERE id = ?',
        ).run(row.id);
        if ((err as Error).name === 'TaskDoesNotExist' || (err as Error).name === 'TaskTimedOut') {
          throw problems.conflict('The run is no longer waiting for this approval.');
        }
        throw err;
      }
      recordAudit(c, {
        organizationId: org.organizationId,
        action: `approval.${body.decision === 'approved' ? 'approve' : 'reject'}`,
        target: { type: 'approval', id: row.id },
        after: { decision: body.decision, comment: body.comment ?? null },
      });
      return c.json(
        approvalJson({
          ...row,
          decision: body.decision,
          comment: body.comment ?? null,
          decided_by: decidedBy,
          decided_at: now,
        }),
      );
    },
  });
}
