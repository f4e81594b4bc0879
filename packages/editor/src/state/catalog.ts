// The node catalog the editor validates and renders with: the built-in library, bundled.
// Plugin nodes need `GET /api/v1/nodes` (docs/editor-needs.md).
import { createBuiltinCatalog } from '@flowdeck/nodes';
import type { EditorNodeSpec } from '../core/catalog.ts';

export const catalog = createBuiltinCatalog();

export function specOf(type: string, version: number): EditorNodeSpec | undefined {
  return catalog.get(type, version) as EditorNodeSpec | undefined;
}

/** Whether a node type starts workflows (any version of it). */
export function isTriggerType(type: string): boolean {
  const versions = catalog.versions(type);
  return versions.length > 0 && catalog.get(type, versions[versions.length - 1])?.kind === 'trigger';
}
