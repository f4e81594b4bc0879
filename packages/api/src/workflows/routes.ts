// Workflows: CRUD of drafts, deploy (compile → immutable version → register), versions, diff,
// restore, enable/disable, webhook signing secret, manual runs.
import { CompileError, type WorkflowGraph } from '@flowdeck/engine';
import { z } from 'zod';
import { auditOf, recordAudit } from '../audit/audit-log.ts';
import {
  DeployedSchema,
  GraphSchema,
  RunStartedSchema,
  VersionDetailSchema,
  VersionSchema,
  WorkflowDiffSchema,
  WorkflowSchema,
} from '../contract/workflows.ts';
import type { AppDeps } from '../deps.ts';
import { publicBaseUrl } from '../http/client.ts';
import type { Principal } from '../http/env.ts';
import { ProblemError, problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams, NoContent } from '../http/schemas.ts';
import { iso, newId, newSecret } from '../ids.ts';
import { requireHost, runService, runSummaryJson } from '../runs/service.ts';
import { diffGraphs } from './diff.ts';
import { workflowsChanged } from './changes.ts';
import { emitPlatformEvent } from '../events/platform.ts';
import { registerTriggers, removeTriggers, setTriggersEnabled, triggerKinds } from '../triggers/register.ts';
import { EngineUnavailableError, type GraphIssue, type WorkflowEngine } from './engine-port.ts';
import {
  auditView,
  findVersion,
  findWorkflow,
  starterGraph,
  triggerOf,
  type VersionRow,
  type WorkflowRow,
  workflowJson,
} from './repo.ts';
import { prepared } from '../db/prepared.ts';

const Tags = z.array(z.string().trim().min(1).max(50)).max(20);

const VersionParams = z.strictObject({
  id: z.string().min(1).max(200),
  version: z.coerce.number().int().min(1),
});

export function requireEngine(deps: AppDeps): WorkflowEngine {
  if (!deps.engine) {
    throw new ProblemError({
      type: '/problems/engine-unavailable',
      title: 'The workflow engine is not available',
      status: 503,
    });
  }
  return deps.engine;
}

/** 422 `/problems/invalid-workflow` with the engine's issues (paths relative to `graph`). */
export function validateGraph(engine: WorkflowEngine, graph: unknown): WorkflowGraph {
  const issues = engine.validate(graph);
  if (issues.length) throw invalidWorkflow(issues);
  return graph as WorkflowGraph;
}

/**
 * Drafts: a graph is stored as soon as it is a graph (the engine's shape check passes), so a
 * half-built workflow is never lost (n8n and Zapier keep those too). Everything else the engine
 * finds comes back as `issues`; only deploy refuses them. A node's settings values are form
 * fields like its params, so their problems do not block a save either.
 */
export function checkDraft(
  engine: WorkflowEngine,
  graph: unknown,
): { graph: WorkflowGraph; issues: GraphIssue[] } {
  const issues = engine.validate(graph);
  const shape = issues.filter(
    (i) =>
      (i.code === 'invalid_shape' || i.code === 'unsupported_schema_version') &&
      !(i.nodeId && i.path.startsWith('settings')),
  );
  if (shape.length) throw invalidWorkflow(shape);
  return { graph: graph as WorkflowGraph, issues };
}

const issueJson = (i: GraphIssue) => ({
  ...(i.code ? { code: i.code } : {}),
  ...(i.nodeId ? { nodeId: i.nodeId } : {}),
  ...(i.edgeId ? { edgeId: i.edgeId } : {}),
  path: i.path,
  message: i.message,
});

/** A workflow as answered by the single-workflow routes: with the draft's problems. */
function workflowWithIssues(deps: AppDeps, row: WorkflowRow, baseUrl: string) {
  const json = workflowJson(row, baseUrl);
  const issues = deps.engine ? deps.engine.validate(json.graph).map(issueJson) : [];
  return { ...json, issues };
}

