// A drag of DOM cards, drawn without React: React Flow's drag (d3-drag: threshold, selection,
// several cards, auto-pan) reports positions each frame; instead of handing them to React Flow's
// store (which re-runs every rendered card's, handle's and edge's selector and re-renders the
// moved ones, ~3 ms a frame with a hundred cards on screen), this moves the dragged cards'
// wrappers and redraws their edges' paths and `+` buttons in place. The drop is one editor-store
// move; React then renders the same places. Lines come from drag-preview.ts and edge-path.ts.
import type { Edge, InternalNode } from '@xyflow/react';
import type { XY } from '../core/graph-ops.ts';
import { type CardHandles, DragPreview, type HandleBox } from './drag-preview.ts';
import { edgePath, edgePlusTransform } from './edge-path.ts';

/** What a DOM drag reads from React Flow's store. */
export interface FlowState {
  domNode: HTMLElement | null;
  nodeLookup: ReadonlyMap<string, InternalNode>;
  edges: readonly Edge[];
  transform: readonly [number, number, number];
}

/** While a DOM drag runs, its class is on React Flow's root (the selection box hides, see canvas.css). */
export const DOM_DRAG_CLASS = 'dom-dragging';

interface EdgeElements {
  paths: Element[];
  plus: HTMLElement | null;
}

export class DomDrag {
  private readonly preview: DragPreview;
  private readonly root: HTMLElement | null;
  private transform: FlowState['transform'];
  private cards = new Map<string, HTMLElement | null>();
  private edges = new Map<string, EdgeElements | null>();

  constructor(state: FlowState, dragged: Iterable<string>) {
    this.root = state.domNode;
    this.transform = state.transform;
    this.preview = new DragPreview(
      dragged,
      state.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle ?? null,
        targetHandle: e.targetHandle ?? null,
      })),
      (id) => {
        const node = state.nodeLookup.get(id);
        return node && { at: node.internals.positionAbsolute, handles: handlesOf(node) };
      },
    );
    this.root?.classList.add(DOM_DRAG_CLASS);
  }

  /**
   * Whether the viewport moved since the last call (auto-pan at the pane's edge, a wheel zoom):
   * React Flow then has to know where the cards are, as it decides from that which cards to render.
   */
  viewportMoved(transform: FlowState['transform']): boolean {
    if (transform === this.transform) return false;
    this.transform = transform;
    // React Flow may render other elements now: look them up again.
    this.cards.clear();
    this.edges.clear();
    return true;
  }

  /** Shows the dragged cards at `positions` (flow coordinates) and their edges with them. */
  frame(positions: ReadonlyMap<string, XY>, low: boolean): void {
    for (const [id, p] of positions) {
      const el = this.card(id);
      if (el) el.style.transform = `translate(${p.x}px,${p.y}px)`;
    }
    for (const { id, ends } of this.preview.ends(positions)) {
      const el = this.edge(id);
      if (!el) continue;
      const { d, labelX, labelY } = edgePath(ends, low);
      for (const path of el.paths) path.setAttribute('d', d);
      if (el.plus) el.plus.style.transform = edgePlusTransform(labelX, labelY);
    }
  }

  end(): void {
    this.root?.classList.remove(DOM_DRAG_CLASS);
  }

  // Elements are looked up once per drag (cards and edges React Flow does not render stay absent).
  private card(id: string): HTMLElement | null {
    let el = this.cards.get(id);
    if (el === undefined || (el && !el.isConnected)) {
      el = this.root?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null;
      this.cards.set(id, el);
    }
    return el;
  }

  private edge(id: string): EdgeElements | null {
    let el = this.edges.get(id);
    if (el === undefined || (el && !el.paths[0]?.isConnected)) {
      const g = this.root?.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"]`);
      el = g
        ? {
            paths: [...g.querySelectorAll('path[d]')],
            plus: this.root?.querySelector<HTMLElement>(`[data-edge-id="${CSS.escape(id)}"]`) ?? null,
          }
        : null;
      this.edges.set(id, el);
    }
    return el;
  }
}

/** A card's handle boxes: as React Flow measured them, else as given with the node. */
function handlesOf(node: InternalNode): CardHandles {
  const measured = node.internals.handleBounds;
  if (measured) return { source: measured.source ?? [], target: measured.target ?? [] };
  const given = (node.handles ?? []).map((h) => ({ ...h, width: h.width ?? 1, height: h.height ?? 1 }));
  return {
    source: given.filter((h) => h.type === 'source') as HandleBox[],
    target: given.filter((h) => h.type === 'target') as HandleBox[],
  };
}
