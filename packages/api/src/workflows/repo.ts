import type { WorkflowGraph } from '@flowdeck/engine';
import type Database from 'better-sqlite3';
import { problems } from '../http/problem.ts';
import { iso } from '../ids.ts';
import { prepared } from '../db/prepared.ts';

export interface WorkflowRow {
  id: string;
  organization_id: string;
  name: string;
  tags: string;
  draft_graph: string;
  draft_revision: number;
  enabled: number;
  deployed_version: number | null;
  webhook_token: string;
  webhook_secret: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface VersionRow {
  workflow_id: string;
  version: number;
  graph: string;
  definition: string;
  state_machine_arn: string;
  created_by: string;
  created_at: number;
}

/** A new workflow starts with a manual trigger only. */
export const starterGraph = (): WorkflowGraph => ({
  schemaVersion: 1,
  nodes: [{ id: 'start', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 }, params: {} }],
  edges: [],
});

export function findWorkflow(db: Database.Database, orgId: string, id: string): WorkflowRow {
  const row = prepared(db, 'SELECT * FROM workflows WHERE id = ? AND organization_id = ?').get(id, orgId) as
    | WorkflowRow
    | undefined;
  if (!row) throw problems.notFound('workflow');
  return row;
}

export function findVersion(db: Database.Database, workflowId: string, version: number): VersionRow {
  const row = prepared(db, 'SELECT * FROM workflow_versions WHERE workflow_id = ? AND version = ?').get(
    workflowId,
    version,
  ) as VersionRow | undefined;
  if (!row) throw problems.notFound('version');
  return row;
}

/** The trigger node of a graph and, for a webhook trigger, its response mode. */
export function triggerOf(
  graph: WorkflowGraph,
): { nodeId: string; type: string; responseMode: 'async' | 'sync' } | undefined {
  const node = graph.nodes.find((n) => n.type.startsWith('trigger.'));
  if (!node) return undefined;
  return {
    nodeId: node.id,
    type: node.type,
    responseMode: node.params?.responseMode === 'sync' ? 'sync' : 'async',
  };
}

export const webhookPath = (token: string) => `/webhooks/${token}`;

export function workflowJson(row: WorkflowRow, baseUrl: string) {
  const graph = JSON.parse(row.draft_graph) as WorkflowGraph;
  return {
    id: row.id,
    name: row.name,
    tags: JSON.parse(row.tags) as string[],
    graph,
    draftRevision: row.draft_revision,
    deployedVersion: row.deployed_version,
    enabled: row.enabled === 1,
    webhookUrl: `${baseUrl}${webhookPath(row.webhook_token)}`,
    webhookSigned: row.webhook_secret !== null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** What the audit digest sees of a workflow: no webhook token or secret. */
export const auditView = (row: WorkflowRow) => ({
  id: row.id,
  name: row.name,
  tags: row.tags,
  graph: row.draft_graph,
  enabled: row.enabled,
  deployedVersion: row.deployed_version,
});
