// Auto-layout with dagre, left to right. Returns positions only; the caller moves the nodes
// (one undoable step).
import dagre from '@dagrejs/dagre';
import type { WorkflowGraph } from '@flowdeck/engine';
import type { XY } from './graph-ops.ts';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 72;

export function autoLayout(graph: WorkflowGraph, direction: 'LR' | 'TB' = 'LR'): Map<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: direction, nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, XY>();
  for (const n of graph.nodes) {
    const p = g.node(n.id) as { x: number; y: number } | undefined;
    // dagre gives centres; the canvas positions by the top-left corner.
    if (p) out.set(n.id, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) });
  }
  return out;
}
