// Graph editing operations: plain functions from one immutable WorkflowGraph to the next, so the
// React layer, undo history and tests all speak the same language. Each returns the same graph
// object when nothing changed (the caller can skip a history entry).
import type { NodeCatalog, WorkflowEdge, WorkflowGraph, WorkflowNode } from '@flowdeck/engine';
import { allowsManyEdgesPerHandle, outputHandlesOf } from './catalog.ts';
import { baseIdForType, edgeId, uniqueNodeId } from './ids.ts';

export type XY = { x: number; y: number };

export function emptyGraph(): WorkflowGraph {
  return { schemaVersion: 1, nodes: [], edges: [] };
}

/** Default params from a spec's JSON Schema (`default` of each property). */
export function defaultParams(schema: Record<string, unknown>): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, { default?: unknown }>;
  const params: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    if (prop.default !== undefined) params[key] = structuredClone(prop.default);
  }
  return params;
}

/** A new node of `type` (latest version in the catalog) with defaults and a fresh id. */
export function createNode(
  graph: WorkflowGraph,
  catalog: NodeCatalog,
  type: string,
  position: XY,
): WorkflowNode {
  const versions = catalog.versions(type);
  const version = versions[versions.length - 1];
  const spec = version === undefined ? undefined : catalog.get(type, version);
  if (!spec) throw new Error(`Unknown node type “${type}”.`);
  const id = uniqueNodeId(
    graph.nodes.map((n) => n.id),
    baseIdForType(type),
  );
  return {
    id,
    type,
    version: spec.version,
    position: { ...position },
    params: defaultParams(spec.paramsSchema),
  };
}

export function addNode(graph: WorkflowGraph, node: WorkflowNode): WorkflowGraph {
  if (graph.nodes.some((n) => n.id === node.id)) throw new Error(`A step called “${node.id}” exists.`);
  return { ...graph, nodes: [...graph.nodes, node] };
}

export interface Connection {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/** True when `to` can reach `from` already, so an edge from → to would close a loop. */
export function wouldCreateCycle(graph: WorkflowGraph, from: string, to: string): boolean {
  if (from === to) return true;
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const stack = [to];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/** Why a connection is refused, or undefined when it is allowed. */
export function connectionProblem(
  graph: WorkflowGraph,
  c: Connection,
  catalog?: NodeCatalog,
): string | undefined {
  const source = graph.nodes.find((n) => n.id === c.source);
  const target = graph.nodes.find((n) => n.id === c.target);
  if (!source || !target) return 'Both steps must exist.';
  if (c.source === c.target) return 'A step cannot connect to itself.';
  const targetSpec = catalog?.get(target.type, target.version);
  if (targetSpec?.kind === 'trigger') return 'A trigger starts the workflow; nothing can lead into it.';
  if (wouldCreateCycle(graph, c.source, c.target))
    return 'That would make a loop; use a “For each” step to repeat.';
  if (catalog) {
    const handles = outputHandlesOf(source, catalog.get(source.type, source.version));
    if (!handles.includes(c.sourceHandle ?? null)) return `“${source.id}” has no output “${c.sourceHandle}”.`;
  }
  return undefined;
}

/**
 * Connects two nodes. An output handle holds one edge (except a parallel's), so connecting an
 * already used handle moves its edge. Refused connections leave the graph unchanged.
 */
export function connect(graph: WorkflowGraph, c: Connection, catalog?: NodeCatalog): WorkflowGraph {
  if (connectionProblem(graph, c, catalog)) return graph;
  const handle = c.sourceHandle ?? null;
  const source = graph.nodes.find((n) => n.id === c.source)!;
  const sameHandle = (e: WorkflowEdge) => e.source === c.source && (e.sourceHandle ?? null) === handle;
  if (graph.edges.some((e) => sameHandle(e) && e.target === c.target)) return graph;
  const kept = allowsManyEdgesPerHandle(source) ? graph.edges : graph.edges.filter((e) => !sameHandle(e));
  const id = uniqueEdgeId(kept, edgeId(c.source, handle, c.target));
  return { ...graph, edges: [...kept, { id, source: c.source, sourceHandle: handle, target: c.target }] };
}

function uniqueEdgeId(edges: WorkflowEdge[], base: string): string {
  const used = new Set(edges.map((e) => e.id));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}#${n}`)) return `${base}#${n}`;
}

/** Removes nodes (with every edge touching them) and edges. */
export function deleteElements(
  graph: WorkflowGraph,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): WorkflowGraph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return graph;
  const keptNodes = graph.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = graph.edges.filter(
    (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
  );
  if (keptNodes.length === graph.nodes.length && keptEdges.length === graph.edges.length) return graph;
  return { ...graph, nodes: keptNodes, edges: keptEdges };
}

/** The first output handle of a node (where an inserted node continues the flow). */
export function firstOutput(node: WorkflowNode, catalog: NodeCatalog): string | null {
  return outputHandlesOf(node, catalog.get(node.type, node.version))[0] ?? null;
}

/** Puts `node` in the middle of an edge: source → node → target. */
export function insertOnEdge(
  graph: WorkflowGraph,
  edgeIdToSplit: string,
  node: WorkflowNode,
  catalog: NodeCatalog,
): WorkflowGraph {
  const edge = graph.edges.find((e) => e.id === edgeIdToSplit);
  if (!edge) return graph;
  let next = addNode(deleteElements(graph, [], [edge.id]), node);
  next = connect(
    next,
    { source: edge.source, sourceHandle: edge.sourceHandle ?? null, target: node.id },
    catalog,
  );
  const out = outputHandlesOf(node, catalog.get(node.type, node.version));
  if (out.length > 0)
    next = connect(next, { source: node.id, sourceHandle: out[0], target: edge.target }, catalog);
  return next;
}

/** Adds `node` after an open handle: source[handle] → node. */
export function insertAfterHandle(
  graph: WorkflowGraph,
  source: string,
  sourceHandle: string | null,
  node: WorkflowNode,
  catalog: NodeCatalog,
): WorkflowGraph {
  return connect(addNode(graph, node), { source, sourceHandle, target: node.id }, catalog);
}

/** Output handles of `nodeId` that no edge uses yet. */
export function openHandles(graph: WorkflowGraph, nodeId: string, catalog: NodeCatalog): (string | null)[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  const used = new Set(graph.edges.filter((e) => e.source === nodeId).map((e) => e.sourceHandle ?? null));
  const handles = outputHandlesOf(node, catalog.get(node.type, node.version));
  return allowsManyEdgesPerHandle(node) ? handles : handles.filter((h) => !used.has(h));
}

export function moveNodes(graph: WorkflowGraph, positions: ReadonlyMap<string, XY>): WorkflowGraph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

export function updateNode(
  graph: WorkflowGraph,
  nodeId: string,
  change: Partial<Pick<WorkflowNode, 'params' | 'settings' | 'title'>>,
): WorkflowGraph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    changed = true;
    return { ...n, ...change };
  });
  if (!changed) return graph;
  // Handles may have changed (switch cases, onError): drop edges from handles that are gone.
  return { ...graph, nodes };
}

/** Drops edges whose source handle the node no longer offers (e.g. a removed switch case). */
export function pruneDanglingEdges(graph: WorkflowGraph, catalog: NodeCatalog): WorkflowGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = graph.edges.filter((e) => {
    const node = byId.get(e.source);
    if (!node) return false;
    const spec = catalog.get(node.type, node.version);
    return !spec || outputHandlesOf(node, spec).includes(e.sourceHandle ?? null);
  });
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}
