// Which nodes' outputs a node may read (`$<nodeId>` in its expressions): the nodes that always
// run before it on its path — not downstream nodes, not sibling branches, not the for-each or
// parallel it runs inside of (their output exists only once they finish), not the trigger (whose
// payload is `$trigger`), and not the nodes inside a parallel's branches once past its join:
// Step Functions keeps branch variables in the branch's scope, so they are read as
// `$<parallelId>.<nodeId>` there.
import type { NodeCatalog } from '../nodes/spec.ts';
import type { WorkflowGraph } from './model.ts';
import { type Scopes, findScopes } from './scopes.ts';
import { type Topology, ancestorsOf, buildTopology } from './topology.ts';

/** Whether `nodeId` may read `$<name>`; `runsBefore` comes from `ancestorIndex`. */
export function canRead(
  topology: Topology,
  scopes: Scopes,
  runsBefore: (a: string, b: string) => boolean,
  name: string,
  nodeId: string,
  isTrigger: (type: string, version: number) => boolean,
): boolean {
  const node = topology.nodes.get(name);
  if (!node || name === nodeId || !runsBefore(name, nodeId)) return false;
  if (scopes.enclosing.get(nodeId)?.includes(name)) return false;
  if (insideOtherScope(scopes, name, nodeId)) return false;
  return !isTrigger(node.type, node.version);
}

/** Whether `name` runs inside a for-each or parallel that `nodeId` is not part of. */
function insideOtherScope(scopes: Scopes, name: string, nodeId: string): boolean {
  const outer = scopes.enclosing.get(nodeId) ?? [];
  return (scopes.enclosing.get(name) ?? []).some((id) => !outer.includes(id));
}

export function upstreamWithin(
  topology: Topology,
  scopes: Scopes,
  nodeId: string,
  isTrigger: (type: string, version: number) => boolean,
): Set<string> {
  const upstream = ancestorsOf(topology, nodeId);
  upstream.delete(nodeId);
  for (const id of scopes.enclosing.get(nodeId) ?? []) upstream.delete(id);
  for (const id of upstream) {
    const node = topology.nodes.get(id);
    if ((node && isTrigger(node.type, node.version)) || insideOtherScope(scopes, id, nodeId))
      upstream.delete(id);
  }
  return upstream;
}

/**
 * Ids of the nodes upstream of `nodeId`, in graph order (for the editor's autocomplete). With a
 * catalog, trigger nodes are left out: their output is read as `$trigger`.
 */
export function upstreamNodeIds(graph: WorkflowGraph, nodeId: string, catalog?: NodeCatalog): string[] {
  const topology = buildTopology(graph);
  const isTrigger = (type: string, version: number) => catalog?.get(type, version)?.kind === 'trigger';
  const upstream = upstreamWithin(topology, findScopes(topology), nodeId, isTrigger);
  return [...topology.nodes.keys()].filter((id) => upstream.has(id));
}
