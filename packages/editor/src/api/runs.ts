import { api } from './client.ts';

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface RunSummary {
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  // Mirrors TriggerKind in packages/api/src/runs/service.ts.
  trigger: 'manual' | 'webhook' | 'schedule' | 'event' | 'poll' | 'rerun' | 'retry';
  parentRunId: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface RunStep {
  nodeId: string;
  stateName: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  input: unknown;
  output: unknown;
  error: { error?: string; cause?: string } | null;
  attempts: number;
  startedAt: string;
  endedAt: string | null;
}

export interface Run extends RunSummary {
  input: unknown;
  output: unknown;
  error: { error?: string; cause?: string } | null;
  steps: RunStep[];
}

export const runsApi = {
  list: (workflowId: string, limit = 20) =>
    api<{ items: RunSummary[] }>(
      'GET',
      `/api/v1/runs?workflowId=${encodeURIComponent(workflowId)}&limit=${limit}`,
    ),
  get: (id: string) => api<Run>('GET', `/api/v1/runs/${encodeURIComponent(id)}`),
  start: (workflowId: string, input: unknown) =>
    api<{ runId: string; status: RunStatus }>(
      'POST',
      `/api/v1/workflows/${encodeURIComponent(workflowId)}/runs`,
      { input },
    ),
  retry: (id: string) =>
    api<{ runId: string }>('POST', `/api/v1/runs/${encodeURIComponent(id)}/retry`, { version: 'same' }),
  rerun: (id: string) =>
    api<{ runId: string }>('POST', `/api/v1/runs/${encodeURIComponent(id)}/rerun`, { version: 'same' }),
};

/** Role → what the editor lets a person do (docs/permissions.md). */
export const can = {
  edit: (role?: string) => role === 'editor' || role === 'admin' || role === 'owner',
  deploy: (role?: string) => role === 'admin' || role === 'owner',
};
