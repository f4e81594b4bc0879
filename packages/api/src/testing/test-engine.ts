// A stand-in for the engine's compiler while it is being written (issue 2): the real validator
// and node catalog, and a small compiler for the graphs the API tests use (a trigger, a chain of
// action nodes, approvals with approved/rejected branches). Each action node becomes a Task
// `test:<type>` whose result is kept in `$<nodeId>`, as the real compiler does with Assign.
import {
  TaskFailure,
  type TaskHandlers,
  validateWorkflow,
  type WorkflowGraph,
  type WorkflowNode,
} from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import type { WorkflowEngine } from '../workflows/engine-port.ts';

export interface TestEngine extends WorkflowEngine {
  /** Number of failures `http.request` steps still give before succeeding. */
  failures: { http: number };
  /** Every input the `http.request` handler received. */
  calls: unknown[];
}

const APPROVAL = 'arn:aws:states:::flowdeck:approval.waitForTaskToken';

export function testEngine(): TestEngine {
  const catalog = createBuiltinCatalog();
  const failures = { http: 0 };
  const calls: unknown[] = [];
  const tasks: TaskHandlers = {
    'test:data.transform': async (input) => (input as { output: unknown }).output,
    'test:http.request': async (input) => {
      calls.push(input);
      if (failures.http > 0) {
        failures.http--;
        throw new TaskFailure('Http.ServerError', 'The server answered 503.');
      }
      return { status: 200, body: input };
    },
  };
  return {
    failures,
    calls,
    tasks,
    validate: (graph) => validateWorkflow(graph, catalog).issues,
    compile: (graph) => compileForTests(graph),
  };
}

function compileForTests(graph: WorkflowGraph): object {
  const next = (id: string, handle: string | null = null) =>
    graph.edges.find((e) => e.source === id && (e.sourceHandle ?? null) === handle)?.target;
  const trigger = graph.nodes.find((n) => n.type.startsWith('trigger.'))!;
  const states: Record<string, object> = {};
  const link = (target: string | undefined) => (target ? { Next: target } : { End: true });
  states.Start = { Type: 'Pass', Assign: { trigger: '{% $states.input %}' }, ...link(next(trigger.id)) };
  for (const node of graph.nodes as WorkflowNode[]) {
    if (node.id === trigger.id) continue;
    if (node.type === 'logic.approval') {
      states[node.id] = {
        Type: 'Task',
        Resource: APPROVAL,
        Arguments: { message: node.params.message },
        Assign: { [node.id]: '{% $states.result %}' },
        Next: `${node.id}_decide`,
      };
      const approved = next(node.id, 'approved');
      const rejected = next(node.id, 'rejected');
      states[`${node.id}_decide`] = {
        Type: 'Choice',
        Choices: [{ Condition: `{% $${node.id}.approved %}`, Next: approved }],
        Default: rejected,
      };
      continue;
    }
    const retry = node.settings?.retry;
    states[node.id] = {
      Type: 'Task',
      Resource: `test:${node.type}`,
      Arguments: node.params,
      Assign: { [node.id]: '{% $states.result %}' },
      ...(retry
        ? {
            Retry: [
              {
                ErrorEquals: ['States.ALL'],
                MaxAttempts: retry.maxAttempts,
                IntervalSeconds: 1,
                BackoffRate: 1,
              },
            ],
          }
        : {}),
      ...link(next(node.id)),
    };
  }
  return { QueryLanguage: 'JSONata', StartAt: 'Start', States: states };
}

/** trigger → node → node … as a graph (ids n1, n2, … unless the node has one). */
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
