import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { WorkflowSummary } from '../api/types.ts';
import { workflowsApi } from '../api/workflows.ts';
import { navigate } from '../app/router.ts';
import { addNode, createNode, emptyGraph } from '../core/graph-ops.ts';
import { catalog } from '../state/catalog.ts';
import { useSession } from '../state/session-store.ts';
import { Badge, Button, Dialog, EmptyState, Field } from '../ui/components.tsx';

function when(t: string | number | undefined): string {
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

  useEffect(() => {
    workflowsApi(orgId)
      .list()
      .then(setList)
      .catch((err) => setError(errorMessage(err)));
  }, [orgId]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (list ?? []).filter(
      (w) => !q || w.name.toLowerCase().includes(q) || w.tags?.some((t) => t.toLowerCase().includes(q)),
    );
  }, [list, query]);

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
                      {w.deployedVersion ? (
                        <Badge tone="success">deployed v{w.deployedVersion}</Badge>
                      ) : (
                        <Badge>draft</Badge>
                      )}
                    </td>
                    <td>
                      {w.lastRun ? (
                        <Badge
                          tone={
                            w.lastRun.status === 'SUCCEEDED'
                              ? 'success'
                              : w.lastRun.status === 'FAILED'
                                ? 'danger'
                                : 'accent'
                          }
                        >
                          {w.lastRun.status.toLowerCase()}
                        </Badge>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td className="muted">{when(w.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length === 0 && <div className="empty muted">No workflow matches “{query}”.</div>}
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
