// Validate + compile a 1,000-node, 1,200-edge workflow (target: under 100 ms together).
// Baseline in the same run: a JSON round trip of the same graph, the least any handling costs.
import { compileWorkflow, validateWorkflow } from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import { bigGraph } from './fixtures/big-graph.ts';
import { type Measurement, measure } from './harness.ts';

const timed = (fn: () => void) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

export async function run(): Promise<Measurement[]> {
  const catalog = createBuiltinCatalog();
  // A fresh graph each run with new expression texts, so no cache answers for a previous run.
  let salt = 0;
  const fresh = () => bigGraph(201, 396, ++salt * 1000);
  const graph = fresh();
  if (graph.nodes.length !== 1000 || graph.edges.length !== 1200)
    throw new Error('fixture is not 1,000 × 1,200');
  const check = validateWorkflow(graph, catalog);
  if (!check.valid) throw new Error(`fixture invalid: ${JSON.stringify(check.issues.slice(0, 3))}`);

  return [
    await measure('baseline: JSON round trip of the graph', 'ms', 9, () =>
      timed(() => JSON.parse(JSON.stringify(fresh()))),
    ),
    await measure('validate 1,000 nodes / 1,200 edges', 'ms', 9, () =>
      timed(() => validateWorkflow(fresh(), catalog)),
    ),
    await measure('compile 1,000 nodes / 1,200 edges', 'ms', 9, () =>
      timed(() => compileWorkflow(fresh(), catalog)),
    ),
    await measure(
      'validate + compile 1,000 nodes / 1,200 edges',
      'ms',
      9,
      () =>
        timed(() => {
          const g = fresh();
          validateWorkflow(g, catalog);
          compileWorkflow(g, catalog);
        }),
      'target < 100 ms',
    ),
  ];
}
