// Runs of this workflow: the list, and the chosen run's steps with their input and output.
// Steps light up on the canvas while the run is polled.
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { errorMessage } from '../api/client.ts';
import { can, type RunStep, runsApi } from '../api/runs.ts';
import { useEditor } from '../state/editor-store.ts';
import { useRuns } from '../state/run-store.ts';
import { Badge, Button } from '../ui/components.tsx';

const tone = (s: string) =>
  (s === 'SUCCEEDED' ? 'success' : s === 'RUNNING' ? 'accent' : 'danger') as 'success' | 'accent' | 'danger';

export function RunPanel({ role }: { role?: string }) {
  const { runs, current, error } = useRuns();
  const [actionError, setActionError] = useState<string>();
  const select = useEditor((s) => s.select);
  const act = async (fn: () => Promise<{ runId: string }>) => {
    try {
      setActionError(undefined);
      const { runId } = await fn();
      await useRuns.getState().show(runId);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  };
  return (
    <aside className="panel" aria-label="Runs" data-testid="run-panel">
      <div className="row">
        <h2 className="grow" style={{ margin: 0 }}>
          Runs
        </h2>
        <Button size="sm" onClick={() => void useRuns.getState().refresh()}>
          Refresh
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Close runs"
          onClick={() => useRuns.getState().setOpen(false)}
        >
          ✕
        </Button>
      </div>
      {(error || actionError) && (
        <div className="banner banner-danger" role="alert">
          {error ?? actionError}
        </div>
      )}
      {runs.length === 0 && (
        <p className="muted">No runs yet. Deploy, then trigger the webhook or press Test run.</p>
      )}
      <div className="stack" style={{ gap: 4 }}>
        {runs.map((r) => (
          <button
            type="button"
            key={r.id}
            className={`run-row${current?.id === r.id ? ' on' : ''}`}
            data-testid="run-row"
            onClick={() => void useRuns.getState().show(r.id)}
          >
            <Badge tone={tone(r.status)}>{r.status.toLowerCase()}</Badge>
            <span className="grow">{new Date(r.startedAt).toLocaleTimeString()}</span>
            <span className="muted">
              {r.trigger} · v{r.version}
            </span>
          </button>
        ))}
      </div>
      {current && (
        <section className="stack" data-testid="run-detail">
          <div className="row">
            <h3 className="grow" style={{ margin: 0 }}>
              Run {current.id.slice(-6)}
            </h3>
            <Badge tone={tone(current.status)}>
              <span data-testid="run-status">{current.status.toLowerCase()}</span>
            </Badge>
          </div>
          {current.error && (
            <div className="problem" role="alert">
              {current.error.error}: {current.error.cause}
            </div>
          )}
          {can.edit(role) && current.status !== 'RUNNING' && (
            <div className="row">
              {current.status === 'FAILED' && (
                <Button
                  size="sm"
                  variant="primary"
                  data-testid="retry-run"
                  onClick={() => act(() => runsApi.retry(current.id))}
                >
                  Retry from the failed step
                </Button>
              )}
              <Button size="sm" onClick={() => act(() => runsApi.rerun(current.id))}>
                Run again
              </Button>
            </div>
          )}
          <PendingApprovals
            runId={current.id}
            poll={`${current.status}:${current.steps.length}:${current.steps.at(-1)?.status}`}
            canAnswer={can.edit(role)}
          />
          <Waterfall steps={current.steps} />
          {current.steps.map((s) => (
            <StepView key={`${s.nodeId}-${s.startedAt}`} step={s} onFocus={() => select([])} />
          ))}
        </section>
      )}
    </aside>
  );
}

function StepView({ step }: { step: RunStep; onFocus(): void }) {
  return (
    <details className="step-view" data-testid={`step-${step.nodeId}`}>
      <summary>
        <Badge tone={tone(step.status)}>{step.status.toLowerCase()}</Badge>{' '}
        <span className="mono">{step.nodeId}</span>
        {step.attempts > 1 && <span className="muted"> · {step.attempts} attempts</span>}
      </summary>
      {step.error && (
        <div className="problem">
          {step.error.error}: {step.error.cause}
        </div>
      )}
      <div className="field-label">Input</div>
      <pre className="json">{JSON.stringify(step.input, null, 2)}</pre>
      <div className="field-label">Output</div>
      <pre className="json" data-testid={`output-${step.nodeId}`}>
        {JSON.stringify(step.output, null, 2)}
      </pre>
    </details>
  );
}

/** When each step started and how long it took, on one time axis. */
function Waterfall({ steps }: { steps: RunStep[] }) {
  if (steps.length === 0) return null;
  const t = (x: string | null) => (x ? Date.parse(x) : Date.now());
  const start = Math.min(...steps.map((s) => t(s.startedAt)));
  const end = Math.max(...steps.map((s) => t(s.endedAt)), start + 1);
  const span = end - start;
  return (
    <section className="waterfall" data-testid="waterfall" aria-label="Timing">
      {steps.map((s) => {
        const left = ((t(s.startedAt) - start) / span) * 100;
        const width = Math.max(1, ((t(s.endedAt) - t(s.startedAt)) / span) * 100);
        return (
          <div className="waterfall-row" key={`${s.nodeId}-${s.startedAt}`}>
            <span className="mono waterfall-name">{s.nodeId}</span>
            <span className="waterfall-track">
              <span
                className={`waterfall-bar bar-${s.status.toLowerCase()}`}
                style={{ left: `${left}%`, width: `${width}%` }}
              />
            </span>
            <span className="muted waterfall-ms">{t(s.endedAt) - t(s.startedAt)} ms</span>
          </div>
        );
      })}
    </section>
  );
}

interface Approval {
  id: string;
  runId: string;
  nodeId: string;
  message: string | null;
  status: 'pending' | 'approved' | 'rejected';
}

/** Approval steps of this run waiting for an answer. */
function PendingApprovals({ runId, poll, canAnswer }: { runId: string; poll: string; canAnswer: boolean }) {
  const [items, setItems] = useState<Approval[]>([]);
  const [error, setError] = useState<string>();
  // Re-read whenever the polled run changes (an approval appears once its step starts).
  useEffect(() => {
    if (!poll) return;
    api<{ items: Approval[] }>('GET', '/api/v1/approvals?status=pending')
      .then((r) => setItems(r.items.filter((a) => a.runId === runId)))
      .catch(() => setItems([]));
  }, [runId, poll]);
  if (items.length === 0) return null;
  const answer = async (a: Approval, decision: 'approved' | 'rejected') => {
    try {
      await api('POST', `/api/v1/approvals/${a.id}`, { decision });
      setItems(items.filter((x) => x.id !== a.id));
      await useRuns.getState().show(runId);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="stack" data-testid="pending-approvals">
      {items.map((a) => (
        <div className="card" key={a.id} style={{ boxShadow: 'none', padding: 12 }}>
          <div className="field-label">
            Waiting for approval at <span className="mono">{a.nodeId}</span>
          </div>
          {a.message && <p style={{ margin: '6px 0' }}>{a.message}</p>}
          {canAnswer && (
            <div className="row">
              <Button size="sm" variant="primary" onClick={() => answer(a, 'approved')}>
                Approve
              </Button>
              <Button size="sm" variant="danger" onClick={() => answer(a, 'rejected')}>
                Reject
              </Button>
            </div>
          )}
          {error && <div className="field-error">{error}</div>}
        </div>
      ))}
    </div>
  );
}
