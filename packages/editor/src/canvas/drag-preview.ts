// Where the edges of cards being dragged run, frame by frame, without React Flow: each edge that
// touches a dragged card gets its ends from the cards' positions (dragged or resting) and the
// handle boxes React Flow measured, exactly as React Flow places them (getHandlePosition), so the
// line drawn during the drag is the one React Flow draws after the drop. No React, no DOM.
import type { XY } from '../core/graph-ops.ts';
import type { EdgeEnds } from './edge-path.ts';

type Side = 'left' | 'right' | 'top' | 'bottom';

/** A handle's box relative to its card's top-left corner (React Flow's handle bounds). */
export interface HandleBox {
  id?: string | null;
  position: Side | `${Side}`;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A card's handle boxes by kind, as React Flow keeps them. */
export interface CardHandles {
  source: readonly HandleBox[];
  target: readonly HandleBox[];
}

export interface PreviewEdge {
  id: string;
  source: string;
  target: string;
  /** React Flow handle ids (`out`, `out:<name>`, `in`); null: the card's first handle. */
  sourceHandle: string | null;
  targetHandle: string | null;
}

/** React Flow's choice of handle: the first one when no id is given, else the one with that id. */
export function pickHandle(boxes: readonly HandleBox[], id: string | null): HandleBox | undefined {
  return id ? boxes.find((b) => b.id === id) : boxes[0];
}

/** The point an edge attaches to: the middle of the handle box's outer side. */
export function handlePoint(at: XY, box: HandleBox): XY {
  const x = at.x + box.x;
  const y = at.y + box.y;
  switch (box.position) {
    case 'top':
      return { x: x + box.width / 2, y };
    case 'right':
      return { x: x + box.width, y: y + box.height / 2 };
    case 'bottom':
      return { x: x + box.width / 2, y: y + box.height };
    default:
      return { x, y: y + box.height / 2 };
  }
}

interface Prepared {
  id: string;
  source: string;
  target: string;
  from: HandleBox;
  to: HandleBox;
  /** Where each end's card rests (used while it is not dragged). */
  sourceAt: XY;
  targetAt: XY;
}

export class DragPreview {
  private readonly edges: Prepared[] = [];

  /**
   * `dragged`: the cards being moved; `edges`: the graph's edges (those touching a dragged card
   * are kept); `card`: a card's resting position and handle boxes (undefined: not on the canvas),
   * read once here. An edge whose card or handle is unknown is left out, as React Flow draws no
   * line for it.
   */
  constructor(
    dragged: Iterable<string>,
    edges: Iterable<PreviewEdge>,
    card: (id: string) => { at: XY; handles: CardHandles } | undefined,
  ) {
    const ids = new Set(dragged);
    for (const e of edges) {
      if (!ids.has(e.source) && !ids.has(e.target)) continue;
      const source = card(e.source);
      const target = card(e.target);
      const from = source && pickHandle(source.handles.source, e.sourceHandle);
      const to = target && pickHandle(target.handles.target, e.targetHandle);
      if (from && to)
        this.edges.push({
          id: e.id,
          source: e.source,
          target: e.target,
          from,
          to,
          sourceAt: source.at,
          targetAt: target.at,
        });
    }
  }

  /** The edges that move with the dragged cards. */
  get edgeIds(): string[] {
    return this.edges.map((e) => e.id);
  }

  /** Each moving edge's ends with the dragged cards at `positions` (the others where they rest). */
  ends(positions: ReadonlyMap<string, XY>): { id: string; ends: EdgeEnds }[] {
    return this.edges.map((e) => {
      const s = handlePoint(positions.get(e.source) ?? e.sourceAt, e.from);
      const t = handlePoint(positions.get(e.target) ?? e.targetAt, e.to);
      return {
        id: e.id,
        ends: {
          sourceX: s.x,
          sourceY: s.y,
          targetX: t.x,
          targetY: t.y,
          sourcePosition: e.from.position as EdgeEnds['sourcePosition'],
          targetPosition: e.to.position as EdgeEnds['targetPosition'],
        },
      };
    });
  }
}
