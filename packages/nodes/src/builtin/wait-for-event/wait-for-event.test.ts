import { describe, expect, it } from 'vitest';
import { waitForEventNode } from './wait-for-event.ts';

describe('logic.wait_for_event', () => {
  it('waits a day by default and continues along received or timed_out', () => {
    expect(waitForEventNode.parseProps({ pattern: { source: ['shop'] } })).toEqual({
      ok: true,
      props: { pattern: { source: ['shop'] }, timeoutSeconds: 86_400 },
    });
    expect(waitForEventNode.outputHandles?.({})).toEqual(['received', 'timed_out']);
  });

  it('accepts expressions inside the pattern and refuses a bad pattern with AWS’s text', () => {
    expect(
      waitForEventNode.validateParams({ pattern: { detail: { orderId: ['{% $trigger.orderId %}'] } } }),
    ).toEqual([]);
    const issues = waitForEventNode.validateParams({
      pattern: { detail: { n: [{ numeric: ['>'] }] } },
      timeoutSeconds: 0,
    });
    expect(issues.map((i) => i.path)).toEqual(['pattern', 'timeoutSeconds']);
    expect(issues[0].message).toMatch(/^Event pattern is not valid\. Reason: /);
  });
});
