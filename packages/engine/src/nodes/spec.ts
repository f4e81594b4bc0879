// The engine's view of a node type. `defineNode()` in @flowdeck/nodes produces objects that
// satisfy `NodeSpec` (plus `run`); the engine validates and compiles against a `NodeCatalog`
// without importing the node library.

export type NodeKind = 'trigger' | 'action' | 'condition' | 'control';

/** A JSON Schema (draft 2020-12) object, as rendered by the editor's forms. */
export type JsonSchema = Record<string, unknown>;

export interface ParamIssue {
  /** Dotted path inside `params`, e.g. `rule`, `headers.0.name`; `''` for params as a whole. */
  path: string;
  message: string;
}

export interface NodeSpec {
  type: string;
  version: number;
  kind: NodeKind;
  title: string;
  category: string;
  icon?: string;
  /** Connection kind the node needs (e.g. `linkedin`), if any. */
  connection?: string;
  /** JSON Schema of `params`. String fields may always hold a `{% … %}` JSONata expression. */
  paramsSchema: JsonSchema;
  /** Checks `params` against the props; every problem at once. `{% %}` strings are accepted
   *  wherever a value is expected (their syntax is checked by the engine's validator). */
  validateParams(params: unknown): ParamIssue[];
  /**
   * Output handles (edge `sourceHandle`s) this node offers for the given params, e.g.
   * `['true', 'false']` for a condition. Absent: one unnamed output (`sourceHandle` null).
   */
  outputHandles?(params: Record<string, unknown>): string[];
  /** An example of the node's output, for the editor's autocomplete before any run. */
  sampleOutput?: unknown;
}

export interface NodeCatalog {
  get(type: string, version: number): NodeSpec | undefined;
  /** Every version known for a type, ascending (for "unknown version" messages). */
  versions(type: string): number[];
  list(): NodeSpec[];
}

/** Builds a catalog from a list of specs. */
export function createCatalog(specs: Iterable<NodeSpec>): NodeCatalog {
  const byKey = new Map<string, NodeSpec>();
  const versions = new Map<string, number[]>();
  for (const spec of specs) {
    byKey.set(`${spec.type}@${spec.version}`, spec);
    const list = versions.get(spec.type) ?? [];
    list.push(spec.version);
    list.sort((a, b) => a - b);
    versions.set(spec.type, list);
  }
  return {
    get: (type, version) => byKey.get(`${type}@${version}`),
    versions: (type) => versions.get(type) ?? [],
    list: () => [...byKey.values()],
  };
}
