import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withPositions } from './drag-positions.ts';

const node = (id: string, x: number, y: number) => ({ id, position: { x, y }, data: { id } });

describe('withPositions', () => {
  it('moves only the dragged nodes and keeps the other objects', () => {
    const nodes = [node('a', 0, 0), node('b', 10, 10), node('c', 20, 20)];
    const next = withPositions(nodes, new Map([['b', { x: 15, y: 5 }]]));
    expect(next).not.toBe(nodes);
    expect(next[0]).toBe(nodes[0]);
    expect(next[2]).toBe(nodes[2]);
    expect(next[1]).toEqual({ id: 'b', position: { x: 15, y: 5 }, data: { id: 'b' } });
    expect(next[1].data).toBe(nodes[1].data);
    expect(nodes[1].position).toEqual({ x: 10, y: 10 });
  });

  it('answers the same array when nothing is dragged or nothing moved', () => {
    const nodes = [node('a', 0, 0), node('b', 10, 10)];
    expect(withPositions(nodes, null)).toBe(nodes);
    expect(withPositions(nodes, new Map())).toBe(nodes);
    expect(withPositions(nodes, new Map([['b', { x: 10, y: 10 }]]))).toBe(nodes);
    expect(withPositions(nodes, new Map([['gone', { x: 1, y: 1 }]]))).toBe(nodes);
  });

  it('puts every dragged node at its position and leaves the rest where they were', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string({ maxLength: 3 }), x: fc.integer(), y: fc.integer() }), {
          selector: (n) => n.id,
          maxLength: 30,
        }),
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer(), fc.integer()), { maxLength: 10 }),
        (raw, moves) => {
          const nodes = raw.map((n) => node(n.id, n.x, n.y));
          const positions = new Map(moves.map(([id, x, y]) => [id, { x, y }]));
          const next = withPositions(nodes, positions);
          expect(next.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
          next.forEach((n, i) => {
            expect(n.position).toEqual(positions.get(n.id) ?? nodes[i].position);
            if (!positions.has(n.id)) expect(n).toBe(nodes[i]);
          });
        },
      ),
    );
  });
});
