// One run on a page of its own (#/runs/<id>): the graph of the version it ran with each step
// coloured by status, its error and cause, re-run / retry from the failed step, pending
// approvals, a timing waterfall and every step's input and output. Updates live while running.
import type { WorkflowGraph } from '@flowdeck/engine';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import { watchRun } from '../api/run-watch.ts';
import { can, type Run } from '../api/runs.ts';
import type { Workflow, WorkflowVersionDetail } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { nodeStatuses } from '../core/run-view.ts';
import { JsonView } from '../runs/JsonView.tsx';
import { RunGraph } from '../runs/RunGraph.tsx';
import {
  PendingApprovals,
  RunActions,
  RunError,
  RunStatus,
  runVersion,
  StepView,
  Waterfall,
} from '../runs/RunParts.tsx';
import { isTriggerType } from '../state/catalog.ts';
import { useSession } from '../state/session-store.ts';

const when = (t?: string | null) => (t ? new Date(t).toLocaleString() : '—');

export function RunDetailPage({ runId }: { runId: string }) {
  const role = useSession((s) => s.session?.organizations.find((o) => o.id === s.orgId)?.role);
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const [workflow, setWorkflow] = useState<{ name: string; graph?: WorkflowGraph }>();
  const [picked, setPicked] = useState<string>();

  useEffect(() => (refresh >= 0 ? watchRun(runId, setRun, setError) : undefined), [runId, refresh]);

  const workflowId = run?.workflowId;
  const version = run?.version;
  useEffect(() => {
    if (!workflowId || !version) return;
    const base = `/api/v1/workflows/${encodeURIComponent(workflowId)}`;
    Promise.all([
      api<Workflow>('GET', base).catch(() => undefined),
      api<WorkflowVersionDetail>('GET', `${base}/versions/${version}`),
    ])
      .then(([wf, v]) => setWorkflow({ name: wf?.name ?? workflowId, graph: v.graph }))
      .catch((err) => setError(errorMessage(err)));
  }, [workflowId, version]);

  const status = useMemo(
    () => (run && workflow?.graph ? nodeStatuses(workflow.graph, run, isTriggerType).status : {}),
    [run, workflow?.graph],
  );

  if (!run)
    return (
      <main className="page">
        {error ? (
          <div className="banner banner-danger" role="alert">
            {error} <a href="#/runs">Back to runs</a>
          </div>
        ) : (
          <div className="muted">Opening the run…</div>
        )}
      </main>
    );

  return (
    <div className="editor" data-testid="run-page">
      <div className="toolbar">
        <a href="#/runs" className="muted">
          Runs
        </a>
        <span className="muted">/</span>
        <strong>
          <a href={`#/workflows/${run.workflowId}`}>{workflow?.name ?? run.workflowId}</a>
        </strong>
        <span className="muted">
          v{run.version} · {run.trigger} · started {when(run.startedAt)}
          {run.endedAt && ` · took ${Date.parse(run.endedAt) - Date.parse(run.startedAt)} ms`}
        </span>
        {run.parentRunId && (
          <a href={`#/runs/${run.parentRunId}`} className="muted" data-testid="parent-run">
            from run {run.parentRunId.slice(-6)}
          </a>
        )}
        <div className="grow" />
        <RunStatus status={run.status} />
      </div>
      <div className="run-detail">
        <div className="run-graph">
          {workflow?.graph && (
            <RunGraph graph={workflow.graph} status={status} onPick={(id) => setPicked(id)} />
          )}
        </div>
        <aside className="run-side stack" aria-label="Run details">
          {error && (
            <div className="banner banner-danger" role="alert">
              {error}
            </div>
          )}
          <RunError run={run} />
          <RunActions run={run} role={role} onStarted={(id) => navigate(`/runs/${id}`)} />
          <PendingApprovals
            runId={run.id}
            version={runVersion(run)}
            canAnswer={can.edit(role)}
            onAnswered={() => setRefresh((n) => n + 1)}
          />
          <h3 style={{ margin: 0 }}>Timing</h3>
          <Waterfall steps={run.steps} />
          {run.steps.length === 0 && <p className="muted">No step has started yet.</p>}
          <h3 style={{ margin: 0 }}>Steps</h3>
          <StepList run={run} picked={picked} />
          <details>
            <summary className="field-label">Run input and output</summary>
            <div className="field-label">Input</div>
            <JsonView value={run.input} />
            <div className="field-label">Output</div>
            <JsonView value={run.output} />
          </details>
        </aside>
      </div>
    </div>
  );
}

function StepList({ run, picked }: { run: Run; picked?: string }) {
  return (
    <>
      {run.steps.map((s) => (
        <StepView
          key={`${s.nodeId}-${s.startedAt}-${picked === s.nodeId}`}
          step={s}
          open={picked === s.nodeId || (picked === undefined && s.status === 'FAILED')}
        />
      ))}
    </>
  );
}
