// Runs: list, detail with steps rebuilt from history, raw history, cancel, re-run, and retry
// from the failed step (with the version the run used or the latest deployed one).
import { createHash } from 'node:crypto';
import type { WorkflowGraph } from '@flowdeck/engine';
import { z } from 'zod';
import { auditOf, recordAudit } from '../audit/audit-log.ts';
import { RunPageSchema, RunSchema, RunStatusSchema as Status } from '../contract/runs.ts';
import { RunStartedSchema } from '../contract/workflows.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import type { RouteInput, RouteRegistry } from '../http/route.ts';
import { IdParams, Timestamp } from '../http/schemas.ts';
import { findVersion, type VersionRow } from '../workflows/repo.ts';
import { readableCause } from './cause.ts';
import { findRun, requireHost, type RunRow, runService, runSummaryJson } from './service.ts';
import { assignedVariables, type HistoryEventLike, stepsFromHistory } from './steps.ts';
import { prepared } from '../db/prepared.ts';

const VersionChoice = z.strictObject({ version: z.enum(['same', 'latest']).default('same') });

const parse = (text: string | undefined) => (text === undefined ? null : JSON.parse(text));

export async function allHistory(deps: AppDeps, executionArn: string): Promise<HistoryEventLike[]> {
  const events: HistoryEventLike[] = [];
  let nextToken: string | undefined;
  do {
    const page = await requireHost(deps).runtime.getExecutionHistory({
      executionArn,
      maxResults: 1000,
      nextToken,
    });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

export function runRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db } = deps;

  async function runDetail(run: RunRow) {
    const host = requireHost(deps);
    const d = await host.runtime.describeExecution({ executionArn: run.execution_arn });
    const events = await allHistory(deps, run.execution_arn);
    const version = prepared(
      db,
      'SELECT graph FROM workflow_versions WHERE workflow_id = ? AND version = ?',
    ).get(run.workflow_id, run.version) as { graph: string } | undefined;
    const nodeIds = version ? (JSON.parse(version.graph) as WorkflowGraph).nodes.map((n) => n.id) : [];
    return {
      ...runSummaryJson({ ...run, status: d.status }),
      input: parse(d.input),
      output: parse(d.output),
      error: d.error || d.cause ? { error: d.error, cause: readableCause(d.cause) } : null,
      steps: stepsFromHistory(events, nodeIds, d.status),
    };
  }

  /** The deployed version row to use for a re-run or retry. */
  function versionFor(run: RunRow, choice: 'same' | 'latest'): VersionRow {
    if (choice === 'same') return findVersion(db, run.workflow_id, run.version);
    const wf = prepared(db, 'SELECT deployed_version FROM workflows WHERE id = ?').get(run.workflow_id) as
      | { deployed_version: number | null }
      | undefined;
    if (!wf) throw problems.conflict('The workflow of this run was deleted.');
    if (wf.deployed_version === null) throw problems.conflict('The workflow has no deployed version.');
    return findVersion(db, run.workflow_id, wf.deployed_version);
  }

  type Input = RouteInput<typeof VersionChoice, undefined, typeof IdParams>;
  async function startFrom(input: Input, trigger: 'rerun' | 'retry') {
    const { c, org, params, body } = input;
    const host = requireHost(deps);
    const run = findRun(deps, org.organizationId, params.id);
    const v = versionFor(run, body.version);
    const original = await host.runtime.describeExecution({ executionArn: run.execution_arn });
    let stateMachineArn = v.state_machine_arn;
    if (trigger === 'retry') {
      if (original.status === 'RUNNING' || original.status === 'SUCCEEDED') {
        throw problems.conflict(
          'Only a failed, timed-out or stopped run can be retried from its failed step.',
        );
      }
      stateMachineArn = await resumeMachine(deps, run, v);
    }
    const next = await runService(deps).start({
      organizationId: org.organizationId,
      workflowId: run.workflow_id,
      version: v.version,
      stateMachineArn,
      input: parse(original.input),
      trigger,
      parentRunId: run.id,
      record: (started) =>
        auditOf(c, {
          organizationId: org.organizationId,
          action: `run.${trigger}`,
          target: { type: 'run', id: started.id },
          after: runSummaryJson(started),
        }),
    });
    return c.json({ runId: next.id, status: next.status }, 202);
  }

  r.add({
    method: 'get',
    path: '/api/v1/runs',
    summary: 'Runs of the current organisation, newest first',
    tags: ['runs'],
    auth: 'org',
    permission: 'run:read',
    query: z.strictObject({
      workflowId: z.string().max(200).optional(),
      status: Status.optional(),
      from: Timestamp.optional(),
      to: Timestamp.optional(),
      cursor: z.string().max(400).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: {
      200: {
        description: 'One page; pass `nextCursor` back as `cursor`.',
        schema: RunPageSchema,
      },
    },
    handler({ c, org, query }) {
      const where = ['organization_id = ?'];
      const args: (string | number)[] = [org.organizationId];
      if (query.workflowId) where.push('workflow_id = ?') && args.push(query.workflowId);
      if (query.status) where.push('status = ?') && args.push(query.status);
      if (query.from) where.push('started_at >= ?') && args.push(Date.parse(query.from));
      if (query.to) where.push('started_at < ?') && args.push(Date.parse(query.to));
      if (query.cursor) {
        const [at, id] = Buffer.from(query.cursor, 'base64url').toString().split('|');
        if (!id || !/^\d+$/.test(at)) {
          throw problems.validation([
            { location: 'query', path: 'cursor', message: 'Use the nextCursor of the previous page.' },
          ]);
        }
        where.push('(started_at < ? OR (started_at = ? AND id < ?))');
        args.push(Number(at), Number(at), id);
      }
      const rows = prepared(
        db,
        `SELECT * FROM runs WHERE ${where.join(' AND ')} ORDER BY started_at DESC, id DESC LIMIT ?`,
      ).all(...args, query.limit + 1) as RunRow[];
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit
          ? Buffer.from(`${last.started_at}|${last.id}`).toString('base64url')
          : undefined;
      return c.json({ items: page.map(runSummaryJson), ...(nextCursor ? { nextCursor } : {}) });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/runs/:id',
    summary: 'One run with its steps (built from the history events)',
    tags: ['runs'],
    auth: 'org',
    permission: 'run:read',
    params: IdParams,
    responses: { 200: { description: 'The run.', schema: RunSchema } },
    async handler({ c, org, params }) {
      return c.json(await runDetail(findRun(deps, org.organizationId, params.id)));
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/runs/:id/history',
    summary: "The run's raw history events, in Step Functions' GetExecutionHistory shape",
    tags: ['runs'],
    auth: 'org',
    permission: 'run:read',
    params: IdParams,
    responses: {
      200: { description: 'Events, oldest first.', schema: z.object({ events: z.array(z.unknown()) }) },
    },
    async handler({ c, org, params }) {
      const run = findRun(deps, org.organizationId, params.id);
      return c.json({ events: await allHistory(deps, run.execution_arn) });
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/runs/:id/cancel',
    summary: 'Stop a running run (StopExecution)',
    tags: ['runs'],
    auth: 'org',
    permission: 'run:cancel',
    params: IdParams,
    responses: {
      200: { description: 'The stopped run.', schema: RunSchema },
      409: { description: 'Not running.' },
    },
    async handler({ c, org, params }) {
      const host = requireHost(deps);
      const run = findRun(deps, org.organizationId, params.id);
      const d = await host.runtime.describeExecution({ executionArn: run.execution_arn });
      if (d.status !== 'RUNNING') throw problems.conflict(`The run has already ended (${d.status}).`);
      await host.runtime.stopExecution({ executionArn: run.execution_arn, cause: 'Cancelled from the API.' });
      await runService(deps).finished(run);
      recordAudit(c, {
        organizationId: org.organizationId,
        action: 'run.cancel',
        target: { type: 'run', id: run.id },
      });
      return c.json(await runDetail(findRun(deps, org.organizationId, params.id)));
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/runs/:id/rerun',
    summary: 'Run again with the same input, on the same or the latest deployed version',
    tags: ['runs'],
    auth: 'org',
    permission: 'workflow:run',
    params: IdParams,
    body: VersionChoice,
    responses: { 202: { description: 'Started.', schema: RunStartedSchema } },
    handler: (input) => startFrom(input, 'rerun'),
  });

  r.add({
    method: 'post',
    path: '/api/v1/runs/:id/retry',
    summary: 'Retry from the failed step: earlier steps are not run again, their outputs are kept',
    description:
      'The new run starts at the top-level step that failed, with the input that step had and the workflow variables assigned before it. A failure inside a for-each or parallel retries that whole for-each or parallel.',
    tags: ['runs'],
    auth: 'org',
    permission: 'workflow:run',
    params: IdParams,
    body: VersionChoice,
    responses: {
      202: { description: 'Started.', schema: RunStartedSchema },
      409: { description: 'The run did not fail, or the chosen version has no such step.' },
    },
    handler: (input) => startFrom(input, 'retry'),
  });
}

const RESUME_STATE = 'FlowdeckResume';

/**
 * A state machine that starts at the run's failed top-level state: a Pass state restores the
 * variables assigned before it and hands over the input that state had, then goes to it.
 * Values are written as JSONata literals (JSON is valid JSONata), so nothing is re-evaluated.
 */
async function resumeMachine(deps: AppDeps, run: RunRow, v: VersionRow): Promise<string> {
  const definition = JSON.parse(v.definition) as { StartAt: string; States: Record<string, unknown> };
  const topLevel = new Set(Object.keys(definition.States));
  const events = await allHistory(deps, run.execution_arn);
  const exited = new Set<number>();
  let failed: { name: string; input: string; id: number } | undefined;
  const open = new Map<string, { id: number; input: string }>();
  for (const e of events) {
    if (e.type.endsWith('StateEntered')) {
      const d = e.stateEnteredEventDetails as { name: string; input: string };
      if (topLevel.has(d.name)) open.set(d.name, { id: e.id, input: d.input });
    } else if (e.type.endsWith('StateExited')) {
      const d = e.stateExitedEventDetails as { name: string };
      const o = open.get(d.name);
      if (o) exited.add(o.id);
      open.delete(d.name);
    }
  }
  for (const [name, o] of open) if (!failed || o.id > failed.id) failed = { name, input: o.input, id: o.id };
  if (!failed) throw problems.conflict('No failed step was found in this run.');
  if (!topLevel.has(failed.name))
    throw problems.conflict(`Version ${v.version} has no step "${failed.name}".`);
  const vars = assignedVariables(events, topLevel, failed.id);
  const literal = (value: unknown) => `{% ${JSON.stringify(value)} %}`;
  const resume = {
    ...definition,
    StartAt: RESUME_STATE,
    States: {
      ...reachableFrom(definition.States, failed.name),
      [RESUME_STATE]: {
        Type: 'Pass',
        ...(Object.keys(vars).length
          ? { Assign: Object.fromEntries(Object.entries(vars).map(([k, x]) => [k, literal(x)])) }
          : {}),
        Output: literal(JSON.parse(failed.input)),
        Next: failed.name,
      },
    },
  };
  const digest = createHash('sha256').update(JSON.stringify(resume)).digest('hex').slice(0, 12);
  return requireHost(deps).register(`${v.workflow_id}-v${v.version}-r${digest}`, resume);
}

/** The states reachable from `start` (ASL refuses unreachable states). */
function reachableFrom(states: Record<string, unknown>, start: string): Record<string, unknown> {
  const keep: Record<string, unknown> = {};
  const queue = [start];
  while (queue.length) {
    const name = queue.pop()!;
    if (name in keep || !(name in states)) continue;
    const state = states[name] as {
      Next?: string;
      Default?: string;
      Choices?: { Next?: string }[];
      Catch?: { Next?: string }[];
    };
    keep[name] = state;
    for (const next of [
      state.Next,
      state.Default,
      ...(state.Choices ?? []).map((c) => c.Next),
      ...(state.Catch ?? []).map((c) => c.Next),
    ]) {
      if (next) queue.push(next);
    }
  }
  return keep;
}
