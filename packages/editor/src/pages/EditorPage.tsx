// The editor: palette, canvas, side panel, and a toolbar (name, save state, problems, undo/redo,
// tidy up, fit, minimap, shortcuts).
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { workflowsApi } from '../api/workflows.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { InsertDialog } from '../canvas/InsertDialog.tsx';
import { Palette } from '../canvas/Palette.tsx';
import { ShortcutsHelp } from '../canvas/ShortcutsHelp.tsx';
import { useShortcuts } from '../canvas/use-shortcuts.tsx';
import { createNode, moveNodes } from '../core/graph-ops.ts';
import { autoLayout, NODE_WIDTH } from '../core/layout.ts';
import { DeployDialog, TestRunDialog } from '../panel/LifecycleDialogs.tsx';
import { NodePanel } from '../panel/NodePanel.tsx';
import { RunPanel } from '../panel/RunPanel.tsx';
import { VersionsPanel } from '../panel/VersionsPanel.tsx';
import { can } from '../api/runs.ts';
import { resetRuns, useRuns } from '../state/run-store.ts';
import { catalog } from '../state/catalog.ts';
import { useEditor } from '../state/editor-store.ts';
import { useSession } from '../state/session-store.ts';
import { Button, Tip } from '../ui/components.tsx';
import { Icon } from '../ui/icons.tsx';
import { TagInput } from '../ui/TagInput.tsx';

export function EditorPage({ workflowId }: { workflowId: string }) {
  const orgId = useSession((s) => s.orgId)!;
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');

  useEffect(() => {
    let cancelled = false;
    workflowsApi(orgId)
      .get(workflowId)
      .then((wf) => {
        if (cancelled) return;
        resetRuns();
        useEditor.getState().load(orgId, wf);
        setState('ready');
      })
      .catch((err) => !cancelled && setState(errorMessage(err)));
    return () => {
      cancelled = true;
      void useEditor.getState().saveNow();
    };
  }, [orgId, workflowId]);

  if (state === 'loading') return <div className="page muted">Opening the workflow…</div>;
  if (state !== 'ready')
    return (
      <div className="page">
        <div className="banner banner-danger" role="alert">
          {state} <a href="#/workflows">Back to workflows</a>
        </div>
      </div>
    );
  return (
    <ReactFlowProvider>
      <EditorLayout />
    </ReactFlowProvider>
  );
}

function EditorLayout() {
  const role = useSession((s) => s.session?.organizations.find((o) => o.id === s.orgId)?.role);
  const readOnly = !can.edit(role);
  const runsOpen = useRuns((s) => s.open);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const isEmpty = useEditor((s) => s.graph.nodes.length === 0);
  const selectedNode = useEditor((s) =>
    s.selectedNodes.length === 1 ? s.graph.nodes.find((n) => n.id === s.selectedNodes[0]) : undefined,
  );
  const [showMinimap, setShowMinimap] = useState(() => useEditor.getState().graph.nodes.length <= 300);
  const [help, setHelp] = useState(false);
  const flow = useReactFlow();

  const actions = useMemo(
    () => ({
      readOnly,
      layout: () => {
        const positions = autoLayout(useEditor.getState().graph);
        useEditor.getState().apply((g) => moveNodes(g, positions), { layoutOnly: true });
        useEditor.getState().seal();
        requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 }));
      },
      fit: () => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 }),
      toggleMinimap: () => setShowMinimap((v) => !v),
      help: () => setHelp(true),
    }),
    [flow, readOnly],
  );
  useShortcuts(actions);

  const addFromPalette = (type: string) => {
    const { graph: g, selectedNodes } = useEditor.getState();
    const anchor = g.nodes.find((n) => n.id === selectedNodes[selectedNodes.length - 1]);
    const pos = anchor
      ? { x: anchor.position.x + NODE_WIDTH + 80, y: anchor.position.y }
      : flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    let id = '';
    useEditor.getState().apply((cur) => {
      const node = createNode(cur, catalog, type, { x: Math.round(pos.x), y: Math.round(pos.y) });
      id = node.id;
      return { ...cur, nodes: [...cur.nodes, node] };
    });
    useEditor.getState().select([id]);
  };

  return (
    <div className="editor">
      <Toolbar
        actions={actions}
        showMinimap={showMinimap}
        readOnly={readOnly}
        role={role}
        onVersions={() => setVersionsOpen((v) => !v)}
      />
      <div className="editor-body">
        {!readOnly && <Palette onPick={(spec) => addFromPalette(spec.type)} />}
        <div className="editor-canvas">
          {isEmpty && (
            <div className="canvas-empty card" data-testid="canvas-empty">
              <h2>Start with a trigger</h2>
              <p className="muted">
                Drag “Webhook” or “Start manually” from the left onto the canvas. Then add steps after it with
                the + on its right edge.
              </p>
            </div>
          )}
          <Canvas showMinimap={showMinimap} readOnly={readOnly} />
        </div>
        {versionsOpen ? (
          <VersionsPanel canEdit={!readOnly} onClose={() => setVersionsOpen(false)} />
        ) : runsOpen ? (
          <RunPanel role={role} />
        ) : selectedNode ? (
          <NodePanel key={selectedNode.id} node={selectedNode} readOnly={readOnly} />
        ) : (
          <WorkflowProblems />
        )}
      </div>
      <InsertDialog />
      <ShortcutsHelp open={help} onOpenChange={setHelp} />
    </div>
  );
}

