// Where the canvas opens, computed from node positions alone: React Flow's fitView needs every
// node measured (and so rendered), which at 1,000 nodes costs ~0.4 s and then draws all of them
// at a zoom where nothing is readable. Small graphs open fitted (as fitView would, with the
// nominal card size); big ones open at a readable zoom on their trigger.
import type { WorkflowGraph } from '@flowdeck/engine';
import { NODE_HEIGHT, NODE_WIDTH } from './layout.ts';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface OpeningOptions {
  /** Fraction of the pane left around the fitted graph (fitView's `padding`). */
  padding?: number;
  maxZoom?: number;
  /** Below this the graph is not fitted: the view opens at this zoom on the start node. */
  minReadableZoom?: number;
  /** The node to open on when the graph does not fit (the trigger); default the leftmost. */
  startNodeId?: string;
}

export function openingViewport(
  graph: WorkflowGraph,
  pane: { width: number; height: number },
  { padding = 0.2, maxZoom = 1, minReadableZoom = 0.5, startNodeId }: OpeningOptions = {},
): Viewport {
  if (graph.nodes.length === 0 || pane.width <= 0 || pane.height <= 0) return { x: 0, y: 0, zoom: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { position: p } of graph.nodes) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + NODE_WIDTH);
    maxY = Math.max(maxY, p.y + NODE_HEIGHT);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const fit = Math.min(pane.width / (width * (1 + padding)), pane.height / (height * (1 + padding)), maxZoom);
  if (fit >= minReadableZoom) {
    return {
      x: pane.width / 2 - (minX + width / 2) * fit,
      y: pane.height / 2 - (minY + height / 2) * fit,
      zoom: fit,
    };
  }
  const start =
    graph.nodes.find((n) => n.id === startNodeId) ??
    graph.nodes.reduce((a, b) => (b.position.x < a.position.x ? b : a));
  const zoom = minReadableZoom;
  const margin = (pane.width * padding) / 2;
  return {
    x: margin - start.position.x * zoom,
    y: pane.height / 2 - (start.position.y + NODE_HEIGHT / 2) * zoom,
    zoom,
  };
}

/** A stored viewport, if it is one (saved per workflow when the view stops moving). */
export function parseViewport(text: string | null): Viewport | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<Viewport>;
    const ok = [v.x, v.y, v.zoom].every((n) => typeof n === 'number' && Number.isFinite(n));
    return ok && (v.zoom as number) > 0 ? (v as Viewport) : undefined;
  } catch {
    return undefined;
  }
}
