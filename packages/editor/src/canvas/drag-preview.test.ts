import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardHandles, inputPoint, outputPoint } from './card-geometry.ts';
import {
  type CardHandles,
  DragPreview,
  type HandleBox,
  handlePoint,
  pickHandle,
  type PreviewEdge,
} from './drag-preview.ts';
import { handleDomId } from './handle-ids.ts';

type XY = { x: number; y: number };

/** Cards as React Flow has them from flow-mapping (handles from card-geometry). */
function cards(positions: Record<string, XY>, outputs: Record<string, (string | null)[]> = {}) {
  return (id: string): { at: XY; handles: CardHandles } | undefined => {
    const at = positions[id];
    if (!at) return undefined;
    const boxes = cardHandles(outputs[id] ?? [null], id !== 'trigger') as (HandleBox & { type: string })[];
    return {
      at,
      handles: {
        source: boxes.filter((b) => b.type === 'source'),
        target: boxes.filter((b) => b.type === 'target'),
      },
    };
  };
}

const edge = (id: string, source: string, target: string, handle: string | null = null): PreviewEdge => ({
  id,
  source,
  target,
  sourceHandle: handleDomId(handle),
  targetHandle: 'in',
});

const box = (position: HandleBox['position']): HandleBox => ({ position, x: 10, y: 20, width: 6, height: 4 });

describe('handlePoint (where React Flow attaches an edge to a handle)', () => {
  it('is the middle of the side the handle faces', () => {
    const at = { x: 100, y: 200 };
    expect(handlePoint(at, box('left'))).toEqual({ x: 110, y: 222 });
    expect(handlePoint(at, box('right'))).toEqual({ x: 116, y: 222 });
    expect(handlePoint(at, box('top'))).toEqual({ x: 113, y: 220 });
    expect(handlePoint(at, box('bottom'))).toEqual({ x: 113, y: 224 });
  });

  it('on a card, is where card-geometry says edges leave and enter', () => {
    const outputs = ['true', 'false'];
    const at = { x: 40, y: -30 };
    const c = cards({ a: at }, { a: outputs })('a')!;
    outputs.forEach((o, i) => {
      const p = outputPoint(outputs, i);
      expect(handlePoint(at, pickHandle(c.handles.source, handleDomId(o))!)).toEqual({
        x: at.x + p.x,
        y: at.y + p.y,
      });
    });
    const p = inputPoint(outputs);
    expect(handlePoint(at, pickHandle(c.handles.target, 'in')!)).toEqual({ x: at.x + p.x, y: at.y + p.y });
  });
});

describe('pickHandle', () => {
  const boxes = [
    { ...box('right'), id: 'out:a' },
    { ...box('right'), id: 'out:b' },
  ];
  it('takes the first handle without an id, else the one with that id', () => {
    expect(pickHandle(boxes, null)).toBe(boxes[0]);
    expect(pickHandle(boxes, 'out:b')).toBe(boxes[1]);
    expect(pickHandle(boxes, 'out:c')).toBeUndefined();
    expect(pickHandle([], null)).toBeUndefined();
  });
});

describe('DragPreview', () => {
  const positions = { a: { x: 0, y: 0 }, b: { x: 300, y: 0 }, c: { x: 600, y: 110 }, d: { x: 900, y: 0 } };
  const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c'), edge('cd', 'c', 'd'), edge('ad', 'a', 'd')];

  it('keeps only the edges that touch a dragged card', () => {
    expect(new DragPreview(['b'], edges, cards(positions)).edgeIds).toEqual(['ab', 'bc']);
    expect(new DragPreview(['b', 'c'], edges, cards(positions)).edgeIds).toEqual(['ab', 'bc', 'cd']);
    expect(new DragPreview([], edges, cards(positions)).edgeIds).toEqual([]);
  });

  it('leaves out edges whose card or handle is unknown, as React Flow draws no line for them', () => {
    const preview = new DragPreview(
      ['b'],
      [edge('ab', 'a', 'b'), edge('bx', 'b', 'gone'), edge('b?', 'b', 'c', 'nope')],
      cards(positions),
    );
    expect(preview.edgeIds).toEqual(['ab']);
  });

  it('moves the dragged ends and keeps the resting ones', () => {
    const preview = new DragPreview(['b'], edges, cards(positions));
    const moved = { x: 340, y: 70 };
    const [ab, bc] = preview.ends(new Map([['b', moved]]));
    const out = outputPoint([null], 0);
    const inp = inputPoint([null]);
    expect(ab).toEqual({
      id: 'ab',
      ends: {
        sourceX: out.x,
        sourceY: out.y,
        targetX: moved.x + inp.x,
        targetY: moved.y + inp.y,
        sourcePosition: 'right',
        targetPosition: 'left',
      },
    });
    expect(bc.ends).toMatchObject({
      sourceX: moved.x + out.x,
      sourceY: moved.y + out.y,
      targetX: 600 + inp.x,
      targetY: 110 + inp.y,
    });
  });

  it('moving the dragged cards by d moves exactly their ends by d', () => {
    fc.assert(
      fc.property(
        fc.subarray(['a', 'b', 'c', 'd'], { minLength: 1 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        (dragged, dx, dy) => {
          const preview = new DragPreview(dragged, edges, cards(positions));
          const still = preview.ends(new Map());
          const at = new Map(
            dragged.map((id) => [id, { x: positions[id as 'a'].x + dx, y: positions[id as 'a'].y + dy }]),
          );
          const moved = preview.ends(at);
          moved.forEach(({ id, ends }, i) => {
            const e = edges.find((x) => x.id === id)!;
            const sd = dragged.includes(e.source) ? 1 : 0;
            const td = dragged.includes(e.target) ? 1 : 0;
            expect(ends.sourceX - still[i].ends.sourceX).toBeCloseTo(sd * dx, 9);
            expect(ends.sourceY - still[i].ends.sourceY).toBeCloseTo(sd * dy, 9);
            expect(ends.targetX - still[i].ends.targetX).toBeCloseTo(td * dx, 9);
            expect(ends.targetY - still[i].ends.targetY).toBeCloseTo(td * dy, 9);
          });
        },
      ),
    );
  });
});
