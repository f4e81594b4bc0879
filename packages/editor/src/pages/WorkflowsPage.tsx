import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { runsApi } from '../api/runs.ts';
import type { RunSummary, WorkflowSummary } from '../api/types.ts';
import { workflowsApi } from '../api/workflows.ts';
import { navigate } from '../app/router.ts';
import { addNode, createNode, emptyGraph } from '../core/graph-ops.ts';
import { allTags, filterWorkflows, type WorkflowStatus, workflowStatus } from '../core/workflow-list.ts';
import { catalog } from '../state/catalog.ts';
import { useSession } from '../state/session-store.ts';
import { Badge, Button, Dialog, EmptyState, Field } from '../ui/components.tsx';

/** A workflow's newest run: undefined while loading, null when it never ran. */
type LastRunOf = RunSummary | null | undefined;

function when(t: string | undefined): string {
  if (t === undefined) return '—';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString();
}

export function WorkflowsPage() {
  const orgId = useSession((s) => s.orgId)!;
  const role = useSession((s) => s.session?.organizations.find((o) => o.id === s.orgId)?.role);
  const [list, setList] = useState<WorkflowSummary[]>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const canEdit = role !== 'viewer';

  const [tag, setTag] = useState<string>();
  const [status, setStatus] = useState<WorkflowStatus>();
  const [lastRuns, setLastRuns] = useState<Record<string, LastRunOf>>({});

  useEffect(() => {
    workflowsApi(orgId)
      .list()
      .then((items) => {
        setList(items);
        // The list has no last run (docs/editor-needs.md item 6): one small read per workflow.
        for (const w of items)
          runsApi
            .list(w.id, 1)
            .then(({ items: [r] }) => setLastRuns((m) => ({ ...m, [w.id]: r ?? null })))
            .catch(() => undefined);
      })
      .catch((err) => setError(errorMessage(err)));
  }, [orgId]);

  const shown = useMemo(
    () => filterWorkflows(list ?? [], { query, tag, status }),
    [list, query, tag, status],
  );
  const tags = useMemo(() => allTags(list ?? []), [list]);

  const [creating, setCreating] = useState(false);
  const create = () => setCreating(true);

  return (
    <main className="page">
      <div className="page-narrow stack">
        <div className="row">
          <h1 className="grow">Workflows</h1>
          {list && list.length > 0 && (
            <input
              className="input"
              style={{ width: 240 }}
              placeholder="Search by name or tag"
              aria-label="Search workflows"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
          {list && list.length > 0 && (
            <select
              className="input"
              style={{ width: 140 }}
              aria-label="Filter by status"
              value={status ?? ''}
              onChange={(e) => setStatus((e.target.value || undefined) as WorkflowStatus | undefined)}
            >
              <option value="">Every status</option>
              <option value="draft">Draft</option>
              <option value="deployed">Deployed</option>
              <option value="disabled">Disabled</option>
            </select>
          )}
          {canEdit && (
            <Button variant="primary" onClick={create} data-testid="new-workflow">
              + New workflow
            </Button>
          )}
        </div>
        {error && (
          <div className="banner banner-danger" role="alert">
            {error}
          </div>
        )}
        {list === undefined && !error && <div className="muted">Loading…</div>}
        {list && list.length === 0 && (
          <EmptyState
            title="No workflows yet"
            action={
              canEdit && (
                <Button variant="primary" onClick={create}>
                  Create your first workflow
                </Button>
              )
            }
          >
            A workflow starts with a trigger — a webhook, a schedule or a button — and then does things for
            you: check a condition, post to your channels, notify your team. Create one and drag steps from
            the left onto the canvas.
          </EmptyState>
        )}
        {tags.length > 0 && (
          <div className="filters" data-testid="tag-filter">
            <span className="muted">Tags</span>
            {tags.map((t) => (
              <button
                type="button"
                key={t}
                className={`chip${tag === t ? ' on' : ''}`}
                aria-pressed={tag === t}
                onClick={() => setTag(tag === t ? undefined : t)}
              >
                {t}
              </button>
            ))}
          </div>
        )}
        {list && list.length > 0 && (
          <div className="card" style={{ padding: 0 }}>
            <table className="list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Tags</th>
                  <th>Status</th>
                  <th>Last run</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((w) => (
                  <tr key={w.id} onClick={() => navigate(`/workflows/${w.id}`)} data-testid="workflow-row">
                    <td>
                      <a href={`#/workflows/${w.id}`}>{w.name}</a>
                    </td>
                    <td>
                      {w.tags?.map((t) => (
                        <Badge key={t}>{t}</Badge>
                      ))}
                    </td>
                    <td>
                      <StatusBadge status={workflowStatus(w)} version={w.deployedVersion} />
                    </td>
                    <td data-testid="last-run">
                      <LastRun run={lastRuns[w.id]} />
                    </td>
                    <td className="muted">{when(w.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length === 0 && <div className="empty muted">No workflow matches these filters.</div>}
          </div>
        )}
      </div>
      <NewWorkflowDialog
        open={creating}
        onOpenChange={setCreating}
        orgId={orgId}
        suggestedName={`Untitled workflow ${(list?.length ?? 0) + 1}`}
      />
    </main>
  );
}

function StatusBadge({ status, version }: { status: WorkflowStatus; version?: number | null }) {
  if (status === 'draft') return <Badge>draft</Badge>;
  if (status === 'disabled') return <Badge tone="danger">disabled v{version}</Badge>;
  return <Badge tone="success">deployed v{version}</Badge>;
}

function LastRun({ run }: { run: LastRunOf }) {
  if (run === undefined) return <span className="muted">…</span>;
  if (run === null) return <span className="muted">never</span>;
  const tone = run.status === 'SUCCEEDED' ? 'success' : run.status === 'RUNNING' ? 'accent' : 'danger';
  return (
    <span className="row" style={{ gap: 6 }}>
      <Badge tone={tone}>{run.status.toLowerCase().replace('_', ' ')}</Badge>
      <span className="muted">{when(run.startedAt)}</span>
    </span>
  );
}

const TRIGGERS = [
  {
    type: 'trigger.webhook',
    label: 'Webhook',
    help: 'Another app sends a request to the workflow’s address.',
  },
  {
    type: 'trigger.manual',
    label: 'Start manually',
    help: 'You press Run, or an integration calls the API.',
  },
  {
    type: 'trigger.schedule',
    label: 'Schedule',
    help: 'At set times: every Monday at 9, every hour, or once on a date.',
  },
  {
    type: 'trigger.event',
    label: 'When an event happens',
    help: 'An event matching a pattern arrives, e.g. a run failed or a post was published.',
  },
  {
    type: 'trigger.poll',
    label: 'New item in a feed',
    help: 'Checks an RSS feed or JSON address every few minutes and starts once per new item.',
  },
];

function NewWorkflowDialog(props: {
  open: boolean;
  onOpenChange(o: boolean): void;
  orgId: string;
  suggestedName: string;
}) {
  const [name, setName] = useState('');
  const [trigger, setTrigger] = useState(TRIGGERS[0].type);
  const [error, setError] = useState<string>();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="New workflow"
      description="Every workflow starts with a trigger; you add the steps after it on the canvas."
    >
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            let graph = emptyGraph();
            graph = addNode(graph, createNode(graph, catalog, trigger, { x: 0, y: 0 }));
            const wf = await workflowsApi(props.orgId).create({
              name: name.trim() || props.suggestedName,
              graph,
            });
            navigate(`/workflows/${wf.id}`);
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <Field label="Name" htmlFor="wf-name">
          <input
            id="wf-name"
            className="input"
            placeholder={props.suggestedName}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </Field>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 6 }}>
          <legend className="field-label" style={{ marginBottom: 6 }}>
            How does it start?
          </legend>
          {TRIGGERS.map((t) => (
            <label key={t.type} className="choice">
              <input
                type="radio"
                name="trigger"
                value={t.type}
                checked={trigger === t.type}
                onChange={() => setTrigger(t.type)}
              />
              <span>
                <strong>{t.label}</strong>
                <span className="field-help" style={{ display: 'block' }}>
                  {t.help}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="primary" data-testid="create-workflow">
            Create
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
