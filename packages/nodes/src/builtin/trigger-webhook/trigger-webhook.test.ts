import { describe, expect, it } from 'vitest';
import { webhookTrigger } from './trigger-webhook.ts';

describe('trigger.webhook', () => {
  it('answers at once by default, or when the workflow finishes', () => {
    expect(webhookTrigger.parseProps({})).toEqual({ ok: true, props: { responseMode: 'async' } });
    expect(webhookTrigger.validateParams({ responseMode: 'sync' })).toEqual([]);
    expect(webhookTrigger.validateParams({ responseMode: 'later' })).toEqual([
      { path: 'responseMode', message: 'Respond must be one of async or sync.' },
    ]);
  });
});
