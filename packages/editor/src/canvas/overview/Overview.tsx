// The zoomed-out canvas (below OVERVIEW_BELOW_ZOOM): one <canvas> under React Flow's pane draws
// every card and edge in view (draw.ts) and answers presses on them (gestures.ts); React Flow
// keeps the viewport (pan, zoom), box selection, the minimap and fit view, but renders no cards
// or edges. A drag redraws this canvas only: no React render, no React Flow store update until
// the drop, which is one editor-store move like any other (undo, autosave).
import type { WorkflowEdge } from '@flowdeck/engine';
import { useStoreApi } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { connect, connectionProblem, deleteElements, moveNodes } from '../../core/graph-ops.ts';
import { catalog } from '../../state/catalog.ts';
import { useEditor } from '../../state/editor-store.ts';
import { drawOverview, type Palette } from './draw.ts';
import { OverviewGestures, type OverviewEditor } from './gestures.ts';
import { hitTest } from './hit-test.ts';
import { buildScene, type SceneNode, type XY } from './scene.ts';

export function Overview(props: {
  nodes: readonly SceneNode[];
  edges: readonly WorkflowEdge[];
  selectedEdges: ReadonlySet<string>;
  readOnly: boolean;
  theme: string;
}) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scene = useMemo(
    () => buildScene(props.nodes, props.edges, props.selectedEdges),
    [props.nodes, props.edges, props.selectedEdges],
  );
  const sceneRef = useRef(scene);
  sceneRef.current = scene;
  const palette = useRef<Palette | null>(null);

  const gestures = useMemo(
    () => new OverviewGestures(() => sceneRef.current, storeEditor(props.readOnly)),
    [props.readOnly],
  );

  // Draws at most once per task (a pointer move or a viewport change), synchronously after it,
  // so the frame that shows the new viewport or pointer position shows the cards there too.
  const draw = useMemo(() => {
    let pending = false;
    const now = () => {
      pending = false;
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const { transform, width, height } = store.getState();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(width * dpr);
      const h = Math.round(height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      palette.current ??= readPalette(canvas);
      const overlay = gestures.overlay;
      const drawn = drawOverview(
        ctx,
        sceneRef.current,
        { x: transform[0], y: transform[1], zoom: transform[2], width, height, dpr },
        palette.current,
        overlay,
      );
      // For tests and the bench: what is on screen, and where the dragged cards are drawn.
      canvas.dataset.cards = String(drawn.cards);
      canvas.dataset.edges = String(drawn.edges);
      const moved = overlay.moved;
      if (moved) canvas.dataset.dragOffset = `${moved.offset.x},${moved.offset.y}`;
      else delete canvas.dataset.dragOffset;
    };
    return () => {
      if (pending) return;
      pending = true;
      queueMicrotask(now);
    };
  }, [store, gestures]);

  useLayoutEffect(() => {
    if (scene) draw();
  }, [scene, draw]);

  // Colours are read again when the theme changes (in the draw, after the page has switched).
  useEffect(() => {
    if (props.theme) palette.current = null;
    draw();
  }, [props.theme, draw]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) draw();
      }),
    [store, draw],
  );

  // Presses on cards, handles and edges are the overview's; the rest go on to React Flow.
  useEffect(() => {
    const root = store.getState().domNode;
    if (!root) return;
    let swallowClick = false;
    const flowPoint = (e: { clientX: number; clientY: number }): [XY, number] => {
      const r = root.getBoundingClientRect();
      const [x, y, zoom] = store.getState().transform;
      return [{ x: (e.clientX - r.left - x) / zoom, y: (e.clientY - r.top - y) / zoom }, zoom];
    };
    const onMove = (e: MouseEvent) => {
      const [p, zoom] = flowPoint(e);
      if (gestures.move(p, zoom)) draw();
    };
    const onUp = (e: MouseEvent) => {
      const [p, zoom] = flowPoint(e);
      gestures.up(p, zoom);
      stop();
    };
    const onCancel = () => {
      gestures.cancel();
      stop();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    const stop = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('mouseup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      window.removeEventListener('keydown', onKey);
      draw();
    };
    const onDown = (e: PointerEvent) => {
      swallowClick = false;
      if (e.button !== 0) return;
      const target = e.target as Element | null;
      // Controls, minimap and other panels keep their own presses.
      if (!target?.closest('.react-flow__pane, .react-flow__renderer')) return;
      const [p, zoom] = flowPoint(e);
      if (!gestures.down(p, zoom, e.shiftKey || e.ctrlKey || e.metaKey)) return;
      // Neither React Flow's pane (pan, box selection) nor d3-zoom (which listens for the
      // mousedown this preventDefault suppresses) sees this press, nor the click after it.
      e.preventDefault();
      e.stopPropagation();
      swallowClick = true;
      (document.activeElement as HTMLElement | null)?.blur?.();
      // Real pointers send pointer events; the bench's synthetic drag sends mouse events.
      window.addEventListener('pointermove', onMove);
      window.addEventListener('mousemove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('mouseup', onUp);
      window.addEventListener('pointercancel', onCancel);
      window.addEventListener('keydown', onKey);
      draw();
    };
    const onClick = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.stopPropagation();
    };
    const onTouchStart = (e: TouchEvent) => {
      if (gestures.active) e.stopPropagation();
    };
    // Hover: say what a press would do (move, connect, select an edge) with the cursor.
    const onHover = (e: PointerEvent) => {
      if (gestures.active || e.buttons) return;
      const [p, zoom] = flowPoint(e);
      const hit = hitTest(sceneRef.current, p, zoom, { outputs: !props.readOnly });
      const kind = hit?.kind ?? '';
      if ((root.dataset.overviewHover ?? '') !== kind) {
        if (kind) root.dataset.overviewHover = kind;
        else delete root.dataset.overviewHover;
      }
    };
    root.addEventListener('pointerdown', onDown, true);
    root.addEventListener('click', onClick, true);
    root.addEventListener('touchstart', onTouchStart, true);
    root.addEventListener('pointermove', onHover);
    return () => {
      root.removeEventListener('pointerdown', onDown, true);
      root.removeEventListener('click', onClick, true);
      root.removeEventListener('touchstart', onTouchStart, true);
      root.removeEventListener('pointermove', onHover);
      delete root.dataset.overviewHover;
      gestures.cancel();
      stop();
    };
  }, [store, gestures, draw, props.readOnly]);

  // Delete/Backspace removes the selected cards and edges (React Flow's own key handling only
  // knows the cards it renders, so the canvas turns it off in the overview).
  useEffect(() => {
    if (props.readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Delete' && e.key !== 'Backspace') return;
      const el = e.target as HTMLElement | null;
      if (
        el &&
        (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest('.cm-editor'))
      )
        return;
      const { selectedNodes, selectedEdges, apply } = useEditor.getState();
      if (!selectedNodes.length && !selectedEdges.length) return;
      e.preventDefault();
      apply((g) => deleteElements(g, selectedNodes, selectedEdges));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.readOnly]);

  return (
    <canvas
      ref={canvasRef}
      className="overview-canvas"
      data-testid="overview"
      aria-label={`Overview of ${scene.cards.length} steps; zoom in to read them`}
    />
  );
}

/** The overview's editor: the editor store and the same core operations as the rest of the canvas. */
function storeEditor(readOnly: boolean): OverviewEditor {
  const editor = () => useEditor.getState();
  return {
    readOnly,
    selection: () => ({ nodes: editor().selectedNodes, edges: editor().selectedEdges }),
    select: (nodes, edges) => editor().select(nodes, edges),
    move(positions) {
      editor().apply((g) => moveNodes(g, positions), { layoutOnly: true });
      editor().seal();
    },
    canConnect: (source, sourceHandle, target) =>
      !connectionProblem(editor().graph, { source, sourceHandle, target }, catalog),
    connect: (source, sourceHandle, target) =>
      editor().apply((g) => connect(g, { source, sourceHandle, target }, catalog)),
  };
}

/** The theme's colours, from the CSS variables in effect where the canvas is. */
function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--bg', '#f7f7fb'),
    surface: v('--surface', '#ffffff'),
    border: v('--border', '#dedee8'),
    muted: v('--text-muted', '#6b6b80'),
    accent: v('--accent', '#5b5bd6'),
    danger: v('--danger', '#d93f3f'),
    success: v('--success', '#2f9e62'),
    warning: v('--warning', '#c98a12'),
    running: v('--running', '#2f7fd9'),
  };
}
