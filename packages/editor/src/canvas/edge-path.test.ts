import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { edgePath, edgePlusTransform } from './edge-path.ts';

const ends = { sourceX: 10, sourceY: 20, targetX: 250, targetY: 140 };

describe('edgePath', () => {
  it('zoomed far out is one straight segment, its label point in the middle', () => {
    expect(edgePath(ends, true)).toEqual({ d: 'M10,20L250,140', labelX: 130, labelY: 80 });
  });

  it('else is React Flow bezier from the right side to the left side', () => {
    const [d, labelX, labelY] = getBezierPath({
      ...ends,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
    });
    expect(edgePath(ends, false)).toEqual({ d, labelX, labelY });
    // The label point is the curve's centre, half way between the ends (the curve is symmetric).
    expect(labelX).toBeCloseTo(130);
    expect(labelY).toBeCloseTo(80);
  });

  it('follows the sides it is given', () => {
    const down = { ...ends, sourcePosition: Position.Bottom, targetPosition: Position.Top };
    const [d] = getBezierPath(down);
    expect(edgePath(down, false).d).toBe(d);
    expect(edgePath(down, false).d).not.toBe(edgePath(ends, false).d);
  });
});

describe('edgePlusTransform', () => {
  it('centres the + on the label point', () => {
    expect(edgePlusTransform(12.5, -4)).toBe('translate(-50%, -50%) translate(12.5px, -4px)');
  });
});
