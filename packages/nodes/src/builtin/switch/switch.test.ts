import { describe, expect, it } from 'vitest';
import { switchNode } from './switch.ts';

const rule = { '==': [{ var: 'trigger.channel' }, 'x'] };

describe('logic.switch', () => {
  it('offers one output per case plus default', () => {
    const params = {
      cases: [
        { id: 'linkedin', rule },
        { id: 'x', label: 'X', rule },
      ],
    };
    expect(switchNode.validateParams(params)).toEqual([]);
    expect(switchNode.outputHandles?.(params)).toEqual(['linkedin', 'x', 'default']);
  });

  it('refuses duplicate, reserved and missing case ids', () => {
    const issues = switchNode.validateParams({
      cases: [{ id: 'a', rule }, { id: 'a', rule }, { id: 'default', rule }, { rule }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['cases.1.id', 'cases.2.id', 'cases.3.id']);
    expect(issues[0]?.message).toBe('Case 2: Output name “a” is already used by another case.');
    expect(issues[1]?.message).toMatch(/^Case 3: Output name .*cannot be “default” or “error”\.$/);
    expect(issues[2]?.message).toBe('Case 4: Output name is required.');
    expect(switchNode.validateParams({ cases: [] })).toEqual([
      { path: 'cases', message: 'Cases needs at least 1 item.' },
    ]);
  });
});
