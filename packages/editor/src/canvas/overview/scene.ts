// What the overview draws and hit-tests: every card's box, look and handles, and every edge's
// two cards, in flow coordinates. Built from the same React Flow node objects the canvas already
// maps (flow-mapping.ts), so titles, issues, run status and diff marks are the cards' own.
// No React, no DOM.
import { CARD_WIDTH, cardHeight, inputPoint, outputPoint } from '../card-geometry.ts';

export interface XY {
  x: number;
  y: number;
}

export type CardStatus = 'SUCCEEDED' | 'FAILED' | 'RUNNING' | 'PENDING';

/** The parts of a React Flow step node (flow-mapping.ts StepNode) the overview reads. */
export interface SceneNode {
  id: string;
  position: XY;
  selected?: boolean;
  measured?: { width?: number; height?: number };
  data: {
    title: string;
    kind: string;
    outputs: readonly { id: string | null }[];
    issues: readonly string[];
    status?: CardStatus;
    diff?: 'added' | 'changed';
  };
}

export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
}

export interface OverviewCard {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  kind: string;
  selected: boolean;
  invalid: boolean;
  status?: CardStatus;
  diff?: 'added' | 'changed';
  /** Output handle names (`null`: the unnamed output), top to bottom. */
  outputs: readonly (string | null)[];
  /** Triggers have no input. */
  hasInput: boolean;
}

export interface OverviewEdge {
  id: string;
  source: OverviewCard;
  target: OverviewCard;
  /** Index of the source handle in `source.outputs`. */
  sourceIndex: number;
  selected: boolean;
}

export interface Scene {
  /** In drawing order: later cards are drawn over earlier ones (as React Flow stacks them). */
  cards: readonly OverviewCard[];
  byId: ReadonlyMap<string, OverviewCard>;
  edges: readonly OverviewEdge[];
}

export function buildScene(
  nodes: readonly SceneNode[],
  edges: readonly SceneEdge[],
  selectedEdges: ReadonlySet<string>,
): Scene {
  const cards: OverviewCard[] = [];
  const byId = new Map<string, OverviewCard>();
  for (const n of nodes) {
    const outputs = n.data.outputs.map((o) => o.id);
    const card: OverviewCard = {
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? CARD_WIDTH,
      height: n.measured?.height ?? cardHeight(outputs),
      title: n.data.title,
      kind: n.data.kind,
      selected: !!n.selected,
      invalid: n.data.issues.length > 0,
      status: n.data.status,
      diff: n.data.diff,
      outputs,
      hasInput: n.data.kind !== 'trigger',
    };
    cards.push(card);
    byId.set(n.id, card);
  }
  const sceneEdges: OverviewEdge[] = [];
  for (const e of edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    // An edge React Flow could not draw either (a missing card or handle) is left out.
    if (!source || !target?.hasInput) continue;
    const sourceIndex = source.outputs.indexOf(e.sourceHandle ?? null);
    if (sourceIndex < 0) continue;
    sceneEdges.push({ id: e.id, source, target, sourceIndex, selected: selectedEdges.has(e.id) });
  }
  return { cards, byId, edges: sceneEdges };
}

/** Where an edge leaves the card's output `index` (flow coordinates), the card moved by `offset`. */
export function outputAt(card: OverviewCard, index: number, offset: XY = ZERO): XY {
  const p = outputPoint(card.outputs, index);
  return { x: card.x + offset.x + p.x, y: card.y + offset.y + p.y };
}

/** Where an edge enters the card (flow coordinates), the card moved by `offset`. */
export function inputAt(card: OverviewCard, offset: XY = ZERO): XY {
  return { x: card.x + offset.x + inputPoint(card.outputs).x, y: card.y + offset.y + card.height / 2 };
}

export const ZERO: XY = Object.freeze({ x: 0, y: 0 });
