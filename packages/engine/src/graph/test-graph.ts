// Test helpers (not exported): a tiny graph builder and a catalog whose specs follow the
// built-in nodes' contract (docs/graph.md), since the engine may not import @flowdeck/nodes.
import { type NodeCatalog, type NodeSpec, type ParamIssue, createCatalog } from '../nodes/spec.ts';
import type { NodeSettings, WorkflowEdge, WorkflowGraph, WorkflowNode } from './model.ts';

function spec(
  type: string,
  kind: NodeSpec['kind'],
  options: {
    required?: string[];
    outputHandles?: NodeSpec['outputHandles'];
    properties?: Record<string, unknown>;
    version?: number;
  } = {},
): NodeSpec {
  return {
    type,
    version: options.version ?? 1,
    kind,
    title: type,
    category: 'test',
    paramsSchema: { type: 'object', properties: options.properties ?? {} },
    validateParams(params) {
      const issues: ParamIssue[] = [];
      const values = (params ?? {}) as Record<string, unknown>;
      for (const key of options.required ?? []) {
        if (values[key] === undefined) issues.push({ path: key, message: `${key} is required.` });
      }
      return issues;
    },
    outputHandles: options.outputHandles,
  };
}

const ruleSchema = { type: 'object', format: 'json-logic' };

export const testCatalog: NodeCatalog = createCatalog([
  spec('trigger.manual', 'trigger'),
  spec('logic.condition', 'condition', {
    outputHandles: () => ['true', 'false'],
    properties: { rule: ruleSchema },
  }),
  spec('logic.switch', 'condition', {
    outputHandles: (params) => [
      ...((params.cases as { id: string }[] | undefined) ?? []).map((c) => c.id),
      'default',
    ],
    properties: { cases: { type: 'array', items: { type: 'object', properties: { rule: ruleSchema } } } },
  }),
  spec('logic.for_each', 'control', { outputHandles: () => ['item', 'done'] }),
  spec('logic.parallel', 'control'),
  spec('logic.join', 'control'),
  spec('logic.approval', 'control', { outputHandles: () => ['approved', 'rejected'] }),
  spec('logic.stop', 'control', { outputHandles: () => [] }),
  spec('data.transform', 'action'),
  spec('http.request', 'action', { required: ['url'] }),
  spec('http.request', 'action', { required: ['url'], version: 2 }),
]);

/** `g().node('start', 'trigger.manual').node('post', 'http.request', {url: 'x'}).edge('start', 'post').build()` */
export class GraphBuilder {
  private nodes: WorkflowNode[] = [];
  private edges: WorkflowEdge[] = [];
  private variables?: Record<string, unknown>;

  node(
    id: string,
    type: string,
    params: Record<string, unknown> = {},
    extra: { settings?: NodeSettings; version?: number; title?: string } = {},
  ): this {
    this.nodes.push({
      id,
      type,
      version: extra.version ?? 1,
      position: { x: this.nodes.length * 200, y: 0 },
      params,
      settings: extra.settings,
      title: extra.title,
    });
    return this;
  }

  /** `edge('a', 'b')`, or `edge('cond', 'b', 'true')` for a named output. */
  edge(
    source: string,
    target: string,
    sourceHandle: string | null = null,
    id = `${source}-${sourceHandle ?? 'out'}-${target}`,
  ): this {
    this.edges.push({ id, source, target, sourceHandle });
    return this;
  }

  /** Connects a chain of nodes with unnamed outputs: `chain('a', 'b', 'c')`. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.edge(ids[i - 1], ids[i]);
    return this;
  }

  vars(variables: Record<string, unknown>): this {
    this.variables = variables;
    return this;
  }

  build(): WorkflowGraph {
    return {
      schemaVersion: 1,
      nodes: this.nodes,
      edges: this.edges,
      ...(this.variables && { variables: this.variables }),
    };
  }
}

export const g = () => new GraphBuilder();
