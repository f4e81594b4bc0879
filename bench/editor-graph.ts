// A valid workflow of exactly 1,000 nodes and 1,200 edges for the editor benchmark: a trigger,
// a chain of transforms, then parallel blocks whose branches meet at a join (the only way a
// valid graph has more edges than nodes: see docs/graph.md).
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '@flowdeck/engine';

export function bigWorkflow(nodeCount = 1000, edgeCount = 1200): WorkflowGraph {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const COL = 300;
  const ROW = 110;
  let col = 0;
  // Columns wrap every 30 so the graph is a block, like a big real workflow after tidy-up.
  const add = (id: string, type: string, row: number, params: Record<string, unknown> = {}) => {
    const band = Math.floor(col / 30);
    nodes.push({
      id,
      type,
      version: 1,
      position: { x: (col % 30) * COL, y: (band * 4 + row + 1) * ROW },
      params,
    });
    return id;
  };
  const link = (source: string, target: string) =>
    edges.push({ id: `e${edges.length}`, source, target, sourceHandle: null });

  // Each block with b branches adds b - 1 more edges than nodes; the chain adds as many as nodes.
  const extra = edgeCount - nodeCount + 1; // a tree has nodes - 1 edges
  const blocks3 = Math.floor(extra / 2);
  const blocks2 = extra % 2;
  const blockNodes = blocks3 * (2 + 3 * 2) + blocks2 * (2 + 2 * 2);
  const chain = nodeCount - 1 - blockNodes;
  if (chain < 1) throw new Error('too many edges for this many nodes');

  let last = add('webhook', 'trigger.webhook', 0, { responseMode: 'async' });
  col++;
  for (let i = 0; i < chain; i++, col++) {
    const id = add(`step_${i}`, 'data.transform', 0, { output: { i, title: '{% $trigger.body.title %}' } });
    link(last, id);
    last = id;
  }
  const block = (n: number, branches: number) => {
    const p = add(`fan_${n}`, 'logic.parallel', 0);
    link(last, p);
    col++;
    const ends: string[] = [];
    for (let b = 0; b < branches; b++) {
      const a = add(`b${n}_${b}_a`, 'data.transform', b - 1, { output: { b } });
      ends.push(a);
    }
    col++;
    for (let b = 0; b < branches; b++) {
      const z = add(`b${n}_${b}_z`, 'data.transform', b - 1, { output: { b } });
      link(p, ends[b]);
      link(ends[b], z);
      ends[b] = z;
    }
    col++;
    const j = add(`join_${n}`, 'logic.join', 0);
    for (const e of ends) link(e, j);
    col++;
    last = j;
  };
  for (let n = 0; n < blocks3; n++) block(n, 3);
  for (let n = 0; n < blocks2; n++) block(blocks3 + n, 2);
  if (nodes.length !== nodeCount || edges.length !== edgeCount)
    throw new Error(`generated ${nodes.length} nodes / ${edges.length} edges`);
  return { schemaVersion: 1, nodes, edges };
}
