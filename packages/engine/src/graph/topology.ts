// Adjacency of a graph: which edges leave and enter each node (edges to missing nodes are left
// out), plus the reachability questions every check asks.
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from './model.ts';

export interface Topology {
  /** First node for each id, in graph order. */
  nodes: Map<string, WorkflowNode>;
  outgoing: Map<string, WorkflowEdge[]>;
  incoming: Map<string, WorkflowEdge[]>;
}

export function buildTopology(graph: WorkflowGraph): Topology {
  const nodes = new Map<string, WorkflowNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const outgoing = new Map<string, WorkflowEdge[]>([...nodes.keys()].map((id) => [id, []]));
  const incoming = new Map<string, WorkflowEdge[]>([...nodes.keys()].map((id) => [id, []]));
  for (const edge of graph.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    outgoing.get(edge.source)?.push(edge);
    incoming.get(edge.target)?.push(edge);
  }
  return { nodes, outgoing, incoming };
}

/** Every node reachable from `starts` (included), following edges forward. */
export function reachableFrom(topology: Topology, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of topology.outgoing.get(id) ?? []) stack.push(edge.target);
  }
  return seen;
}

/** Every node from which `id` can be reached (excluding `id` unless it is on a cycle). */
export function ancestorsOf(topology: Topology, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = (topology.incoming.get(id) ?? []).map((edge) => edge.source);
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const edge of topology.incoming.get(current) ?? []) stack.push(edge.source);
  }
  return seen;
}

/** Strongly connected components with a cycle (more than one node, or a self-loop), Tarjan's. */
export function cycles(topology: Topology): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  // Iterative to survive long chains (1,000-node graphs).
  for (const root of topology.nodes.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = topology.outgoing.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++].target;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = (topology.outgoing.get(frame.id) ?? []).some((edge) => edge.target === frame.id);
      if (component.length > 1 || selfLoop) found.push(component);
    }
  }
  return found;
}

/**
 * Answers "does `a` run before `b`" in O(1) after one pass: ancestor sets as bitsets, filled in
 * topological order (nodes on a cycle fall back to a walk). Keeps 1,000-node graphs fast.
 */
export function ancestorIndex(topology: Topology): (a: string, b: string) => boolean {
  const ids = [...topology.nodes.keys()];
  const position = new Map(ids.map((id, i) => [id, i]));
  const words = Math.ceil(ids.length / 32) || 1;
  const bits = new Uint32Array(ids.length * words);
  const set = (row: number, bit: number) => {
    bits[row * words + (bit >>> 5)] |= 1 << (bit & 31);
  };
  const pending = new Map(ids.map((id) => [id, topology.incoming.get(id)?.length ?? 0]));
  const ready = ids.filter((id) => pending.get(id) === 0);
  const done = new Set<string>();
  while (ready.length > 0) {
    const id = ready.pop()!;
    done.add(id);
    const row = position.get(id)!;
    for (const edge of topology.incoming.get(id) ?? []) {
      const from = position.get(edge.source)!;
      for (let w = 0; w < words; w++) bits[row * words + w] |= bits[from * words + w];
      set(row, from);
    }
    for (const edge of topology.outgoing.get(id) ?? []) {
      const left = pending.get(edge.target)! - 1;
      pending.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  for (const id of ids) {
    if (done.has(id)) continue;
    const row = position.get(id)!;
    for (const ancestor of ancestorsOf(topology, id)) set(row, position.get(ancestor)!);
  }
  return (a, b) => {
    const bit = position.get(a);
    const row = position.get(b);
    if (bit === undefined || row === undefined) return false;
    return (bits[row * words + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
  };
}
