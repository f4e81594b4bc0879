// What the editor knows about node types: the engine's NodeSpec plus display fields, built from
// the API's node catalog (`GET /api/v1/nodes`, docs/api.md "Node catalog"), so plugin nodes
// appear without rebuilding the editor and the node library stays out of the bundle.
import type { NodeType } from '@flowdeck/api/contract';
import type { JsonSchema, NodeCatalog, NodeSpec, WorkflowNode } from '@flowdeck/engine';

export type EditorNodeSpec = NodeSpec & { description?: string };

/**
 * One item of `GET /api/v1/nodes` (the API's contract); its params schema is read as the engine's
 * JSON Schema. `outputHandles` absent: one unnamed output; `{fromParams, plus}`: one per
 * `params[fromParams][].id`, then `plus`.
 */
export type NodeTypeItem = Omit<NodeType, 'paramsSchema'> & { paramsSchema: JsonSchema };

export interface EditorCatalog extends NodeCatalog {
  get(type: string, version: number): EditorNodeSpec | undefined;
  list(): EditorNodeSpec[];
}

/** The spec of one API item. Params are never checked here: the API's answers carry the engine's issues. */
export function specFromItem(item: NodeTypeItem): EditorNodeSpec {
  const { outputHandles: handles, ...rest } = item;
  const spec: EditorNodeSpec = { ...rest, validateParams: () => [] };
  if (Array.isArray(handles)) spec.outputHandles = () => [...handles];
  else if (handles) spec.outputHandles = (params) => [...idsOf(params[handles.fromParams]), ...handles.plus];
  return spec;
}

/** The `id` of every item of a list param that has a string one (a half-filled case has none yet). */
function idsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) =>
    item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
      ? [(item as { id: string }).id]
      : [],
  );
}

/** A catalog of the API's items (every type and version). */
export function catalogFromItems(items: readonly NodeTypeItem[]): EditorCatalog {
  const byKey = new Map<string, EditorNodeSpec>();
  const versions = new Map<string, number[]>();
  for (const item of items) {
    byKey.set(`${item.type}@${item.version}`, specFromItem(item));
    const list = versions.get(item.type) ?? [];
    if (!list.includes(item.version)) list.push(item.version);
    versions.set(item.type, list);
  }
  for (const list of versions.values()) list.sort((a, b) => a - b);
  return {
    get: (type, version) => byKey.get(`${type}@${version}`),
    versions: (type) => versions.get(type) ?? [],
    list: () => [...byKey.values()],
  };
}

/** Whether a node type starts workflows (judged by its latest version). */
export function isTriggerTypeIn(catalog: NodeCatalog, type: string): boolean {
  const versions = catalog.versions(type);
  return versions.length > 0 && catalog.get(type, versions[versions.length - 1])?.kind === 'trigger';
}

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
  const latest = new Map<string, EditorNodeSpec>();
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
