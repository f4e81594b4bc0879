// A read-only view of a (valid) workflow graph for the compiler: nodes by id, edges by source and
// handle, in an order that does not depend on the order of the graph's arrays.
import {
  ERROR_HANDLE,
  FOR_EACH_DONE_HANDLE,
  FOR_EACH_TYPE,
  JOIN_TYPE,
  PARALLEL_TYPE,
} from '../graph/control-types.ts';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/model.ts';

export class GraphView {
  readonly nodes = new Map<string, WorkflowNode>();
  private readonly outgoing = new Map<string, WorkflowEdge[]>();

  constructor(readonly graph: WorkflowGraph) {
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) {
      const list = this.outgoing.get(edge.source) ?? [];
      list.push(edge);
      this.outgoing.set(edge.source, list);
    }
    for (const list of this.outgoing.values()) list.sort((a, b) => compareEdges(a, b, this.nodes));
  }

  node(id: string): WorkflowNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`No node ${id}`);
    return node;
  }

  /** Edges leaving a node, ordered by handle, then by the target's place on the canvas. */
  edgesFrom(id: string): WorkflowEdge[] {
    return this.outgoing.get(id) ?? [];
  }

  /** The node an output leads to (`null`: the unnamed output), if connected. */
  target(id: string, handle: string | null): string | undefined {
    return this.edgesFrom(id).find((e) => (e.sourceHandle ?? null) === handle)?.target;
  }

  /**
   * The `logic.join` where a parallel's branches meet, if they do. Nested parallels are skipped
   * through their own join; a for-each is followed along `done` only.
   */
  joinOf(parallelId: string): string | undefined {
    const found = new Set<string>();
    const seen = new Set<string>();
    const stack = this.edgesFrom(parallelId)
      .filter((e) => (e.sourceHandle ?? null) === null)
      .map((e) => e.target);
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.node(id);
      if (node.type === JOIN_TYPE) {
        found.add(id);
      } else if (node.type === PARALLEL_TYPE) {
        const inner = this.joinOf(id);
        if (inner) stack.push(...this.edgesFrom(inner).map((e) => e.target));
      } else if (node.type === FOR_EACH_TYPE) {
        const after = this.edgesFrom(id).filter(
          (e) => e.sourceHandle === FOR_EACH_DONE_HANDLE || e.sourceHandle === ERROR_HANDLE,
        );
        stack.push(...after.map((e) => e.target));
      } else {
        stack.push(...this.edgesFrom(id).map((e) => e.target));
      }
    }
    return [...found].sort()[0];
  }
}

function compareEdges(a: WorkflowEdge, b: WorkflowEdge, nodes: Map<string, WorkflowNode>): number {
  const ha = a.sourceHandle ?? '';
  const hb = b.sourceHandle ?? '';
  if (ha !== hb) return ha < hb ? -1 : 1;
  // Parallel branches: top to bottom, then left to right, as the author sees them.
  const pa = nodes.get(a.target)?.position ?? { x: 0, y: 0 };
  const pb = nodes.get(b.target)?.position ?? { x: 0, y: 0 };
  if (pa.y !== pb.y) return pa.y - pb.y;
  if (pa.x !== pb.x) return pa.x - pb.x;
  return a.target < b.target ? -1 : a.target > b.target ? 1 : 0;
}
