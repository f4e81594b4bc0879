// The node catalog the editor renders with, read from the API once after sign-in
// (`loadCatalog`; the app shows nothing signed-in until it is here). `catalog` stays the same
// object so modules can import it; it answers from the latest load.
import { nodesApi } from '../api/nodes.ts';
import {
  type EditorCatalog,
  type EditorNodeSpec,
  catalogFromItems,
  isTriggerTypeIn,
} from '../core/catalog.ts';

let current: EditorCatalog = catalogFromItems([]);

export const catalog: EditorCatalog = {
  get: (type, version) => current.get(type, version),
  versions: (type) => current.versions(type),
  list: () => current.list(),
};

/** Fetches the catalog; on failure the previous one (empty at first) stays and the error is thrown. */
export async function loadCatalog(): Promise<void> {
  current = catalogFromItems(await nodesApi.list());
}

export function specOf(type: string, version: number): EditorNodeSpec | undefined {
  return current.get(type, version);
}

/** Whether a node type starts workflows (any version of it). */
export function isTriggerType(type: string): boolean {
  return isTriggerTypeIn(current, type);
}
