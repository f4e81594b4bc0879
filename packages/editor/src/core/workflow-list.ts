// The workflows list: each workflow's status, the filters (search, tag, status) and tag editing.

export type WorkflowStatus = 'draft' | 'deployed' | 'disabled';

interface Listed {
  name: string;
  tags?: string[];
  deployedVersion?: number | null;
  enabled?: boolean;
}

/** Draft until first deployed; a deployed workflow whose triggers are off is disabled. */
export function workflowStatus(w: Listed): WorkflowStatus {
  if (!w.deployedVersion) return 'draft';
  return w.enabled === false ? 'disabled' : 'deployed';
}

export interface WorkflowFilters {
  query?: string;
  tag?: string;
  status?: WorkflowStatus;
}

/** Workflows that match every filter set: the search in the name or a tag, the exact tag, the status. */
export function filterWorkflows<T extends Listed>(list: readonly T[], filters: WorkflowFilters): T[] {
  const q = filters.query?.trim().toLowerCase();
  return list.filter(
    (w) =>
      (!q || w.name.toLowerCase().includes(q) || (w.tags ?? []).some((t) => t.toLowerCase().includes(q))) &&
      (!filters.tag || (w.tags ?? []).includes(filters.tag)) &&
      (!filters.status || workflowStatus(w) === filters.status),
  );
}

/** Every tag used in the list, once, sorted (for the filter chips). */
export function allTags(list: readonly Listed[]): string[] {
  return [...new Set(list.flatMap((w) => w.tags ?? []))].sort((a, b) => a.localeCompare(b));
}

/** The API's limits (docs/api.md): at most 20 tags of 1–50 characters. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;

/**
 * Adds typed text to a workflow's tags: split on commas, trimmed, empty and duplicate tags
 * (ignoring case) dropped, each cut to 50 characters, at most 20 in all.
 */
export function addTags(tags: readonly string[], typed: string): string[] {
  const next = [...tags];
  for (const raw of typed.split(',')) {
    const tag = raw.trim().slice(0, MAX_TAG_LENGTH).trim();
    if (!tag || next.some((t) => t.toLowerCase() === tag.toLowerCase())) continue;
    if (next.length >= MAX_TAGS) break;
    next.push(tag);
  }
  return next;
}
