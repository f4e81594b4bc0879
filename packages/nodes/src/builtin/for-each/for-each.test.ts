import { describe, expect, it } from 'vitest';
import { forEachNode } from './for-each.ts';

describe('logic.for_each', () => {
  it('takes a list or an expression, one at a time by default, with item and done outputs', () => {
    expect(forEachNode.validateParams({ items: '{% $fetch.items %}' })).toEqual([]);
    expect(forEachNode.validateParams({ items: [1, 2], maxConcurrency: 0 })).toEqual([]);
    expect(forEachNode.validateParams({ items: 'abc' })).toEqual([
      { path: 'items', message: 'List must be a list.' },
    ]);
    expect(forEachNode.parseProps({ items: [1] })).toEqual({
      ok: true,
      props: { items: [1], maxConcurrency: 1 },
    });
    expect(forEachNode.outputHandles?.({})).toEqual(['item', 'done']);
  });
});
