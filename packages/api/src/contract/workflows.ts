// Workflows, their deployed versions, deploys, diffs and started runs.
import { z } from 'zod';
import { Timestamp } from './common.ts';

/** Opaque here: the engine validates graphs (docs/graph.md has the shape). */
export const GraphSchema = z.record(z.string(), z.unknown()).meta({
  id: 'WorkflowGraph',
  description: 'A workflow graph (schemaVersion 1); see docs/graph.md. Validated by the engine.',
});

export const GraphIssueSchema = z
  .object({
    code: z.string().optional(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    path: z.string(),
    message: z.string(),
  })
  .meta({ id: 'GraphIssue', description: 'One problem of a graph; paths as in docs/graph.md.' });

export const WorkflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    tags: z.array(z.string()),
    graph: GraphSchema,
    draftRevision: z.number().int(),
    deployedVersion: z.number().int().nullable(),
    enabled: z.boolean(),
    webhookUrl: z.string(),
    webhookSigned: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    issues: z
      .array(GraphIssueSchema)
      .optional()
      .describe('What the engine finds wrong with the draft (empty: it can be deployed). Not in lists.'),
  })
  .meta({ id: 'Workflow' });

export const VersionSchema = z
  .object({ version: z.number().int(), createdAt: Timestamp, createdBy: z.string(), current: z.boolean() })
  .meta({ id: 'WorkflowVersion' });

/** `GET /api/v1/workflows/:id/versions/:version`. */
export const VersionDetailSchema = VersionSchema.extend({
  graph: GraphSchema,
  definition: z.record(z.string(), z.unknown()),
});

/** `POST /api/v1/workflows/:id/deploy`. */
export const DeployedSchema = z.object({ version: z.number().int(), webhookUrl: z.string().optional() });

/** `GET /api/v1/workflows/:id/diff`. */
/** A node or edge present on both sides, with the top-level fields that differ. */
const ChangedItemSchema = z.object({ id: z.string(), fields: z.array(z.string()) });

export const WorkflowDiffSchema = z.object({
  from: z.union([z.literal('draft'), z.number()]),
  to: z.union([z.literal('draft'), z.number()]),
  nodes: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(ChangedItemSchema),
  }),
  edges: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(ChangedItemSchema),
  }),
  variablesChanged: z.boolean(),
});

export const RunStartedSchema = z
  .object({ runId: z.string(), status: z.string() })
  .meta({ id: 'RunStarted' });
