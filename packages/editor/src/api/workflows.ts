/// <reference lib="dom" />
// Workflows through `/api/v1/workflows` (issue 3's contract). While a server has no such routes
// yet, drafts are kept in this browser's localStorage and the UI says so (`local` is true).
import type { WorkflowGraph } from '@flowdeck/engine';
import { ApiError, api } from './client.ts';
import type { Workflow, WorkflowSummary } from './types.ts';

type Page<T> = { items: T[] } | T[];
const items = <T>(p: Page<T>): T[] => (Array.isArray(p) ? p : p.items);

let local = false;
export const workflowsAreLocal = () => local;

const storeKey = (org: string) => `flowdeck.workflows.${org}`;
function readLocal(org: string): Workflow[] {
  try {
    return JSON.parse(localStorage.getItem(storeKey(org)) ?? '[]') as Workflow[];
  } catch {
    return [];
  }
}
function writeLocal(org: string, list: Workflow[]): void {
  localStorage.setItem(storeKey(org), JSON.stringify(list));
}

async function orLocal<T>(remote: () => Promise<T>, fallback: () => T): Promise<T> {
  if (local) return fallback();
  try {
    return await remote();
  } catch (err) {
    if (err instanceof ApiError && err.noRoute) {
      local = true;
      return fallback();
    }
    throw err;
  }
}

export function workflowsApi(org: string) {
  return {
    list: () =>
      orLocal(
        async () => items(await api<Page<WorkflowSummary>>('GET', '/api/v1/workflows')),
        () => readLocal(org).map(({ graph: _g, ...summary }) => summary),
      ),
    get: (id: string) =>
      orLocal(
        () => api<Workflow>('GET', `/api/v1/workflows/${encodeURIComponent(id)}`),
        () => {
          const wf = readLocal(org).find((w) => w.id === id);
          if (!wf)
            throw new ApiError({
              type: '/problems/not-found',
              title: 'Not found',
              status: 404,
              detail: 'No such workflow.',
            });
          return wf;
        },
      ),
    create: (body: { name: string; graph: WorkflowGraph; tags?: string[] }) =>
      orLocal(
        () => api<Workflow>('POST', '/api/v1/workflows', { tags: [], ...body }),
        () => {
          const wf: Workflow = {
            id: `local_${Date.now().toString(36)}`,
            tags: [],
            ...body,
            updatedAt: Date.now(),
          };
          writeLocal(org, [...readLocal(org), wf]);
          return wf;
        },
      ),
    save: (id: string, body: { name: string; graph: WorkflowGraph; tags?: string[] }) =>
      orLocal(
        () => api<Workflow>('PUT', `/api/v1/workflows/${encodeURIComponent(id)}`, body),
        () => {
          const list = readLocal(org);
          const wf = { ...list.find((w) => w.id === id)!, ...body, updatedAt: Date.now() };
          writeLocal(
            org,
            list.map((w) => (w.id === id ? wf : w)),
          );
          return wf;
        },
      ),
    remove: (id: string) =>
      orLocal(
        () => api<void>('DELETE', `/api/v1/workflows/${encodeURIComponent(id)}`),
        () =>
          writeLocal(
            org,
            readLocal(org).filter((w) => w.id !== id),
          ),
      ),
  };
}
