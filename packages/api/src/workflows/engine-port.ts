// What the API needs from the engine to turn a saved graph into something that runs:
// validation (with node-level issues), compilation to ASL, and the Task handlers the compiled
// Resources call. The default wires @flowdeck/engine and @flowdeck/nodes; tests may inject one.
import * as engine from '@flowdeck/engine';
import { type TaskHandlers, validateWorkflow, type WorkflowGraph } from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';

export interface GraphIssue {
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
}

export class EngineUnavailableError extends Error {}

type CompileFn = (graph: WorkflowGraph, catalog: engine.NodeCatalog) => unknown;
type TasksFn = (catalog: engine.NodeCatalog) => TaskHandlers;

/**
 * The built-in engine. `compileWorkflow` and `createTaskHandlers` are looked up at run time
 * because they are being written in parallel (issue 2); until they land, deploy answers 503.
 */
export function defaultWorkflowEngine(): WorkflowEngine {
  const catalog = createBuiltinCatalog();
  const exported = engine as unknown as Record<string, unknown>;
  const compileWorkflow = exported.compileWorkflow as CompileFn | undefined;
  const createTaskHandlers = exported.createTaskHandlers as TasksFn | undefined;
  return {
    validate: (graph) => validateWorkflow(graph, catalog).issues,
    compile(graph) {
      if (!compileWorkflow)
        throw new EngineUnavailableError('The workflow compiler is not available in this build.');
      const out = compileWorkflow(graph, catalog) as { definition?: object } | object;
      return 'definition' in out && out.definition ? out.definition : out;
    },
    tasks: createTaskHandlers ? createTaskHandlers(catalog) : {},
  };
}
