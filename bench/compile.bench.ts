// Validate + compile a 1,000-node, 1,200-edge workflow (target: under 100 ms together;
// compileWorkflow validates first, so its figure is the whole job).
// Baseline in the same run: a JSON round trip of the same graph, the least any handling costs.
import { compileWorkflow, validateWorkflow, type WorkflowGraph } from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import { bigGraph } from './fixtures/big-graph.ts';
import { type Measurement, measure } from './harness.ts';

/** Times `fn` on a graph built beforehand, so building the fixture is never counted. */
const timed = (graph: WorkflowGraph, fn: (g: WorkflowGraph) => void) => {
  const started = performance.now();
  fn(graph);
  return performance.now() - started;
};

export async function run(): Promise<Measurement[]> {
  const catalog = createBuiltinCatalog();
  // A fresh graph each run with new expression texts, so no cache answers for a previous run.
  let salt = 0;
  const fresh = () => bigGraph(202, 393, ++salt * 1000);
  const graph = fresh();
  if (graph.nodes.length !== 1000 || graph.edges.length !== 1200)
    throw new Error('fixture is not 1,000 × 1,200');
  const check = validateWorkflow(graph, catalog);
  if (!check.valid) throw new Error(`fixture invalid: ${JSON.stringify(check.issues.slice(0, 3))}`);

  return [
    await measure('baseline: JSON round trip of the graph', 'ms', 9, () =>
      timed(fresh(), (g) => JSON.parse(JSON.stringify(g))),
    ),
    await measure('validate 1,000 nodes / 1,200 edges', 'ms', 9, () =>
      timed(fresh(), (g) => validateWorkflow(g, catalog)),
    ),
    await measure(
      'compileWorkflow (validates, then compiles) 1,000 nodes / 1,200 edges',
      'ms',
      9,
      () => timed(fresh(), (g) => compileWorkflow(g, catalog)),
      'target < 100 ms',
    ),
  ];
}
