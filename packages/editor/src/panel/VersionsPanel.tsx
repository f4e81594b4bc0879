// Deployed versions: compare any version with the draft (changes marked on the canvas) and
// restore one into the draft.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import type { Items, Workflow, WorkflowDiff, WorkflowVersion as Version } from '../api/types.ts';
import { useEditor } from '../state/editor-store.ts';
import { Badge, Button } from '../ui/components.tsx';

export function VersionsPanel(props: { canEdit: boolean; onClose(): void }) {
  const workflowId = useEditor((s) => s.workflowId)!;
  const [versions, setVersions] = useState<Version[]>();
  const [diff, setDiff] = useState<{ version: number; diff: WorkflowDiff }>();
  const [error, setError] = useState<string>();
  const base = `/api/v1/workflows/${encodeURIComponent(workflowId)}`;

  useEffect(() => {
    api<Items<Version>>('GET', `${base}/versions`)
      .then((r) => setVersions(r.items))
      .catch((err) => setError(errorMessage(err)));
    return () => useEditor.setState({ diffMarks: {} });
  }, [base]);

  async function compare(version: number) {
    try {
      await useEditor.getState().saveNow();
      const d = await api<WorkflowDiff>('GET', `${base}/diff?from=${version}&to=draft`);
      setDiff({ version, diff: d });
      const marks: Record<string, 'added' | 'changed'> = {};
      for (const id of d.nodes.added) marks[id] = 'added';
      for (const c of d.nodes.changed) marks[c.id] = 'changed';
      useEditor.setState({ diffMarks: marks });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function restore(version: number) {
    try {
      const wf = await api<Workflow>('POST', `${base}/versions/${version}/restore`);
      const s = useEditor.getState();
      s.load(s.orgId!, wf);
      setDiff(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <aside className="panel" aria-label="Versions" data-testid="versions-panel">
      <div className="row">
        <h2 className="grow" style={{ margin: 0 }}>
          Versions
        </h2>
        <Button size="sm" variant="ghost" aria-label="Close versions" onClick={props.onClose}>
          ✕
        </Button>
      </div>
      {error && (
        <div className="banner banner-danger" role="alert">
          {error}
        </div>
      )}
      {versions?.length === 0 && (
        <p className="muted">Nothing deployed yet. Each Deploy adds a version here.</p>
      )}
      {versions?.map((v) => (
        <div key={v.version} className="run-row" data-testid={`version-${v.version}`}>
          <strong>v{v.version}</strong>
          {v.current && <Badge tone="success">live</Badge>}
          <span className="grow muted">{new Date(v.createdAt).toLocaleString()}</span>
          <Button size="sm" onClick={() => compare(v.version)}>
            Compare
          </Button>
          {props.canEdit && (
            <Button size="sm" onClick={() => restore(v.version)}>
              Restore
            </Button>
          )}
        </div>
      ))}
      {diff && (
        <section className="stack" data-testid="version-diff">
          <h3 style={{ margin: 0 }}>v{diff.version} → draft</h3>
          {diff.diff.nodes.added.length +
            diff.diff.nodes.removed.length +
            diff.diff.nodes.changed.length +
            diff.diff.edges.added.length +
            diff.diff.edges.removed.length ===
          0 ? (
            <p className="muted">No differences.</p>
          ) : (
            <ul className="diff-list">
              {diff.diff.nodes.added.map((id) => (
                <li key={`a${id}`} className="diff-added">
                  + step <span className="mono">{id}</span>
                </li>
              ))}
              {diff.diff.nodes.changed.map((c) => (
                <li key={`c${c.id}`} className="diff-changed">
                  ~ step <span className="mono">{c.id}</span> ({c.fields.join(', ')})
                </li>
              ))}
              {diff.diff.nodes.removed.map((id) => (
                <li key={`r${id}`} className="diff-removed">
                  − step <span className="mono">{id}</span>
                </li>
              ))}
              {diff.diff.edges.added.length > 0 && (
                <li className="diff-added">+ {diff.diff.edges.added.length} connection(s)</li>
              )}
              {diff.diff.edges.removed.length > 0 && (
                <li className="diff-removed">− {diff.diff.edges.removed.length} connection(s)</li>
              )}
            </ul>
          )}
          <p className="field-help">Added steps are outlined green on the canvas, changed ones amber.</p>
        </section>
      )}
    </aside>
  );
}