function invalidWorkflow(issues: GraphIssue[]): ProblemError {
  return new ProblemError({
    type: '/problems/invalid-workflow',
    title: issues.length === 1 ? 'The workflow has 1 problem' : `The workflow has ${issues.length} problems`,
    status: 422,
    errors: issues.map((i) => ({
      location: 'body' as const,
      path: i.path,
      message: i.message,
      ...(i.nodeId ? { nodeId: i.nodeId } : {}),
      ...(i.edgeId ? { edgeId: i.edgeId } : {}),
    })),
  });
}

const actorId = (p: Principal) => (p.kind === 'user' ? p.userId : p.keyId);

export function workflowRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock } = deps;

  r.add({
    method: 'post',
    path: '/api/v1/workflows',
    summary: 'Create a workflow (its draft starts with a manual trigger unless a graph is given)',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:edit',
    body: z.strictObject({
      name: z.string().trim().min(1).max(200),
      graph: GraphSchema.optional(),
      tags: Tags.optional(),
    }),
    responses: { 201: { description: 'Created.', schema: WorkflowSchema } },
    handler({ c, org, body, principal }) {
      const { graph } = checkDraft(requireEngine(deps), body.graph ?? starterGraph());
      const now = clock.now();
      const row: WorkflowRow = {
        id: newId('wf'),
        organization_id: org.organizationId,
        name: body.name,
        tags: JSON.stringify(body.tags ?? []),
        draft_graph: JSON.stringify(graph),
        draft_revision: 1,
        enabled: 0,
        deployed_version: null,
        webhook_token: newSecret(),
        webhook_secret: null,
        created_by: actorId(principal),
        created_at: now,
        updated_at: now,
      };
      db.transaction(() => {
        prepared(
          db,
          `INSERT INTO workflows (id, organization_id, name, tags, draft_graph, draft_revision, enabled, deployed_version,
            webhook_token, webhook_secret, created_by, created_at, updated_at)
           VALUES (@id, @organization_id, @name, @tags, @draft_graph, @draft_revision, @enabled, @deployed_version,
            @webhook_token, @webhook_secret, @created_by, @created_at, @updated_at)`,
        ).run(row);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.create',
          target: { type: 'workflow', id: row.id },
          after: auditView(row),
        });
      })();
      return c.json(workflowWithIssues(deps, row, publicBaseUrl(c)), 201);
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/workflows',
    summary: 'Workflows of the current organisation, most recently changed first',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:read',
    query: z.strictObject({ tag: z.string().max(50).optional() }),
    responses: { 200: { description: 'Workflows.', schema: z.object({ items: z.array(WorkflowSchema) }) } },
    handler({ c, org, query }) {
      const rows = prepared(
        db,
        'SELECT * FROM workflows WHERE organization_id = ? ORDER BY updated_at DESC, id',
      ).all(org.organizationId) as WorkflowRow[];
      const base = publicBaseUrl(c);
      const items = rows
        .filter((w) => !query.tag || (JSON.parse(w.tags) as string[]).includes(query.tag))
        .map((w) => workflowJson(w, base));
      return c.json({ items });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/workflows/:id',
    summary: 'One workflow with its draft graph',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:read',
    params: IdParams,
    responses: { 200: { description: 'The workflow.', schema: WorkflowSchema } },
    handler({ c, org, params }) {
      return c.json(
        workflowWithIssues(deps, findWorkflow(db, org.organizationId, params.id), publicBaseUrl(c)),
      );
    },
  });

  r.add({
    method: 'put',
    path: '/api/v1/workflows/:id',
    summary: "Save the draft: any well-formed graph is stored; the engine's findings come back as `issues`",
    description:
      'A graph that is not a graph (wrong shape) answers 422. A half-built one is saved and answers 200 with `issues`; deploy refuses it.',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:edit',
    params: IdParams,
    body: z.strictObject({
      name: z.string().trim().min(1).max(200),
      graph: GraphSchema,
      tags: Tags.optional(),
    }),
    responses: { 200: { description: 'Saved.', schema: WorkflowSchema } },
    handler({ c, org, params, body }) {
      findWorkflow(db, org.organizationId, params.id);
      const { graph } = checkDraft(requireEngine(deps), body.graph);
      const saved = db.transaction(() => {
        const before = findWorkflow(db, org.organizationId, params.id);
        const after: WorkflowRow = {
          ...before,
          name: body.name,
          tags: body.tags ? JSON.stringify(body.tags) : before.tags,
          draft_graph: JSON.stringify(graph),
          draft_revision: before.draft_revision + 1,
          updated_at: clock.now(),
        };
        prepared(
          db,
          'UPDATE workflows SET name = ?, tags = ?, draft_graph = ?, draft_revision = ?, updated_at = ? WHERE id = ?',
        ).run(after.name, after.tags, after.draft_graph, after.draft_revision, after.updated_at, after.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.update',
          target: { type: 'workflow', id: after.id },
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      })();
      workflowsChanged(db);
      return c.json(workflowWithIssues(deps, saved, publicBaseUrl(c)));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/workflows/:id',
    summary: 'Delete a workflow; its webhook stops answering (past runs stay listed)',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:delete',
    params: IdParams,
    responses: NoContent,
    async handler({ c, org, params }) {
      const deleted = db.transaction(() => {
        const before = findWorkflow(db, org.organizationId, params.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.delete',
          target: { type: 'workflow', id: before.id },
          before: auditView(before),
        });
        prepared(db, 'DELETE FROM workflows WHERE id = ?').run(before.id);
        return before;
      })();
      workflowsChanged(db);
      await removeTriggers(deps, deleted);
      return c.body(null, 204);
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/workflows/:id/deploy',
    summary: 'Compile the draft, store it as a new immutable version, and (re)register its trigger',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:deploy',
    params: IdParams,
    responses: {
      200: {
        description: 'Deployed.',
        schema: DeployedSchema,
      },
      503: { description: 'The compiler or runtime is not available.' },
    },
    async handler({ c, org, params, principal }) {
      const engine = requireEngine(deps);
      const host = requireHost(deps);
      const wf = findWorkflow(db, org.organizationId, params.id);
      const graph = validateGraph(engine, JSON.parse(wf.draft_graph));
      let definition: object;
      try {
        definition = engine.compile(graph);
      } catch (err) {
        if (err instanceof EngineUnavailableError) {
          throw new ProblemError({ type: '/problems/engine-unavailable', title: err.message, status: 503 });
        }
        // The compiler reports what validation cannot see (e.g. a condition it cannot translate).
        if (err instanceof CompileError) throw invalidWorkflow(err.problems);
        throw err;
      }
      const version =
        ((
          prepared(db, 'SELECT MAX(version) AS v FROM workflow_versions WHERE workflow_id = ?').get(
            wf.id,
          ) as {
            v: number | null;
          }
        ).v ?? 0) + 1;
      const stateMachineArn = await host.register(`${wf.id}-v${version}`, definition);
      const trigger = triggerOf(graph);
      await registerTriggers(deps, wf, graph);
      db.transaction(() => {
        const current = findWorkflow(db, org.organizationId, params.id);
        prepared(
          db,
          `INSERT INTO workflow_versions (workflow_id, version, graph, definition, state_machine_arn, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          wf.id,
          version,
          wf.draft_graph,
          JSON.stringify(definition),
          stateMachineArn,
          actorId(principal),
          clock.now(),
        );
        prepared(db, 'UPDATE workflows SET deployed_version = ?, enabled = 1 WHERE id = ?').run(
          version,
          wf.id,
        );
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.deploy',
          target: { type: 'workflow', id: wf.id },
          before: auditView(current),
          after: auditView({ ...current, deployed_version: version, enabled: 1 }),
        });
      })();
      workflowsChanged(db);
      await emitPlatformEvent(deps, org.organizationId, 'workflow.deployed', {
        workflowId: wf.id,
        workflowName: wf.name,
        version,
        ...(principal.kind === 'user' ? { deployedBy: principal.userId } : {}),
        triggers: triggerKinds(graph),
      });
      const webhookUrl =
        trigger?.type === 'trigger.webhook' ? workflowJson(wf, publicBaseUrl(c)).webhookUrl : undefined;
      return c.json({ version, ...(webhookUrl ? { webhookUrl } : {}) });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/workflows/:id/versions',
    summary: 'Deployed versions, newest first',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:read',
    params: IdParams,
    responses: { 200: { description: 'Versions.', schema: z.object({ items: z.array(VersionSchema) }) } },
    handler({ c, org, params }) {
      const wf = findWorkflow(db, org.organizationId, params.id);
      const rows = prepared(
        db,
        'SELECT * FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC',
      ).all(wf.id) as VersionRow[];
      return c.json({
        items: rows.map((v) => ({
          version: v.version,
          createdAt: iso(v.created_at),
          createdBy: v.created_by,
          current: v.version === wf.deployed_version,
        })),
      });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/workflows/:id/versions/:version',
    summary: 'One version: its graph and compiled ASL definition',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:read',
    params: VersionParams,
    responses: {
      200: {
        description: 'The version.',
        schema: VersionDetailSchema,
      },
    },
    handler({ c, org, params }) {
      const wf = findWorkflow(db, org.organizationId, params.id);
      const v = findVersion(db, wf.id, params.version);
      return c.json({
        version: v.version,
        createdAt: iso(v.created_at),
        createdBy: v.created_by,
        current: v.version === wf.deployed_version,
        graph: JSON.parse(v.graph),
        definition: JSON.parse(v.definition),
      });
    },
  });

  const VersionRef = z.union([z.literal('draft'), z.coerce.number().int().min(1)]);
  r.add({
    method: 'get',
    path: '/api/v1/workflows/:id/diff',
    summary: 'What changed between two versions (or a version and the draft)',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:read',
    params: IdParams,
    query: z.strictObject({ from: VersionRef, to: VersionRef.default('draft') }),
    responses: {
      200: {
        description: 'Node and edge ids added, removed and changed (with the changed fields).',
        schema: WorkflowDiffSchema,
      },
    },
    handler({ c, org, params, query }) {
      const wf = findWorkflow(db, org.organizationId, params.id);
      const graphOf = (ref: 'draft' | number) =>
        JSON.parse(ref === 'draft' ? wf.draft_graph : findVersion(db, wf.id, ref).graph) as Parameters<
          typeof diffGraphs
        >[0];
      return c.json({
        from: query.from,
        to: query.to,
        ...diffGraphs(graphOf(query.from), graphOf(query.to)),
      });
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/workflows/:id/versions/:version/restore',
    summary: "Copy a version's graph into the draft (deploy to make it live)",
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:edit',
    params: VersionParams,
    responses: { 200: { description: 'The workflow with the restored draft.', schema: WorkflowSchema } },
    handler({ c, org, params }) {
      const saved = db.transaction(() => {
        const before = findWorkflow(db, org.organizationId, params.id);
        const v = findVersion(db, before.id, params.version);
        const after = {
          ...before,
          draft_graph: v.graph,
          draft_revision: before.draft_revision + 1,
          updated_at: clock.now(),
        };
        prepared(
          db,
          'UPDATE workflows SET draft_graph = ?, draft_revision = ?, updated_at = ? WHERE id = ?',
        ).run(after.draft_graph, after.draft_revision, after.updated_at, after.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.restore',
          target: { type: 'workflow', id: after.id },
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      })();
      workflowsChanged(db);
      return c.json(workflowWithIssues(deps, saved, publicBaseUrl(c)));
    },
  });

  for (const enable of [true, false]) {
    r.add({
      method: 'post',
      path: `/api/v1/workflows/:id/${enable ? 'enable' : 'disable'}`,
      summary: enable
        ? 'Turn the triggers of the deployed version on'
        : 'Turn triggers off (runs in flight go on)',
      tags: ['workflows'],
      auth: 'org',
      permission: 'workflow:deploy',
      params: IdParams,
      responses: {
        200: { description: 'The workflow.', schema: WorkflowSchema },
        409: { description: 'Never deployed.' },
      },
      async handler({ c, org, params }) {
        const saved = db.transaction(() => {
          const before = findWorkflow(db, org.organizationId, params.id);
          if (enable && before.deployed_version === null)
            throw problems.conflict('Deploy the workflow first.');
          const after = { ...before, enabled: enable ? 1 : 0 };
          prepared(db, 'UPDATE workflows SET enabled = ? WHERE id = ?').run(after.enabled, after.id);
          recordAudit(c, {
            organizationId: org.organizationId,
            action: enable ? 'workflow.enable' : 'workflow.disable',
            target: { type: 'workflow', id: after.id },
            before: auditView(before),
            after: auditView(after),
          });
          return after;
        })();
        workflowsChanged(db);
        await setTriggersEnabled(deps, saved, enable);
        return c.json(workflowJson(saved, publicBaseUrl(c)));
      },
    });
  }

  r.add({
    method: 'post',
    path: '/api/v1/workflows/:id/webhook-secret',
    summary: 'Create (or replace) the secret that webhook callers sign with; shown once',
    description: 'Callers then send `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:deploy',
    params: IdParams,
    responses: { 200: { description: 'The secret.', schema: z.object({ secret: z.string() }) } },
    handler({ c, org, params }) {
      const secret = newSecret();
      db.transaction(() => {
        const wf = findWorkflow(db, org.organizationId, params.id);
        prepared(db, 'UPDATE workflows SET webhook_secret = ? WHERE id = ?').run(secret, wf.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.webhook_secret_set',
          target: { type: 'workflow', id: wf.id },
        });
      })();
      workflowsChanged(db);
      return c.json({ secret });
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/workflows/:id/webhook-secret',
    summary: 'Stop requiring signed webhook calls',
    tags: ['workflows'],
    auth: 'org',
    permission: 'workflow:deploy',
    params: IdParams,
    responses: NoContent,
    handler({ c, org, params }) {
      db.transaction(() => {
        const wf = findWorkflow(db, org.organizationId, params.id);
        prepared(db, 'UPDATE workflows SET webhook_secret = NULL WHERE id = ?').run(wf.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'workflow.webhook_secret_remove',
          target: { type: 'workflow', id: wf.id },
        });
      })();
      workflowsChanged(db);
      return c.body(null, 204);
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/workflows/:id/runs',
    summary: 'Start a manual run of the deployed version with `input` as `$trigger`',
    tags: ['runs'],
    auth: 'org',
    permission: 'workflow:run',
    params: IdParams,
    body: z.strictObject({ input: z.unknown().optional() }),
    responses: {
      202: { description: 'Started.', schema: RunStartedSchema },
      409: { description: 'Never deployed.' },
    },
    async handler({ c, org, params, body }) {
      const wf = findWorkflow(db, org.organizationId, params.id);
      if (wf.deployed_version === null) throw problems.conflict('Deploy the workflow before running it.');
      const v = findVersion(db, wf.id, wf.deployed_version);
      const run = await runService(deps).start({
        organizationId: org.organizationId,
        workflowId: wf.id,
        version: v.version,
        stateMachineArn: v.state_machine_arn,
        input: body.input ?? {},
        trigger: 'manual',
        record: (started) =>
          auditOf(c, {
            organizationId: org.organizationId,
            action: 'run.start',
            target: { type: 'run', id: started.id },
            after: runSummaryJson(started),
          }),
      });
      return c.json({ runId: run.id, status: run.status }, 202);
    },
  });
}
