import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is the prefix, 8 time characters and 12 random ones', () => {
    expect(newId('run')).toMatch(/^run_[0-9A-Za-z]{20}$/);
  });

  it('sorts by creation time, as text', () => {
    const maxMs = 62 ** 8 - 1;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxMs }), fc.integer({ min: 0, max: maxMs }), (a, b) => {
        fc.pre(a !== b);
        const [x, y] = [newId('run', a), newId('run', b)];
        expect(x < y).toBe(a < b);
      }),
    );
  });

  it('does not repeat within one millisecond', () => {
    const ids = new Set(Array.from({ length: 50_000 }, () => newId('aud', 1_765_000_000_000)));
    expect(ids.size).toBe(50_000);
  });

  it('uses every character of the alphabet in its random part', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => newId('x', 0).slice(10)).flatMap((r) => [...r]));
    expect(seen.size).toBe(62);
  });
});
