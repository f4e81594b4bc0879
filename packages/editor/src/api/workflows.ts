// Workflows through `/api/v1/workflows` (docs/api.md). Two stopgaps, both shown to the user:
// - a server whose workflow routes are missing or whose engine is not wired (404 "No route",
//   503 engine-unavailable) keeps whole workflows in this browser (`workflowsAreLocal()`);
// - the API refuses to store an invalid draft (422), so the editor keeps the unsaved draft in
//   this browser until it is valid (`draftBackup`), and restores it when the workflow reopens.
import type { WorkflowGraph } from '@flowdeck/engine';
import { browser } from '../app/browser.ts';
import { ApiError, api } from './client.ts';
import type { Workflow, WorkflowSummary } from './types.ts';

let local = false;
export const workflowsAreLocal = () => local;

const storeKey = (org: string) => `flowdeck.workflows.${org}`;
function readLocal(org: string): Workflow[] {
  try {
    return JSON.parse(browser.localStorage.getItem(storeKey(org)) ?? '[]') as Workflow[];
  } catch {
    return [];
  }
}
function writeLocal(org: string, list: Workflow[]): void {
  browser.localStorage.setItem(storeKey(org), JSON.stringify(list));
}

function serverCannotStore(err: unknown): boolean {
  return err instanceof ApiError && (err.noRoute || err.problem.type === '/problems/engine-unavailable');
}

async function orLocal<T>(remote: () => Promise<T>, fallback: () => T): Promise<T> {
  if (local) return fallback();
  try {
    return await remote();
  } catch (err) {
    if (serverCannotStore(err)) {
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
        async () => (await api<{ items: WorkflowSummary[] }>('GET', '/api/v1/workflows')).items,
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
        () => api<Workflow>('POST', '/api/v1/workflows', body),
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
    deploy: (id: string) =>
      api<{ version: number; webhookUrl?: string }>(
        'POST',
        `/api/v1/workflows/${encodeURIComponent(id)}/deploy`,
      ),
  };
}

/** Unsaved drafts the API refused (invalid graphs), kept per workflow in this browser. */
export const draftBackup = {
  key: (id: string) => `flowdeck.draft.${id}`,
  save(id: string, draft: { name: string; graph: WorkflowGraph; baseRevision?: number }): void {
    browser.localStorage.setItem(this.key(id), JSON.stringify({ ...draft, savedAt: Date.now() }));
  },
  load(id: string): { name: string; graph: WorkflowGraph; baseRevision?: number } | undefined {
    try {
      const raw = browser.localStorage.getItem(this.key(id));
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  },
  clear(id: string): void {
    browser.localStorage.removeItem(this.key(id));
  },
};
