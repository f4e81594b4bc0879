// Runs of every workflow, newest first, filtered by workflow, status and date range; a row opens
// the run's own page.
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Items, RunPage, RunStatus, WorkflowSummary } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { type RunFilters, runsQuery } from '../core/run-view.ts';
import { statusTone } from '../runs/RunParts.tsx';
import { useSession } from '../state/session-store.ts';
import { Badge, Button, EmptyState } from '../ui/components.tsx';
import { Page, useLoad } from './AdminPages.tsx';

// Every run status, once: a status the contract gains or loses fails the typecheck here.
const STATUSES = Object.keys({
  RUNNING: 0,
  SUCCEEDED: 0,
  FAILED: 0,
  TIMED_OUT: 0,
  ABORTED: 0,
} satisfies Record<RunStatus, 0>) as RunStatus[];
const when = (t?: string | null) => (t ? new Date(t).toLocaleString() : '—');

export function RunsPage() {
  const orgId = useSession((s) => s.orgId);
  const [filters, setFilters] = useState<RunFilters>({});
  const set = (patch: Partial<RunFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const { data, error } = useLoad(
    () => api<RunPage>('GET', `/api/v1/runs?${runsQuery(filters)}`),
    [orgId, filters],
  );
  const workflows = useLoad(() => api<Items<WorkflowSummary>>('GET', '/api/v1/workflows'), [orgId]);
  const names = new Map(workflows.data?.items.map((w) => [w.id, w.name]));
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Page title="Runs" error={error}>
      <div className="filters" data-testid="run-filters">
        <select
          className="input"
          style={{ width: 200 }}
          aria-label="Filter by workflow"
          value={filters.workflowId ?? ''}
          onChange={(e) => set({ workflowId: e.target.value || undefined })}
        >
          <option value="">Every workflow</option>
          {workflows.data?.items.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <select
          className="input"
          style={{ width: 160 }}
          aria-label="Filter by status"
          value={filters.status ?? ''}
          onChange={(e) => set({ status: e.target.value || undefined })}
        >
          <option value="">Every status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase().replace('_', ' ')}
            </option>
          ))}
        </select>
        <label className="row" style={{ gap: 4 }}>
          <span className="muted">From</span>
          <input
            type="date"
            className="input"
            aria-label="Started on or after"
            value={filters.fromDate ?? ''}
            onChange={(e) => set({ fromDate: e.target.value || undefined })}
          />
        </label>
        <label className="row" style={{ gap: 4 }}>
          <span className="muted">to</span>
          <input
            type="date"
            className="input"
            aria-label="Started on or before"
            value={filters.toDate ?? ''}
            onChange={(e) => set({ toDate: e.target.value || undefined })}
          />
        </label>
        {filtered && (
          <Button size="sm" variant="ghost" onClick={() => setFilters({})}>
            Clear filters
          </Button>
        )}
      </div>
      {data && data.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No run matches these filters">
            Widen the date range or pick another workflow or status.
          </EmptyState>
        ) : (
          <EmptyState title="No runs yet">
            Deploy a workflow, then trigger it (its webhook, or Test run in the editor). Every run shows up
            here.
          </EmptyState>
        )
      ) : (
        <div className="card" style={{ padding: 0 }}>
          <table className="list">
            <thead>
              <tr>
                <th>Status</th>
                <th>Workflow</th>
                <th>Started</th>
                <th>How</th>
                <th>Version</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((r) => (
                <tr key={r.id} onClick={() => navigate(`/runs/${r.id}`)} data-testid="runs-row">
                  <td>
                    <Badge tone={statusTone(r.status)}>{r.status.toLowerCase().replace('_', ' ')}</Badge>
                  </td>
                  <td>
                    <a href={`#/runs/${r.id}`}>{names.get(r.workflowId) ?? r.workflowId}</a>
                  </td>
                  <td className="muted">{when(r.startedAt)}</td>
                  <td>{r.trigger}</td>
                  <td>v{r.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
