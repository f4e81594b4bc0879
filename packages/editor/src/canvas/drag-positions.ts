// Cards being dragged: their positions live beside the graph until the drop (one undoable move).
// Each drag frame, React Flow gets its current nodes with only the dragged ones replaced.
import type { XY } from '../core/graph-ops.ts';

/**
 * `nodes` with the dragged ones at their drag positions: the same array when nothing is dragged,
 * otherwise a new array that keeps every other node object (React Flow re-adopts only nodes whose
 * object changed, and its cards re-render only when theirs did). A node already at its position
 * is kept as it is.
 */
export function withPositions<N extends { id: string; position: XY }>(
  nodes: readonly N[],
  positions: ReadonlyMap<string, XY> | null,
): readonly N[] {
  if (!positions?.size) return nodes;
  let changed = false;
  const next = nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? next : nodes;
}
