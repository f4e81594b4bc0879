// What a run looks like on the graph and in lists: each node's status from the run's steps,
// the newest run of each workflow, and the runs list's query from its filters.
import type { WorkflowGraph } from '@flowdeck/engine';

export type NodeRunStatus = 'SUCCEEDED' | 'FAILED' | 'RUNNING' | 'PENDING';

interface StepLike {
  nodeId: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  output: unknown;
}

/**
 * Status and output of every node the run reached. The trigger is not a step (its output is the
 * run's input), so it counts as succeeded once the run exists. A node that ran several times
 * (inside a for-each) shows its last step.
 */
export function nodeStatuses(
  graph: WorkflowGraph,
  run: { input: unknown; steps: readonly StepLike[] },
  isTrigger: (type: string) => boolean,
): { status: Record<string, NodeRunStatus>; outputs: Record<string, unknown> } {
  const status: Record<string, NodeRunStatus> = {};
  const outputs: Record<string, unknown> = {};
  const trigger = graph.nodes.find((n) => isTrigger(n.type));
  if (trigger) {
    status[trigger.id] = 'SUCCEEDED';
    outputs[trigger.id] = run.input;
  }
  for (const step of run.steps) {
    status[step.nodeId] = step.status === 'ABORTED' ? 'FAILED' : step.status;
    if (step.status === 'SUCCEEDED') outputs[step.nodeId] = step.output;
  }
  return { status, outputs };
}

export interface RunFilters {
  workflowId?: string;
  status?: string;
  /** `YYYY-MM-DD` in the person's time zone, inclusive. */
  fromDate?: string;
  /** `YYYY-MM-DD` in the person's time zone, inclusive (the whole day). */
  toDate?: string;
}

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as an ISO timestamp; undefined if unreadable. */
function localDay(date: string, days = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** `GET /api/v1/runs` query (`from` inclusive, `to` exclusive, as the API reads them). */
export function runsQuery(filters: RunFilters, limit = 100): string {
  const q = new URLSearchParams();
  if (filters.workflowId) q.set('workflowId', filters.workflowId);
  if (filters.status) q.set('status', filters.status);
  const from = filters.fromDate ? localDay(filters.fromDate) : undefined;
  const to = filters.toDate ? localDay(filters.toDate, 1) : undefined;
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  q.set('limit', String(limit));
  return q.toString();
}
