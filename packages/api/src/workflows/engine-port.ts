// What the API needs from the engine to turn a saved graph into something that runs:
// validation (with node-level issues), compilation to ASL, and the Task handlers the compiled
// Resources call. The default wires @flowdeck/engine and @flowdeck/nodes; tests may inject one.
import {
  compileWorkflow,
  DEFAULT_NODE_RUNNER,
  type NodeCatalog,
  type TaskHandlers,
  validateWorkflow,
  type WorkflowGraph,
} from '@flowdeck/engine';
import { builtinNodes, createBuiltinCatalog, type NodeDefinition, type Props } from '@flowdeck/nodes';
import { type ConnectionSlot, createNodeRunner } from '../runtime-host/node-runner.ts';

export interface GraphIssue {
  /** The engine's stable issue code (`ValidationIssueCode`), e.g. `invalid_shape`. */
  code?: string;
  nodeId?: string;
  edgeId?: string;
  path: string;
  message: string;
}

export interface WorkflowEngine {
  /** Every problem of the graph; empty when it can be deployed. */
  validate(graph: unknown): GraphIssue[];
  /** ASL (JSONata) state machine for a valid graph. */
  compile(graph: WorkflowGraph): object;
  /** Handlers for the Task Resources the compiled definitions use. */
  tasks: TaskHandlers;
  /** The node types it knows (for `GET /api/v1/nodes`); absent: the built-in catalog. */
  catalog?: NodeCatalog;
  /** Where the node runner asks for a node's connection; the connections module fills it. */
  connections?: ConnectionSlot;
}

export class EngineUnavailableError extends Error {}

/**
 * The built-in engine: the engine's validator and compiler, and an in-process node runner for
 * the built-in nodes plus `plugins` (extra node definitions, e.g. a test's or a plugin package's).
 */
export function defaultWorkflowEngine(
  options: { plugins?: readonly NodeDefinition<Props, unknown>[] } = {},
): WorkflowEngine {
  const plugins = options.plugins ?? [];
  const catalog = createBuiltinCatalog(plugins);
  const connections: ConnectionSlot = {};
  return {
    validate: (graph) => validateWorkflow(graph, catalog).issues,
    compile: (graph) => compileWorkflow(graph, catalog).definition,
    tasks: { [DEFAULT_NODE_RUNNER]: createNodeRunner([...builtinNodes, ...plugins], connections) },
    catalog,
    connections,
  };
}
