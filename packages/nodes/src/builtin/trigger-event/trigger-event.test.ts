import { describe, expect, it } from 'vitest';
import { eventTrigger } from './trigger-event.ts';

describe('trigger.event', () => {
  it('takes an EventBridge pattern', () => {
    expect(
      eventTrigger.validateParams({
        pattern: {
          source: ['flowdeck'],
          'detail-type': ['run.failed'],
          detail: { error: [{ prefix: 'States.' }] },
        },
      }),
    ).toEqual([]);
  });

  it('shows AWS’s InvalidEventPatternException text on the field', () => {
    const [issue] = eventTrigger.validateParams({ pattern: { source: 'flowdeck' } });
    expect(issue.path).toBe('pattern');
    expect(issue.message).toMatch(
      /^Event pattern is not valid\. Reason: "source" must be an object or an array/,
    );
    expect(eventTrigger.validateParams({ pattern: ['x'] })).toEqual([
      { path: 'pattern', message: 'Event pattern must be a group of named values.' },
    ]);
    expect(eventTrigger.validateParams({})).toEqual([
      { path: 'pattern', message: 'Event pattern is required.' },
    ]);
  });
});
