// Workflows through `/api/v1/workflows` (docs/api.md). The API stores every draft, half-built
// ones too, and answers the engine's `issues` with it.
import type { WorkflowGraph } from '@flowdeck/engine';
import { api } from './client.ts';
import type { Deployed, Items, Workflow, WorkflowSummary } from './types.ts';

const path = (id: string) => `/api/v1/workflows/${encodeURIComponent(id)}`;

export function workflowsApi(_org?: string) {
  return {
    list: async () => (await api<Items<WorkflowSummary>>('GET', '/api/v1/workflows')).items,
    get: (id: string) => api<Workflow>('GET', path(id)),
    create: (body: { name: string; graph: WorkflowGraph; tags?: string[] }) =>
      api<Workflow>('POST', '/api/v1/workflows', body),
    save: (id: string, body: { name: string; graph: WorkflowGraph; tags?: string[] }) =>
      api<Workflow>('PUT', path(id), body),
    remove: (id: string) => api<void>('DELETE', path(id)),
    deploy: (id: string) => api<Deployed>('POST', `${path(id)}/deploy`),
  };
}
