import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { History } from './history.ts';

describe('undo history', () => {
  it('undoes and redoes in order', () => {
    const h = new History('a');
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.redo()).toBe('b');
    expect(h.redo()).toBe('c');
    expect(h.canRedo).toBe(false);
  });

  it('a new change after undo drops the redo branch', () => {
    const h = new History(1);
    h.push(2);
    h.undo();
    h.push(3);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe(1);
  });

  it('coalesces a gesture (same key) into one step until sealed', () => {
    const h = new History({ x: 0 });
    h.push({ x: 1 }, 'drag:n1');
    h.push({ x: 2 }, 'drag:n1');
    h.push({ x: 3 }, 'drag:n1');
    h.seal();
    h.push({ x: 4 }, 'drag:n1');
    expect(h.undo()).toEqual({ x: 3 });
    expect(h.undo()).toEqual({ x: 0 });
  });

  it('undo all then redo all returns to the last state (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), (values) => {
        const h = new History<number[]>([]);
        const states: number[][] = [];
        for (const v of values) {
          const next = [...h.present, v];
          states.push(next);
          h.push(next);
        }
        while (h.canUndo) h.undo();
        expect(h.present).toEqual([]);
        while (h.canRedo) h.redo();
        expect(h.present).toEqual(states.at(-1));
      }),
    );
  });
});
