import { describe, expect, it } from 'vitest';
import { parallelNode } from './parallel.ts';

describe('logic.parallel', () => {
  it('is a control node with one unnamed output that may fan out', () => {
    expect(parallelNode.kind).toBe('control');
    expect(parallelNode.outputHandles).toBeUndefined();
    expect(parallelNode.validateParams({})).toEqual([]);
  });
});
