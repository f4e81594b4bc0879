// The nested parts of a graph: the body of each for-each (what runs per element, an ASL Map
// iterator) and the branches of each parallel (ASL Parallel branches, up to their join).
import {
  ERROR_HANDLE,
  FOR_EACH_ITEM_HANDLE,
  FOR_EACH_TYPE,
  JOIN_TYPE,
  PARALLEL_TYPE,
} from './control-types.ts';
import type { WorkflowEdge } from './model.ts';
import { type Topology, reachableFrom } from './topology.ts';

export interface ParallelBranch {
  /** The edge from the parallel node that starts this branch. */
  edge: WorkflowEdge;
  /** Nodes of the branch, nested parallels and their joins included; the closing join excluded. */
  nodes: Set<string>;
  /** Joins this branch reaches at its own level (a well-formed branch reaches at most one). */
  joins: Set<string>;
}

export interface Scopes {
  /** For-each id → nodes of its body. */
  forEachBodies: Map<string, Set<string>>;
  /** Parallel id → its branches. */
  parallelBranches: Map<string, ParallelBranch[]>;
  /** Node id → ids of the for-each and parallel nodes it runs inside of. */
  enclosing: Map<string, string[]>;
}

function bodyOf(topology: Topology, forEachId: string): Set<string> {
  const starts = (topology.outgoing.get(forEachId) ?? [])
    .filter((edge) => edge.sourceHandle === FOR_EACH_ITEM_HANDLE)
    .map((edge) => edge.target);
  const body = reachableFrom(topology, starts);
  body.delete(forEachId); // only on a cycle, which is reported on its own
  return body;
}

/** Walks a branch; a nested parallel opens a level and a join closes one, so only the join at
 *  this branch's own level ends it. */
function branchOf(topology: Topology, parallelId: string, edge: WorkflowEdge): ParallelBranch {
  const nodes = new Set<string>();
  const joins = new Set<string>();
  const seen = new Set<string>();
  const stack: { id: string; depth: number }[] = [{ id: edge.target, depth: 0 }];
  while (stack.length > 0) {
    const { id, depth } = stack.pop()!;
    const key = `${id}@${depth}`;
    if (seen.has(key) || id === parallelId) continue;
    seen.add(key);
    const type = topology.nodes.get(id)?.type;
    let next = depth;
    if (type === JOIN_TYPE) {
      if (depth === 0) {
        joins.add(id);
        continue;
      }
      next = depth - 1;
    } else if (type === PARALLEL_TYPE) {
      next = depth + 1;
    }
    nodes.add(id);
    for (const out of topology.outgoing.get(id) ?? []) stack.push({ id: out.target, depth: next });
  }
  return { edge, nodes, joins };
}

export function findScopes(topology: Topology): Scopes {
  const forEachBodies = new Map<string, Set<string>>();
  const parallelBranches = new Map<string, ParallelBranch[]>();
  const enclosing = new Map<string, string[]>([...topology.nodes.keys()].map((id) => [id, []]));
  for (const node of topology.nodes.values()) {
    if (node.type === FOR_EACH_TYPE) {
      const body = bodyOf(topology, node.id);
      forEachBodies.set(node.id, body);
      for (const id of body) enclosing.get(id)?.push(node.id);
    }
    if (node.type === PARALLEL_TYPE) {
      const branches = (topology.outgoing.get(node.id) ?? [])
        .filter((edge) => edge.sourceHandle !== ERROR_HANDLE)
        .map((edge) => branchOf(topology, node.id, edge));
      parallelBranches.set(node.id, branches);
      for (const branch of branches) for (const id of branch.nodes) enclosing.get(id)?.push(node.id);
    }
  }
  return { forEachBodies, parallelBranches, enclosing };
}
