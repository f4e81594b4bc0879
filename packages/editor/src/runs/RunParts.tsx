// Pieces of a run shared by the editor's Runs panel and the run detail page: status badge,
// re-run / retry buttons, pending approvals, timing waterfall, and each step's input and output.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import { can, type Run, type RunStep, runsApi } from '../api/runs.ts';
import type { Approval, Items } from '../api/types.ts';
import { Badge, Button } from '../ui/components.tsx';
import { JsonView } from './JsonView.tsx';

export const statusTone = (s: string) =>
  (s === 'SUCCEEDED' ? 'success' : s === 'RUNNING' ? 'accent' : 'danger') as 'success' | 'accent' | 'danger';

export function RunStatus({ status }: { status: string }) {
  return (
    <Badge tone={statusTone(status)}>
      <span data-testid="run-status">{status.toLowerCase().replace('_', ' ')}</span>
    </Badge>
  );
}

/** The run's error and its cause, in full. */
export function RunError({ run }: { run: Run }) {
  if (!run.error) return null;
  return (
    <div className="problem" role="alert" data-testid="run-error">
      <strong>{run.error.error}</strong>
      {run.error.cause && <div className="mono">{run.error.cause}</div>}
    </div>
  );
}

/** Re-run with the same input, or retry from the failed step; `onStarted` gets the new run's id. */
export function RunActions(props: { run: Run; role?: string; onStarted(runId: string): void }) {
  const [error, setError] = useState<string>();
  const { run } = props;
  if (!can.edit(props.role) || run.status === 'RUNNING') return null;
  const act = async (start: () => Promise<{ runId: string }>) => {
    try {
      setError(undefined);
      props.onStarted((await start()).runId);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const retryable = run.status === 'FAILED' || run.status === 'TIMED_OUT' || run.status === 'ABORTED';
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="row">
        {retryable && (
          <Button
            size="sm"
            variant="primary"
            data-testid="retry-run"
            onClick={() => act(() => runsApi.retry(run.id))}
          >
            Retry from the failed step
          </Button>
        )}
        <Button size="sm" data-testid="rerun-run" onClick={() => act(() => runsApi.rerun(run.id))}>
          Run again
        </Button>
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function StepView({ step, open }: { step: RunStep; open?: boolean }) {
  return (
    <details className="step-view" data-testid={`step-${step.nodeId}`} open={open}>
      <summary>
        <Badge tone={statusTone(step.status)}>{step.status.toLowerCase()}</Badge>{' '}
        <span className="mono">{step.nodeId}</span>
        {step.attempts > 1 && <span className="muted"> · {step.attempts} attempts</span>}
      </summary>
      {step.error && (
        <div className="problem">
          <strong>{step.error.error}</strong>
          {step.error.cause && <div className="mono">{step.error.cause}</div>}
        </div>
      )}
      <div className="field-label">Input</div>
      <JsonView value={step.input} testId={`input-${step.nodeId}`} />
      <div className="field-label">Output</div>
      <JsonView value={step.output} testId={`output-${step.nodeId}`} />
    </details>
  );
}

/** When each step started and how long it took, on one time axis. */
export function Waterfall({ steps }: { steps: RunStep[] }) {
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

/** Approval steps of this run waiting for an answer; re-read whenever `version` changes. */
export function PendingApprovals(props: {
  runId: string;
  version: string;
  canAnswer: boolean;
  onAnswered(): void;
}) {
  const { runId, version } = props;
  const [items, setItems] = useState<Approval[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!version) return;
    api<Items<Approval>>('GET', '/api/v1/approvals?status=pending')
      .then((r) => setItems(r.items.filter((a) => a.runId === runId)))
      .catch(() => setItems([]));
  }, [runId, version]);
  if (items.length === 0) return null;
  const answer = async (a: Approval, decision: 'approved' | 'rejected') => {
    try {
      await api('POST', `/api/v1/approvals/${a.id}`, { decision });
      setItems(items.filter((x) => x.id !== a.id));
      props.onAnswered();
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
          {props.canAnswer && (
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

/** Changes whenever the run moves on: re-reads approvals at the right moments. */
export const runVersion = (run: Run) => `${run.status}:${run.steps.length}:${run.steps.at(-1)?.status}`;
