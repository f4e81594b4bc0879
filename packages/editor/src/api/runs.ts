import { api } from './client.ts';
import type { Items, Run, RunStarted, RunSummary } from './types.ts';

export type { Run, RunStatus, RunStep, RunSummary } from './types.ts';

export const runsApi = {
  list: (workflowId: string, limit = 20) =>
    api<Items<RunSummary>>('GET', `/api/v1/runs?workflowId=${encodeURIComponent(workflowId)}&limit=${limit}`),
  get: (id: string) => api<Run>('GET', `/api/v1/runs/${encodeURIComponent(id)}`),
  start: (workflowId: string, input: unknown) =>
    api<RunStarted>('POST', `/api/v1/workflows/${encodeURIComponent(workflowId)}/runs`, { input }),
  retry: (id: string) =>
    api<RunStarted>('POST', `/api/v1/runs/${encodeURIComponent(id)}/retry`, { version: 'same' }),
  rerun: (id: string) =>
    api<RunStarted>('POST', `/api/v1/runs/${encodeURIComponent(id)}/rerun`, { version: 'same' }),
};

/** Role → what the editor lets a person do (docs/permissions.md). */
export const can = {
  edit: (role?: string) => role === 'editor' || role === 'admin' || role === 'owner',
  deploy: (role?: string) => role === 'admin' || role === 'owner',
};
