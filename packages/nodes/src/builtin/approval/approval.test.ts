import { describe, expect, it } from 'vitest';
import { approvalNode } from './approval.ts';

describe('logic.approval', () => {
  it('needs a message, may time out, and continues along approved or rejected', () => {
    expect(
      approvalNode.validateParams({ message: 'Publish {% $trigger.title %}?', timeoutSeconds: 3600 }),
    ).toEqual([]);
    expect(approvalNode.validateParams({ timeoutSeconds: 0 })).toEqual([
      { path: 'message', message: 'Message is required.' },
      { path: 'timeoutSeconds', message: 'Give up after (seconds) must be at least 1.' },
    ]);
    expect(approvalNode.outputHandles?.({})).toEqual(['approved', 'rejected']);
  });
});
