import { describe, expect, it } from 'vitest';
import { platformEvent } from './platform-events.ts';
import { testBus } from './test-helpers.ts';

describe('platform events', () => {
  it('builds a PutEvents entry with source flowdeck, the type as detail-type and the organization in the detail', () => {
    const e = platformEvent(
      'run.failed',
      {
        workflowId: 'wf_1',
        executionArn: 'arn:aws:states:local:0:execution:wf_1:run-9',
        startedAt: '2026-03-01T09:00:00Z',
        stoppedAt: '2026-03-01T09:00:05Z',
        durationMs: 5000,
        error: 'RateLimited',
        cause: 'LinkedIn answered 429',
        nodeId: 'post',
      },
      { organizationId: 'org_7' },
    );
    expect(e.Source).toBe('flowdeck');
    expect(e.DetailType).toBe('run.failed');
    expect(e.Resources).toEqual(['arn:aws:states:local:0:execution:wf_1:run-9']);
    expect(JSON.parse(e.Detail!)).toEqual({
      workflowId: 'wf_1',
      executionArn: 'arn:aws:states:local:0:execution:wf_1:run-9',
      startedAt: '2026-03-01T09:00:00Z',
      stoppedAt: '2026-03-01T09:00:05Z',
      durationMs: 5000,
      error: 'RateLimited',
      cause: 'LinkedIn answered 429',
      nodeId: 'post',
      organizationId: 'org_7',
    });
  });

  it('lets a "notify me when a run fails" rule of one organization see only its own events', async () => {
    const { bus, delivered } = testBus();
    await bus.putRule({
      name: 'org7-failures',
      eventPattern: {
        source: ['flowdeck'],
        'detail-type': ['run.failed'],
        detail: { organizationId: ['org_7'] },
      },
      targets: [{ id: 'notify' }],
    });
    const run = {
      workflowId: 'wf',
      executionArn: 'arn:x',
      startedAt: '2026-03-01T09:00:00Z',
      stoppedAt: '2026-03-01T09:00:01Z',
      durationMs: 1000,
    };
    const result = await bus.putEvents([
      platformEvent('run.failed', { ...run, error: 'X' }, { organizationId: 'org_7' }),
      platformEvent('run.failed', { ...run, error: 'X' }, { organizationId: 'org_8' }),
      platformEvent('run.succeeded', run, { organizationId: 'org_7' }),
      platformEvent(
        'connection.expired',
        { connectionId: 'c', provider: 'linkedin', expiredAt: '2026-03-01T00:00:00Z' },
        { organizationId: 'org_7' },
      ),
      platformEvent(
        'workflow.deployed',
        { workflowId: 'wf', version: 3, triggers: ['event'] },
        { organizationId: 'org_7' },
      ),
    ]);
    await bus.drain();
    expect(result.FailedEntryCount).toBe(0);
    expect(delivered.map((d) => [d.event['detail-type'], d.event.detail.organizationId])).toEqual([
      ['run.failed', 'org_7'],
    ]);
  });

  it('never lets a detail field override the organization, and refuses unknown types or a missing organization', () => {
    const sneaky = { workflowId: 'wf', version: 1, triggers: [], organizationId: 'org_other' };
    const e = platformEvent('workflow.deployed', sneaky, { organizationId: 'org_1' });
    expect(JSON.parse(e.Detail!).organizationId).toBe('org_1');
    expect(() => platformEvent('run.exploded' as 'run.failed', {} as never, { organizationId: 'o' })).toThrow(
      /Unknown platform event type "run.exploded"/,
    );
    expect(() => platformEvent('workflow.deployed', sneaky, { organizationId: '' })).toThrow(
      /organizationId/,
    );
  });
});
