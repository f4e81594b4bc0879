// The line of an edge between two handle points: the one StepEdge renders and the one a DOM drag
// draws while a card moves (drag-preview.ts), so the drop shows the same line.
import { getBezierPath, Position } from '@xyflow/react';

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  /** Which side of the card each end leaves from; cards have outputs right, the input left. */
  sourcePosition?: Position;
  targetPosition?: Position;
}

/**
 * The edge's path and where its `+` sits. Zoomed far out (`low`): one straight segment, whose
 * middle is the label point; else React Flow's bezier between the handles' sides.
 */
export function edgePath(ends: EdgeEnds, low: boolean): { d: string; labelX: number; labelY: number } {
  const { sourceX, sourceY, targetX, targetY } = ends;
  if (low)
    return {
      d: `M${sourceX},${sourceY}L${targetX},${targetY}`,
      labelX: (sourceX + targetX) / 2,
      labelY: (sourceY + targetY) / 2,
    };
  const [d, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition: ends.sourcePosition ?? Position.Right,
    targetPosition: ends.targetPosition ?? Position.Left,
  });
  return { d, labelX, labelY };
}

/** The `transform` of an edge's `+` button at the label point (centred on it). */
export function edgePlusTransform(labelX: number, labelY: number): string {
  return `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`;
}
