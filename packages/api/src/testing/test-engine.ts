// The real engine (validator, compiler, node runner) with a fake `http.request`, so tests can
// make a step fail on purpose and see what it was called with, without a network.
import {
  DEFAULT_NODE_RUNNER,
  type TaskHandler,
  TaskFailure,
  type WorkflowGraph,
  type WorkflowNode,
} from '@flowdeck/engine';
import { defaultWorkflowEngine, type WorkflowEngine } from '../workflows/engine-port.ts';

export interface TestEngine extends WorkflowEngine {
  /** Number of failures `http.request` steps still give before succeeding. */
  failures: { http: number };
  /** The params every `http.request` step ran with (expressions evaluated). */
  calls: unknown[];
}

export function testEngine(): TestEngine {
  const real = defaultWorkflowEngine();
  const runner = real.tasks[DEFAULT_NODE_RUNNER];
  const failures = { http: 0 };
  const calls: unknown[] = [];
  const fakeRunner: TaskHandler = async (input, ctx) => {
    const payload = input as { type: string; params: Record<string, unknown> };
    if (payload.type !== 'http.request') return runner(input, ctx);
    calls.push(payload.params);
    if (failures.http > 0) {
      failures.http--;
      throw new TaskFailure('Http.ServerError', 'The server answered 503.');
    }
    return { status: 200, body: payload.params };
  };
  return { ...real, failures, calls, tasks: { [DEFAULT_NODE_RUNNER]: fakeRunner } };
}

/** trigger → node → node … as a graph (ids hook, n1, n2, … unless the node has one). */
export function chain(
  trigger: Partial<WorkflowNode> & { type: string },
  ...steps: (Partial<WorkflowNode> & { type: string })[]
): WorkflowGraph {
  const nodes = [trigger, ...steps].map((n, i) => ({
    id: n.id ?? (i === 0 ? 'hook' : `n${i}`),
    version: 1,
    position: { x: i * 200, y: 0 },
    params: {},
    ...n,
  })) as WorkflowNode[];
  const edges = nodes
    .slice(1)
    .map((n, i) => ({ id: `e${i}`, source: nodes[i].id, sourceHandle: null, target: n.id }));
  return { schemaVersion: 1, nodes, edges };
}
