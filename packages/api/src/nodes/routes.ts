// The node catalog for the editor's palette and forms: every node type and version the engine
// knows (built-ins and plugins), so a plugin's nodes appear without rebuilding the editor.
import type { NodeSpec } from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import { z } from 'zod';
import { NodeTypeSchema } from '../contract/nodes.ts';
import type { AppDeps } from '../deps.ts';
import type { RouteRegistry } from '../http/route.ts';

export type NodeTypeJson = z.infer<typeof NodeTypeSchema>;

/**
 * Static handles are answered as a list. A handle function that reads its params (switch) is
 * probed: the top-level list param whose item ids become handles is `fromParams`, the handles it
 * gives for no items are `plus`.
 */
export function handlesOf(spec: NodeSpec): NodeTypeJson['outputHandles'] {
  const fn = spec.outputHandles;
  if (!fn) return undefined;
  const base = fn({});
  if (fn.length === 0) return base;
  const props = (spec.paramsSchema.properties ?? {}) as Record<string, { type?: unknown }>;
  for (const [name, schema] of Object.entries(props)) {
    if (schema.type !== 'array') continue;
    const probe = '__flowdeck_probe__';
    if (fn({ [name]: [{ id: probe }] }).includes(probe)) return { fromParams: name, plus: base };
  }
  return base;
}

export function nodeTypeJson(spec: NodeSpec): NodeTypeJson {
  const description = (spec as { description?: unknown }).description;
  const handles = handlesOf(spec);
  return {
    type: spec.type,
    version: spec.version,
    kind: spec.kind,
    title: spec.title,
    category: spec.category,
    ...(spec.icon !== undefined ? { icon: spec.icon } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    ...(spec.connection !== undefined ? { connection: spec.connection } : {}),
    paramsSchema: spec.paramsSchema,
    ...(spec.sampleOutput !== undefined ? { sampleOutput: spec.sampleOutput } : {}),
    ...(handles !== undefined ? { outputHandles: handles } : {}),
  };
}

export function nodeRoutes(r: RouteRegistry, deps: AppDeps): void {
  let items: NodeTypeJson[] | undefined;
  r.add({
    method: 'get',
    path: '/api/v1/nodes',
    summary: 'The node catalog: every node type and version, with its form schema and outputs',
    tags: ['nodes'],
    auth: 'org',
    permission: 'workflow:read',
    responses: { 200: { description: 'Node types.', schema: z.object({ items: z.array(NodeTypeSchema) }) } },
    handler({ c }) {
      items ??= (deps.engine?.catalog ?? createBuiltinCatalog())
        .list()
        .map(nodeTypeJson)
        .sort(
          (a, b) =>
            a.category.localeCompare(b.category) || a.type.localeCompare(b.type) || a.version - b.version,
        );
      return c.json({ items });
    },
  });
}
