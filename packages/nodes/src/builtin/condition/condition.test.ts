import { describe, expect, it } from 'vitest';
import { conditionNode } from './condition.ts';

describe('logic.condition', () => {
  it('needs one json-logic rule and offers the true and false outputs', () => {
    expect(conditionNode.validateParams({ rule: { '>': [{ var: 'trigger.body.amount' }, 100] } })).toEqual(
      [],
    );
    expect(conditionNode.validateParams({})).toEqual([{ path: 'rule', message: 'Rule is required.' }]);
    expect(conditionNode.validateParams({ rule: 'amount > 100' })[0]?.path).toBe('rule');
    expect(conditionNode.outputHandles?.({})).toEqual(['true', 'false']);
  });
});
