// Copy/paste as JSON text, so a selection travels through the system clipboard between
// workflows and browser tabs. Pasted nodes get fresh ids; expressions that referred to a copied
// node (`$fetch_feed`) are rewritten to its new id.
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '@flowdeck/engine';
import { edgeId, uniqueNodeId } from './ids.ts';

export const CLIPBOARD_KIND = 'flowdeck/nodes';

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  version: 1;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** The selected nodes and the edges between them, as JSON text. */
export function copySelection(graph: WorkflowGraph, nodeIds: Iterable<string>): string | undefined {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const payload: ClipboardPayload = { kind: CLIPBOARD_KIND, version: 1, nodes, edges };
  return JSON.stringify(payload, null, 2);
}

/** Parses clipboard text; undefined when it is not a Flowdeck selection. */
export function readClipboard(text: string): ClipboardPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const p = value as Partial<ClipboardPayload> | null;
  if (!p || p.kind !== CLIPBOARD_KIND || !Array.isArray(p.nodes) || !Array.isArray(p.edges)) return undefined;
  const validNode = (n: unknown): n is WorkflowNode => {
    const x = n as WorkflowNode;
    return (
      !!x &&
      typeof x.id === 'string' &&
      typeof x.type === 'string' &&
      typeof x.version === 'number' &&
      typeof x.position?.x === 'number' &&
      typeof x.position?.y === 'number'
    );
  };
  if (!p.nodes.every(validNode)) return undefined;
  return {
    kind: CLIPBOARD_KIND,
    version: 1,
    nodes: p.nodes,
    edges: p.edges.filter((e) => e && typeof e.source === 'string' && typeof e.target === 'string'),
  };
}

/** Rewrites `$old` (as a whole variable name) to `$new` in every string inside `value`. */
export function renameReferences(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (renames.size === 0) return value;
  if (typeof value === 'string') {
    return value.replace(/\$([a-z][a-z0-9_]*)/g, (whole, name: string) => {
      const to = renames.get(name);
      return to ? `$${to}` : whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, renames));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // json-logic `var` paths name nodes without `$`: `{ "var": "fetch_feed.items" }`.
      if (k === 'var' && typeof v === 'string') {
        const [root, ...rest] = v.split('.');
        const to = renames.get(root);
        out[k] = to ? [to, ...rest].join('.') : v;
      } else out[k] = renameReferences(v, renames);
    }
    return out;
  }
  return value;
}

/** Adds the payload's nodes (fresh ids, shifted by `offset`) and their inner edges. */
export function pasteInto(
  graph: WorkflowGraph,
  payload: ClipboardPayload,
  offset: { x: number; y: number },
): { graph: WorkflowGraph; pastedIds: string[] } {
  const taken = graph.nodes.map((n) => n.id);
  const renames = new Map<string, string>();
  for (const node of payload.nodes) {
    const id = uniqueNodeId(taken, node.id.replace(/_\d+$/, '') || 'step');
    taken.push(id);
    renames.set(node.id, id);
  }
  const nodes = payload.nodes.map((n) => ({
    ...structuredClone(n),
    id: renames.get(n.id)!,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    params: renameReferences(structuredClone(n.params ?? {}), renames) as Record<string, unknown>,
  }));
  const edges = payload.edges
    .filter((e) => renames.has(e.source) && renames.has(e.target))
    .map((e) => {
      const source = renames.get(e.source)!;
      const target = renames.get(e.target)!;
      return {
        id: edgeId(source, e.sourceHandle, target),
        source,
        sourceHandle: e.sourceHandle ?? null,
        target,
      };
    });
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    pastedIds: nodes.map((n) => n.id),
  };
}
