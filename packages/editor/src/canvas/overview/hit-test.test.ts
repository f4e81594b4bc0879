import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardAt, distanceToSegment, EDGE_REACH_PX, hitTest, OUTPUT_REACH_PX } from './hit-test.ts';
import { buildScene, inputAt, outputAt } from './scene.ts';
import { chain, edge, stepNode } from './test-scene.ts';

const both = { outputs: true };

describe('overview hit test', () => {
  it('finds the card under any point inside it, and nothing between cards', () => {
    const scene = chain(5); // cards at x = 0, 300, …, 240 wide, 64 high
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: 0, max: 200, noNaN: true }), // clear of the output handle's reach
        fc.double({ min: 0, max: 64, noNaN: true }),
        fc.double({ min: 0.05, max: 0.3, noNaN: true }),
        (i, dx, dy, zoom) => {
          const reach = Math.max(5, OUTPUT_REACH_PX / zoom);
          fc.pre(dx < 240 - reach);
          expect(hitTest(scene, { x: i * 300 + dx, y: dy }, zoom, both)).toEqual({
            kind: 'card',
            nodeId: `n${i}`,
          });
        },
      ),
    );
    // Far above the row: no card, no edge.
    expect(hitTest(scene, { x: 450, y: -500 }, 0.2, both)).toBeNull();
  });

  it('an output handle wins over its card within a few screen pixels, unless connecting is off', () => {
    const scene = buildScene([stepNode('check', 0, 0, { outputs: ['true', 'false'] })], [], new Set());
    const card = scene.byId.get('check')!;
    const zoom = 0.2;
    const near = (p: { x: number; y: number }) => ({ x: p.x - (OUTPUT_REACH_PX - 1) / zoom, y: p.y });
    const onFalse = near(outputAt(card, 1));
    expect(hitTest(scene, onFalse, zoom, both)).toEqual({
      kind: 'output',
      nodeId: 'check',
      handle: 'false',
      point: outputAt(card, 1),
    });
    expect(hitTest(scene, onFalse, zoom, { outputs: false })).toEqual({ kind: 'card', nodeId: 'check' });
    // Just outside the reach (to the right of the card): nothing.
    const beyond = { x: outputAt(card, 1).x + (OUTPUT_REACH_PX + 1) / zoom, y: outputAt(card, 1).y };
    expect(hitTest(scene, beyond, zoom, both)).toBeNull();
  });

  it('a neighbour’s output handle never takes a press inside another card', () => {
    const scene = chain(2); // n0's output at x = 244, n1 from x = 300
    const zoom = 0.05; // the handle's reach is 120 flow units here
    expect(hitTest(scene, { x: 305, y: 33 }, zoom, both)).toEqual({ kind: 'card', nodeId: 'n1' });
    expect(hitTest(scene, { x: 290, y: 33 }, zoom, both)).toMatchObject({ kind: 'output', nodeId: 'n0' });
  });

  it('the card drawn last is the one on top', () => {
    const scene = buildScene([stepNode('under', 0, 0), stepNode('over', 100, 20)], [], new Set());
    expect(cardAt(scene, { x: 150, y: 40 })?.id).toBe('over');
    expect(cardAt(scene, { x: 50, y: 10 })?.id).toBe('under');
    expect(cardAt(scene, { x: 150, y: 40 }, 'over')?.id).toBe('under');
  });

  it('picks an edge within a few screen pixels of its line, outside cards', () => {
    const scene = buildScene([stepNode('a', 0, 0), stepNode('b', 600, 400)], [edge('a', 'b')], new Set());
    const a = outputAt(scene.byId.get('a')!, 0);
    const b = inputAt(scene.byId.get('b')!);
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    // Perpendicular to the line, in screen pixels at this zoom.
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
    const zoom = 0.25;
    const off = (px: number) => ({ x: mid.x + (normal.x * px) / zoom, y: mid.y + (normal.y * px) / zoom });
    expect(hitTest(scene, off(EDGE_REACH_PX - 1), zoom, both)).toEqual({ kind: 'edge', edgeId: 'a->b' });
    expect(hitTest(scene, off(EDGE_REACH_PX + 1), zoom, both)).toBeNull();
  });

  it('distance to a segment is the least distance to any of its points', () => {
    const pt = fc.record({
      x: fc.double({ min: -1000, max: 1000, noNaN: true }),
      y: fc.double({ min: -1000, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(pt, pt, pt, (p, a, b) => {
        let sampled = Number.POSITIVE_INFINITY;
        for (let i = 0; i <= 2000; i++) {
          const t = i / 2000;
          sampled = Math.min(
            sampled,
            Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y))),
          );
        }
        const d = distanceToSegment(p, a, b);
        expect(d).toBeLessThanOrEqual(sampled + 1e-6);
        expect(d).toBeGreaterThanOrEqual(sampled - Math.hypot(b.x - a.x, b.y - a.y) / 2000 - 1e-6);
      }),
    );
  });
});
