// What the editor needs to know about node types: the engine's NodeSpec plus display fields.
// The built-in catalog is bundled (validation runs in the browser with the same code as the API);
// plugin nodes will come from `GET /api/v1/nodes` (docs/editor-needs.md).
import type { NodeCatalog, NodeSpec, WorkflowNode } from '@flowdeck/engine';

export type EditorNodeSpec = NodeSpec & { description?: string };

/** Output handles a node offers: its spec's handles (or one unnamed), plus `error` when it branches on error. */
export function outputHandlesOf(node: WorkflowNode, spec: NodeSpec | undefined): (string | null)[] {
  const named = spec?.outputHandles ? spec.outputHandles(node.params) : undefined;
  const handles: (string | null)[] = named ?? [null];
  if (node.settings?.onError === 'branch') handles.push('error');
  return handles;
}

/** A node type may have several outgoing edges on one handle only when it runs branches in parallel. */
export function allowsManyEdgesPerHandle(node: WorkflowNode): boolean {
  return node.type === 'logic.parallel';
}

export function isTrigger(spec: NodeSpec | undefined): boolean {
  return spec?.kind === 'trigger';
}

/** Latest version of each type, grouped by category in a stable order, for the palette. */
export function paletteGroups(catalog: NodeCatalog): { category: string; specs: EditorNodeSpec[] }[] {
  const latest = new Map<string, NodeSpec>();
  for (const spec of catalog.list()) {
    const seen = latest.get(spec.type);
    if (!seen || seen.version < spec.version) latest.set(spec.type, spec);
  }
  const order = ['trigger', 'logic', 'data', 'publish', 'notify', 'developer'];
  const groups = new Map<string, EditorNodeSpec[]>();
  for (const spec of latest.values()) {
    const list = groups.get(spec.category) ?? [];
    list.push(spec);
    groups.set(spec.category, list);
  }
  const rank = (c: string) => (order.indexOf(c) === -1 ? order.length : order.indexOf(c));
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, specs]) => ({ category, specs }));
}

/** Palette search: every word must appear in the title, type, category or description. */
export function matchesSearch(spec: EditorNodeSpec, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${spec.title} ${spec.type} ${spec.category} ${spec.description ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}
