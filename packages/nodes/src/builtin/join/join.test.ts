import { describe, expect, it } from 'vitest';
import { joinNode } from './join.ts';

describe('logic.join', () => {
  it('is a control node without settings', () => {
    expect(joinNode.kind).toBe('control');
    expect(joinNode.run).toBeUndefined();
    expect(joinNode.validateParams({})).toEqual([]);
  });
});
