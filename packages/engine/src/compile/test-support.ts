// Test helpers (not exported): a catalog shaped like the built-in nodes (the engine may not import
// @flowdeck/nodes), the graph room's builder, and checks every compiled fixture must pass.
import { createRequire } from 'node:module';
import { createCatalog, type NodeCatalog, type NodeSpec } from '../nodes/spec.ts';
import { g } from '../graph/test-graph.ts';

function spec(type: string, kind: NodeSpec['kind'], outputHandles?: NodeSpec['outputHandles']): NodeSpec {
  return {
    type,
    version: 1,
    kind,
    title: type,
    category: 'test',
    paramsSchema: {
      type: 'object',
      properties: type === 'logic.condition' ? { rule: { type: 'object', format: 'json-logic' } } : {},
    },
    validateParams: () => [],
    outputHandles,
  };
}

export const testCatalog: NodeCatalog = createCatalog([
  spec('trigger.manual', 'trigger'),
  spec('trigger.webhook', 'trigger'),
  spec('trigger.schedule', 'trigger'),
  spec('rss.new_item', 'trigger'),
  spec('logic.condition', 'condition', () => ['true', 'false']),
  spec('logic.switch', 'condition', (params) => [
    ...((params.cases as { id: string }[] | undefined) ?? []).map((c) => c.id),
    'default',
  ]),
  spec('logic.delay', 'control'),
  spec('logic.for_each', 'control', () => ['item', 'done']),
  spec('logic.parallel', 'control'),
  spec('logic.join', 'control'),
  spec('logic.approval', 'control', () => ['approved', 'rejected']),
  spec('logic.wait_for_event', 'control', () => ['received', 'timed_out']),
  spec('logic.stop', 'control', () => []),
  spec('data.transform', 'action'),
  spec('http.request', 'action'),
  spec('social.post', 'action'),
]);

// asl-validator ships without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText(separator?: string): string;
};

/** The graph room's test builder: `graph().node('start', 'trigger.manual').edge(…).build()`. */
export const graph = g;

/** asl-validator's verdict (it annotates its argument, hence the copy). */
export function aslProblems(definition: unknown): string[] {
  const { isValid, errorsText } = aslValidator(structuredClone(definition));
  return isValid ? [] : [errorsText('\n')];
}