function Toolbar({
  actions,
  showMinimap,
  readOnly,
  role,
  onVersions,
}: {
  onVersions(): void;
  actions: { layout(): void; fit(): void; toggleMinimap(): void; help(): void };
  showMinimap: boolean;
  readOnly: boolean;
  role?: string;
}) {
  const [deploying, setDeploying] = useState(false);
  const [testing, setTesting] = useState(false);
  const canDeploy = can.deploy(role);
  const name = useEditor((s) => s.name);
  const tags = useEditor((s) => s.tags);
  const saveState = useEditor((s) => s.saveState);
  const saveError = useEditor((s) => s.saveError);
  const issueCount = useEditor((s) => s.issueCount);
  const issuesStale = useEditor((s) => s.issuesStale);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const saveText = {
    saved: 'Saved',
    saving: 'Saving…',
    unsaved: 'Unsaved changes',
    error: 'Not saved',
  }[saveState];
  return (
    <div className="toolbar">
      <a href="#/workflows" className="muted">
        Workflows
      </a>
      <span className="muted">/</span>
      <input
        className="input toolbar-name"
        aria-label="Workflow name"
        value={name}
        readOnly={readOnly}
        onChange={(e) => useEditor.getState().rename(e.target.value)}
      />
      <TagInput tags={tags} readOnly={readOnly} onChange={(t) => useEditor.getState().setTags(t)} />
      <span className={`muted save-${saveState}`} data-testid="save-state" title={saveError}>
        {saveText}
      </span>
      {issuesStale ? (
        <span className="badge" data-testid="issue-count">
          Checking…
        </span>
      ) : issueCount > 0 ? (
        <span className="badge badge-danger" data-testid="issue-count">
          {issueCount} problem{issueCount === 1 ? '' : 's'}
        </span>
      ) : (
        <span className="badge badge-success" data-testid="issue-count">
          Ready
        </span>
      )}
      <div className="grow" />
      {readOnly && <span className="badge">View only</span>}
      <Tip label="Undo (Ctrl/⌘+Z)">
        <Button
          icon
          variant="ghost"
          aria-label="Undo"
          disabled={!canUndo || readOnly}
          onClick={() => useEditor.getState().undo()}
        >
          <Icon name="undo" />
        </Button>
      </Tip>
      <Tip label="Redo (Ctrl/⌘+Shift+Z)">
        <Button
          icon
          variant="ghost"
          aria-label="Redo"
          disabled={!canRedo || readOnly}
          onClick={() => useEditor.getState().redo()}
        >
          <Icon name="redo" />
        </Button>
      </Tip>
      <Tip label="Tidy up (Shift+L)">
        <Button icon variant="ghost" aria-label="Tidy up" disabled={readOnly} onClick={actions.layout}>
          <Icon name="layout" />
        </Button>
      </Tip>
      <Tip label="Fit view (Shift+F)">
        <Button icon variant="ghost" aria-label="Fit view" onClick={actions.fit}>
          <Icon name="fit" />
        </Button>
      </Tip>
      <Tip label="Minimap (Shift+M)">
        <Button
          icon
          variant={showMinimap ? 'default' : 'ghost'}
          aria-label="Minimap"
          aria-pressed={showMinimap}
          onClick={actions.toggleMinimap}
        >
          <Icon name="map" />
        </Button>
      </Tip>
      <Tip label="Keyboard shortcuts (?)">
        <Button icon variant="ghost" aria-label="Keyboard shortcuts" onClick={actions.help}>
          <Icon name="keyboard" />
        </Button>
      </Tip>
      <Button onClick={onVersions} data-testid="open-versions">
        Versions
      </Button>
      <Button onClick={() => useRuns.getState().setOpen(!useRuns.getState().open)} data-testid="open-runs">
        Runs
      </Button>
      <Button disabled={readOnly} onClick={() => setTesting(true)} data-testid="test-run">
        Test run
      </Button>
      <Tip label={canDeploy ? 'Publish this draft as a new version' : 'Only admins and owners can deploy'}>
        <span>
          <Button
            variant="primary"
            disabled={!canDeploy}
            onClick={() => setDeploying(true)}
            data-testid="deploy"
          >
            Deploy
          </Button>
        </span>
      </Tip>
      <DeployDialog open={deploying} onOpenChange={setDeploying} />
      <TestRunDialog open={testing} onOpenChange={setTesting} />
    </div>
  );
}

function WorkflowProblems() {
  const issues = useEditor((s) => s.issues);
  const count = useEditor((s) => s.issueCount);
  const select = useEditor((s) => s.select);
  return (
    <aside className="panel" aria-label="Workflow problems" data-testid="workflow-problems">
      <h2>{count === 0 ? 'Ready to deploy' : `${count} thing${count === 1 ? '' : 's'} to fix`}</h2>
      {count === 0 && <p className="muted">Select a step to set it up.</p>}
      {issues.workflow.map((i) => (
        <div key={`${i.path}${i.message}`} className="problem">
          {i.message}
        </div>
      ))}
      {[...issues.byNode.entries()].map(([nodeId, list]) => (
        <button type="button" key={nodeId} className="problem problem-link" onClick={() => select([nodeId])}>
          <span className="mono">{nodeId}</span>: {list.map((i) => i.message).join(' ')}
        </button>
      ))}
      {[...issues.byEdge.values()].flat().map((i) => (
        <div key={`${i.edgeId}${i.message}`} className="problem">
          {i.message}
        </div>
      ))}
    </aside>
  );
}
