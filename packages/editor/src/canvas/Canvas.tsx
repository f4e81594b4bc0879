// The canvas: React Flow bound to the editor store. Changes become core operations; React Flow
// never owns the graph.
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { browser } from '../app/browser.ts';
import {
  connect,
  connectionProblem,
  createNode,
  deleteElements,
  moveNodes,
  type XY,
} from '../core/graph-ops.ts';
import { openingViewport, parseViewport, type Viewport } from '../core/viewport.ts';
import { catalog, isTriggerType } from '../state/catalog.ts';
import { useEditor } from '../state/editor-store.ts';
import { useSession } from '../state/session-store.ts';
import { FlowMapper, type StepNode } from './flow-mapping.ts';
import { handleFromDomId } from './handle-ids.ts';
import { setZoom, useDetailLevel } from './detail-level.ts';
import { DomDrag } from './dom-drag.ts';
import { withPositions } from './drag-positions.ts';
import { Overview } from './overview/Overview.tsx';
import { DRAG_TYPE } from './Palette.tsx';
import { StepCard } from './StepCard.tsx';
import { StepEdge } from './StepEdge.tsx';

const nodeTypes = { step: StepCard };
const edgeTypes = { step: StepEdge };
const MIN_ZOOM = 0.05;
const NO_EDGES: never[] = [];
// Props React Flow compares by identity: one object each, not a new one per render. A new
// `defaultEdgeOptions` object is written to React Flow's store on every render, which re-runs
// every store selector and re-renders every edge (each reads it), on every drag frame.
const DEFAULT_EDGE_OPTIONS = { type: 'step' };
const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
const viewportKey = (workflowId: string | undefined) => `flowdeck.viewport.${workflowId ?? ''}`;

/**
 * Where the canvas opens: where this workflow was last left in this browser, else computed from
 * positions (fitted when readable, else on the trigger). No fitView: it renders and measures
 * every node first, ~0.4 s at 1,000 nodes, then draws them all at an unreadable zoom.
 */
function initialViewport(pane: { width: number; height: number }): Viewport {
  const { graph, workflowId } = useEditor.getState();
  const saved = parseViewport(browser.localStorage.getItem(viewportKey(workflowId)));
  if (saved) return { ...saved, zoom: Math.max(MIN_ZOOM, saved.zoom) };
  const trigger = graph.nodes.find((n) => isTriggerType(n.type));
  return openingViewport(graph, pane, { startNodeId: trigger?.id });
}

