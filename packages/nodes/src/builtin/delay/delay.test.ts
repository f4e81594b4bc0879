import { describe, expect, it } from 'vitest';
import { delayNode } from './delay.ts';

describe('logic.delay', () => {
  it('waits a number of seconds by default', () => {
    expect(delayNode.validateParams({ seconds: 30 })).toEqual([]);
    expect(delayNode.validateParams({})).toEqual([{ path: 'seconds', message: 'Seconds is required.' }]);
    expect(delayNode.validateParams({ seconds: -1 })).toEqual([
      { path: 'seconds', message: 'Seconds must be at least 0.' },
    ]);
  });

  it('waits until a timestamp, given as text or as an expression', () => {
    expect(delayNode.validateParams({ mode: 'until', until: '2025-03-04T09:00:00+01:00' })).toEqual([]);
    expect(delayNode.validateParams({ mode: 'until', until: '{% $trigger.publishAt %}' })).toEqual([]);
    expect(delayNode.validateParams({ mode: 'until' })).toEqual([
      { path: 'until', message: 'Until is required.' },
    ]);
    expect(delayNode.validateParams({ mode: 'until', until: 'tomorrow' })[0]?.path).toBe('until');
  });
});
