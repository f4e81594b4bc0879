// The node catalog: every node type and version the engine knows, for the editor's palette.
import { z } from 'zod';

/** Handles that depend on params: one per item id of the `fromParams` list, then `plus`. */
export const DynamicHandlesSchema = z.object({ fromParams: z.string(), plus: z.array(z.string()) });

export const NodeTypeSchema = z
  .object({
    type: z.string(),
    version: z.number().int(),
    kind: z.enum(['trigger', 'action', 'condition', 'control']),
    title: z.string(),
    category: z.string(),
    icon: z.string().optional(),
    description: z.string().optional(),
    connection: z.string().optional().describe('Connection kind the node needs, e.g. `linkedin`.'),
    paramsSchema: z
      .record(z.string(), z.unknown())
      .describe('JSON Schema 2020-12 of `params` (docs/graph.md).'),
    sampleOutput: z.unknown().optional(),
    outputHandles: z
      .union([z.array(z.string()), DynamicHandlesSchema])
      .optional()
      .describe(
        'Named outputs. Absent: one unnamed output. `{fromParams, plus}`: one per `params[fromParams][].id`, then `plus`. Any node with `settings.onError: "branch"` also has `error`.',
      ),
  })
  .meta({ id: 'NodeType' });
