// Runs of this workflow beside the canvas: the list, and the chosen run's steps with their input
// and output. Steps light up on the canvas while the run is watched; "Open" shows the run page.
import { navigate } from '../app/router.ts';
import {
  PendingApprovals,
  RunActions,
  RunError,
  RunStatus,
  runVersion,
  StepView,
  statusTone,
  Waterfall,
} from '../runs/RunParts.tsx';
import { can } from '../api/runs.ts';
import { useRuns } from '../state/run-store.ts';
import { Badge, Button } from '../ui/components.tsx';

export function RunPanel({ role }: { role?: string }) {
  const { runs, current, error } = useRuns();
  const show = (id: string) => useRuns.getState().show(id);
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
      {error && (
        <div className="banner banner-danger" role="alert">
          {error}
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
            onClick={() => show(r.id)}
          >
            <Badge tone={statusTone(r.status)}>{r.status.toLowerCase()}</Badge>
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
            <RunStatus status={current.status} />
            <Button size="sm" data-testid="open-run-page" onClick={() => navigate(`/runs/${current.id}`)}>
              Open
            </Button>
          </div>
          <RunError run={current} />
          <RunActions run={current} role={role} onStarted={show} />
          <PendingApprovals
            runId={current.id}
            version={runVersion(current)}
            canAnswer={can.edit(role)}
            onAnswered={() => show(current.id)}
          />
          <Waterfall steps={current.steps} />
          {current.steps.map((s) => (
            <StepView key={`${s.nodeId}-${s.startedAt}`} step={s} />
          ))}
        </section>
      )}
    </aside>
  );
}