export function Canvas(props: { showMinimap: boolean; readOnly?: boolean }) {
  const graph = useEditor((s) => s.graph);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const issues = useEditor((s) => s.issues);
  const lastRun = useEditor((s) => s.lastRun);
  const diffMarks = useEditor((s) => s.diffMarks);
  const theme = useSession((s) => s.theme);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const mapper = useRef(new FlowMapper()).current;
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const [measureTick, setMeasureTick] = useState(0);

  const selectedNodeSet = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  // While a drag is in progress the moved cards' positions live here, not in the editor store,
  // and each frame moves the cards' and their edges' elements in place (dom-drag.ts): no render
  // of this component, the panel or the toolbar, nor of React Flow's cards and edges. The drop
  // is committed as one undoable move.
  const dragRef = useRef<Map<string, XY> | null>(null);
  const domDrag = useRef<DomDrag | null>(null);
  // The minimap draws from React Flow's store, so with it shown each frame goes there instead.
  const minimapShown = useRef(props.showMinimap);
  minimapShown.current = props.showMinimap;

  // measureTick changes when React Flow measured a card; the map itself is mutable.
  const baseNodes = useMemo(
    () =>
      measureTick >= 0 ? mapper.toNodes(graph, selectedNodeSet, issues, lastRun, diffMarks, measured) : [],
    [graph, selectedNodeSet, issues, lastRun, diffMarks, measured, mapper, measureTick],
  );
  // A render during a drag (the selection, an autosave's answer) keeps the dragged cards where
  // they are.
  const nodes = useMemo(() => withPositions(baseNodes, dragRef.current), [baseNodes]) as StepNode[];
  const edges = useMemo(() => mapper.toEdges(graph, selectedEdgeSet), [graph, selectedEdgeSet, mapper]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const moved = new Map<string, XY>();
      const selection = new Set(useEditor.getState().selectedNodes);
      let selectionChanged = false;
      let dragEnded = false;
      let dragMoved = false;
      let newlyMeasured = false;
      for (const c of changes) {
        if (c.type === 'position') {
          if (c.dragging) {
            dragRef.current ??= new Map();
            if (c.position) dragRef.current.set(c.id, c.position);
            dragMoved = true;
          } else if (c.dragging === false) {
            if (c.position) dragRef.current?.set(c.id, c.position);
            dragEnded = true;
          } else if (c.position) moved.set(c.id, c.position); // keyboard arrows
        }
        if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
        if (c.type === 'dimensions' && c.dimensions) {
          const old = measured.get(c.id);
          if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) {
            measured.set(c.id, c.dimensions);
            newlyMeasured = true;
          }
        }
      }
      const editor = useEditor.getState();
      if (dragMoved && dragRef.current) {
        const flowState = flowStore.getState();
        domDrag.current ??= new DomDrag(flowState, dragRef.current.keys());
        const drag = domDrag.current;
        // React Flow also gets the positions when it needs them: for the minimap, and after the
        // viewport moved (auto-pan), as it renders the cards it believes are in view.
        if (drag.viewportMoved(flowState.transform) || minimapShown.current)
          flowState.setNodes(withPositions(flowState.nodes, dragRef.current) as typeof flowState.nodes);
        drag.frame(dragRef.current, useDetailLevel.getState().low);
      }
      if (dragEnded) {
        domDrag.current?.end();
        domDrag.current = null;
      }
      if (dragEnded && dragRef.current) {
        const final = dragRef.current;
        dragRef.current = null;
        // The graph's new positions reach React Flow with the next render's nodes.
        editor.apply((g) => moveNodes(g, final), { layoutOnly: true });
        editor.seal();
      }
      if (moved.size) editor.apply((g) => moveNodes(g, moved), { coalesce: 'keys', layoutOnly: true });
      if (selectionChanged) editor.select([...selection], editor.selectedEdges);
      if (newlyMeasured) setMeasureTick((t) => t + 1);
    },
    [measured, flowStore],
  );

  // Removal arrives through onDelete (one undo step for nodes and edges together).
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const editor = useEditor.getState();
    const selection = new Set(editor.selectedEdges);
    let changed = false;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      changed = true;
      if (c.selected) selection.add(c.id);
      else selection.delete(c.id);
    }
    if (changed) editor.select(editor.selectedNodes, [...selection]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    useEditor
      .getState()
      .apply((g) =>
        connect(
          g,
          { source: c.source, sourceHandle: handleFromDomId(c.sourceHandle), target: c.target },
          catalog,
        ),
      );
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | { source: string; target: string; sourceHandle?: string | null }) =>
      !connectionProblem(
        useEditor.getState().graph,
        { source: c.source, sourceHandle: handleFromDomId(c.sourceHandle), target: c.target },
        catalog,
      ),
    [],
  );

  const onDelete = useCallback(({ nodes, edges }: { nodes: { id: string }[]; edges: { id: string }[] }) => {
    useEditor.getState().apply((g) =>
      deleteElements(
        g,
        nodes.map((n) => n.id),
        edges.map((e) => e.id),
      ),
    );
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_TYPE);
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      let id = '';
      useEditor.getState().apply((g) => {
        const node = createNode(g, catalog, type, { x: Math.round(p.x - 100), y: Math.round(p.y - 30) });
        id = node.id;
        return { ...g, nodes: [...g.nodes, node] };
      });
      if (id) useEditor.getState().select([id]);
    },
    [flow],
  );

  const lowDetail = useDetailLevel((s) => s.low);
  // Zoomed far out the overview draws and edits the cards and edges; React Flow keeps the
  // viewport, box selection, the minimap and fit view (it still has the cards, drawn empty).
  const overview = useDetailLevel((s) => s.overview);
  const onPaneClick = useCallback(() => useEditor.getState().select([], []), []);
  const onMove = useCallback((_: unknown, viewport: { zoom: number }) => setZoom(viewport.zoom), []);
  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => {
    browser.localStorage.setItem(viewportKey(useEditor.getState().workflowId), JSON.stringify(viewport));
  }, []);

  // The pane's size is read before React Flow first renders, so it starts at its final viewport
  // and detail level (no render at the origin first).
  const paneRef = useRef<HTMLDivElement>(null);
  const [defaultViewport, setDefaultViewport] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const el = paneRef.current;
    if (!el) return;
    const viewport = initialViewport({ width: el.clientWidth, height: el.clientHeight });
    setZoom(viewport.zoom);
    setDefaultViewport(viewport);
  }, []);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone for palette drags; React Flow inside is the interactive part
    <div
      ref={paneRef}
      className={`canvas${lowDetail ? ' low-detail' : ''}${overview ? ' overview' : ''}${props.readOnly ? ' read-only' : ''}`}
      data-testid="canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }
      }}
      onDrop={onDrop}
    >
      {defaultViewport && (
        <ReactFlow
          defaultViewport={defaultViewport}
          nodes={nodes}
          edges={overview ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onDelete={onDelete}
          deleteKeyCode={props.readOnly || overview ? null : DELETE_KEYS}
          onPaneClick={overview ? onPaneClick : undefined}
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          selectionKeyCode="Shift"
          nodesDraggable={!props.readOnly}
          nodesConnectable={!props.readOnly}
          onlyRenderVisibleElements
          onMove={onMove}
          onMoveEnd={onMoveEnd}
          elevateNodesOnSelect={false}
          elevateEdgesOnSelect={false}
          colorMode={theme}
          minZoom={MIN_ZOOM}
          proOptions={PRO_OPTIONS}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        >
          {/* Zoomed far out the dots are a grey haze that only costs paint. */}
          {!lowDetail && <Background gap={20} size={1} />}
          {overview && (
            <Overview
              nodes={nodes}
              edges={graph.edges}
              selectedEdges={selectedEdgeSet}
              readOnly={!!props.readOnly}
              theme={theme}
            />
          )}
          <Controls showInteractive={false} />
          {props.showMinimap && <MiniMap pannable zoomable data-testid="minimap" />}
        </ReactFlow>
      )}
    </div>
  );
}
