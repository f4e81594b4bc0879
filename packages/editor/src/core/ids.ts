// Node ids are JSONata variable names (docs/graph.md): lower-case, unique, not reserved.
import type { WorkflowGraph } from '@flowdeck/engine';
import { AWS_JSONATA_FUNCTIONS, JSONATA_FUNCTIONS, RESERVED_VARIABLES } from '@flowdeck/engine/graph';

const reserved = new Set<string>([...RESERVED_VARIABLES, ...JSONATA_FUNCTIONS, ...AWS_JSONATA_FUNCTIONS]);

/** `logic.condition` → `condition`, `http.request` → `request`, `trigger.webhook` → `webhook`. */
export function baseIdForType(type: string): string {
  const last = type.split('.').pop() ?? 'step';
  const cleaned = last
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '');
  return cleaned || 'step';
}

/** The first of `base`, `base_2`, `base_3`… that no node uses and that is not reserved. */
export function uniqueNodeId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  const ok = (id: string) => !used.has(id) && !reserved.has(id) && !/_(item|index)$/.test(id);
  if (ok(base)) return base;
  for (let n = 2; ; n++) if (ok(`${base}_${n}`)) return `${base}_${n}`;
}

export function edgeId(source: string, sourceHandle: string | null | undefined, target: string): string {
  return `${source}${sourceHandle ? `:${sourceHandle}` : ''}->${target}`;
}

export function nodeIds(graph: WorkflowGraph): string[] {
  return graph.nodes.map((n) => n.id);
}
