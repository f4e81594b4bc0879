// The workflow graph: what the editor draws and the API stores (schemaVersion 1).
// docs/graph.md explains the conventions (handles, reserved names, data mapping).

export const GRAPH_SCHEMA_VERSION = 1;

/** Node ids become JSONata variable names (`$fetch_feed`), hence the strict pattern. */
export const NODE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;

export interface WorkflowGraph {
  schemaVersion: 1;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  /** Workflow variables: constants the author declares once, read as `$vars.<name>`. */
  variables?: Record<string, unknown>;
}

export interface WorkflowNode {
  id: string;
  /** Node type id, e.g. `logic.condition`, `http.request`. */
  type: string;
  /** Pinned node version; a breaking change in a node is a new version. */
  version: number;
  position: { x: number; y: number };
  params: Record<string, unknown>;
  settings?: NodeSettings;
  /** Optional display name chosen by the author. */
  title?: string;
}

export interface NodeSettings {
  retry?: RetrySettings;
  /**
   * What happens when the node fails after its retries:
   * - `fail` (default): the run fails;
   * - `continue`: the run goes on along the normal edge with `{error, cause}` as the node's output;
   * - `branch`: the run follows the edge whose `sourceHandle` is `error`.
   */
  onError?: 'fail' | 'continue' | 'branch';
  timeoutSeconds?: number;
}

export interface RetrySettings {
  /** Retries after the first attempt (ASL `MaxAttempts`). */
  maxAttempts: number;
  intervalSeconds?: number;
  backoffRate?: number;
  maxDelaySeconds?: number;
  jitter?: 'FULL' | 'NONE';
}

export interface WorkflowEdge {
  id: string;
  source: string;
  /** Which output of the source: `true`/`false` (condition), a case id (switch), `error`, … */
  sourceHandle?: string | null;
  target: string;
}
