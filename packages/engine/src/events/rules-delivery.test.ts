import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError } from '../patterns/index.ts';
import { createMemoryEventArchiveStore } from './memory-archive.ts';
import { entry, testBus } from './test-helpers.ts';

describe('rules: matching and delivery', () => {
  it('delivers an event to every target of every enabled rule it matches, and to no other', async () => {
    const { bus, delivered } = testBus();
    await bus.putRule({
      name: 'big-orders',
      eventPattern: { source: ['shop'], detail: { total: [{ numeric: ['>=', 100] }] } },
      targets: [{ id: 'notify' }, { id: 'crm' }],
    });
    await bus.putRule({
      name: 'any-order',
      eventPattern: '{"detail-type":["order.placed"]}',
      targets: [{ id: 'log' }],
    });
    await bus.putRule({
      name: 'refunds',
      eventPattern: { 'detail-type': ['order.refunded'] },
      targets: [{ id: 'x' }],
    });
    await bus.putEvents([
      entry('shop', 'order.placed', { total: 250 }),
      entry('shop', 'order.placed', { total: 20 }),
    ]);
    await bus.drain();
    const seen = delivered.map((d) => `${d.rule}/${d.target}/${(d.event.detail as { total: number }).total}`);
    expect(seen.sort()).toEqual([
      'any-order/log/20',
      'any-order/log/250',
      'big-orders/crm/250',
      'big-orders/notify/250',
    ]);
  });

  it('skips disabled rules and picks them up again once enabled', async () => {
    const { bus, delivered } = testBus();
    const rule = { name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] };
    await bus.putRule({ ...rule, state: 'DISABLED' });
    await bus.putEvents([entry('shop', 'a')]);
    await bus.drain();
    expect(delivered).toHaveLength(0);
    await bus.putRule({ ...rule, state: 'ENABLED' });
    await bus.putEvents([entry('shop', 'b')]);
    await bus.drain();
    expect(delivered.map((d) => d.event['detail-type'])).toEqual(['b']);
  });

  it('stops delivering to a deleted rule; deleting a missing rule succeeds', async () => {
    const { bus, delivered } = testBus();
    await bus.putRule({ name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    await bus.deleteRule('r');
    await bus.deleteRule('r');
    await bus.putEvents([entry('shop', 'a')]);
    await bus.drain();
    expect(delivered).toHaveLength(0);
    expect(await bus.listRules()).toEqual([]);
  });

  it('lists rules with their pattern text, state, ARN and targets', async () => {
    const { bus } = testBus();
    const { RuleArn } = await bus.putRule({
      name: 'b-rule',
      eventPattern: { source: ['shop'] },
      state: 'DISABLED',
      description: 'orders',
      targets: [{ id: 't', stateMachineArn: 'arn:sm' }],
    });
    await bus.putRule({ name: 'a-rule', eventPattern: '{ "source": ["x"] }' });
    expect(RuleArn).toBe('arn:aws:events:eu-west-1:123456789012:rule/b-rule');
    const rules = await bus.listRules();
    expect(rules.map((r) => r.Name)).toEqual(['a-rule', 'b-rule']);
    expect(rules[0]).toMatchObject({ EventPattern: '{ "source": ["x"] }', State: 'ENABLED', Targets: [] });
    expect(rules[1]).toEqual({
      Name: 'b-rule',
      Arn: RuleArn,
      EventPattern: '{"source":["shop"]}',
      State: 'DISABLED',
      Description: 'orders',
      EventBusName: 'default',
      Targets: [{ id: 't', stateMachineArn: 'arn:sm' }],
    });
    expect((await bus.listRules({ namePrefix: 'a' })).map((r) => r.Name)).toEqual(['a-rule']);
  });

  it('rejects an invalid pattern with AWS InvalidEventPatternException message and keeps the old rule', async () => {
    const { bus } = testBus();
    await bus.putRule({ name: 'r', eventPattern: { source: ['shop'] } });
    const error = await bus.putRule({ name: 'r', eventPattern: '{"source":"shop"}' }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect(error.name).toBe('InvalidEventPatternException');
    expect(error.message).toMatch(
      /^Event pattern is not valid\. Reason: "source" must be an object or an array/,
    );
    expect((await bus.listRules())[0].EventPattern).toBe('{"source":["shop"]}');
  });

  it('validates names, state and targets like PutRule / PutTargets', async () => {
    const { bus } = testBus();
    await expect(bus.putRule({ name: 'bad name', eventPattern: { source: ['x'] } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value 'bad name' at 'name' failed to satisfy constraint"),
    });
    await expect(bus.putRule({ name: 'r', eventPattern: undefined })).rejects.toMatchObject({
      message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    });
    await expect(
      bus.putRule({ name: 'r', eventPattern: { source: ['x'] }, state: 'PAUSED' as 'ENABLED' }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('enum value set'),
    });
    await expect(
      bus.putRule({
        name: 'r',
        eventPattern: { source: ['x'] },
        targets: Array.from({ length: 6 }, (_, i) => ({ id: `t${i}` })),
      }),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    await expect(
      bus.putRule({
        name: 'r',
        eventPattern: { source: ['x'] },
        targets: [{ id: 't', retryPolicy: { maximumRetryAttempts: 186 } }],
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await bus.listRules()).toEqual([]);
  });
});

describe('delivery failures', () => {
  it('retries a failing target with growing back-off until it succeeds, without holding up other targets', async () => {
    let failures = 3;
    const { bus, delivered, clock } = testBus({
      fail: (target) => target.id === 'flaky' && failures-- > 0,
    });
    await bus.putRule({
      name: 'r',
      eventPattern: { source: ['shop'] },
      targets: [{ id: 'flaky' }, { id: 'steady' }],
    });
    const start = clock.now();
    await bus.putEvents([entry('shop', 'a')]);
    await bus.drain();
    expect(delivered.map((d) => [d.target, d.attempt, d.at - start])).toEqual([
      ['steady', 1, 0],
      ['flaky', 4, 1000 + 2000 + 4000],
    ]);
    expect(await bus.listFailedDeliveries()).toEqual([]);
  });

  it('records a delivery as FAILED once its retry policy is spent, and keeps the event', async () => {
    const failed: string[] = [];
    const { bus, delivered, archive } = testBus({
      fail: () => true,
      onDeliveryFailed: (record) => failed.push(record.target.id),
    });
    await bus.putRule({
      name: 'r',
      eventPattern: { source: ['shop'] },
      targets: [{ id: 'down', retryPolicy: { maximumRetryAttempts: 2 } }],
    });
    await bus.putEvents([entry('shop', 'a', { n: 1 })]);
    await bus.drain();
    expect(delivered).toEqual([]);
    expect(failed).toEqual(['down']);
    const records = await bus.listFailedDeliveries();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      ruleName: 'r',
      status: 'FAILED',
      attempts: 3,
      lastError: 'Error: target down is down',
      event: { detail: { n: 1 } },
    });
    expect(await archive.countEvents('default')).toBe(1);
    expect(await archive.listDeliveries('default', 'PENDING')).toEqual([]);
  });

  it('gives up when the event is older than maximumEventAgeInSeconds', async () => {
    const { bus } = testBus({ fail: () => true, backoff: { initialDelayMs: 30_000, maxDelayMs: 30_000 } });
    await bus.putRule({
      name: 'r',
      eventPattern: { source: ['shop'] },
      targets: [{ id: 'down', retryPolicy: { maximumEventAgeInSeconds: 60 } }],
    });
    await bus.putEvents([entry('shop', 'a')]);
    await bus.drain();
    const [record] = await bus.listFailedDeliveries();
    // attempts at 0, 30 and 60 s (60 s old is not older than 60 s); one at 90 s would be
    expect(record.attempts).toBe(3);
  });

  it('answers putEvents before a slow target finishes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { bus } = testBus({ deliver: () => gate });
    await bus.putRule({ name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 'slow' }] });
    const result = await bus.putEvents([entry('shop', 'a')]);
    expect(result.FailedEntryCount).toBe(0);
    let drained = false;
    const draining = bus.drain().then(() => {
      drained = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    release();
    await draining;
    expect(drained).toBe(true);
  });

  it('resumes stored pending deliveries when a bus starts on the same archive', async () => {
    const archive = createMemoryEventArchiveStore();
    let up = false;
    const first = testBus({ archive, fail: () => !up, backoff: { initialDelayMs: 3_600_000 } });
    await first.bus.putRule({ name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    await first.bus.putEvents([entry('shop', 'a', { n: 7 })]);
    await new Promise((r) => setImmediate(r));
    await first.bus.close(); // "crash" while the retry waits
    expect(await archive.listDeliveries('default', 'PENDING')).toHaveLength(1);

    up = true;
    const second = testBus({ archive });
    await second.bus.drain();
    expect(second.delivered.map((d) => [d.rule, d.target, d.attempt, d.event.detail])).toEqual([
      ['r', 't', 2, { n: 7 }],
    ]);
    expect(await archive.listDeliveries('default', 'PENDING')).toEqual([]);
  });
});

describe('testEventPattern', () => {
  const event = {
    id: '1',
    account: '123456789012',
    source: 'shop',
    time: '2026-03-01T09:00:00Z',
    region: 'eu-west-1',
    'detail-type': 'order.placed',
    resources: [],
    detail: { total: 5 },
  };

  it('answers Result for a matching and a non-matching pattern, from text or values', async () => {
    const { bus } = testBus();
    expect(
      await bus.testEventPattern('{"detail":{"total":[{"numeric":[">",1]}]}}', JSON.stringify(event)),
    ).toEqual({
      Result: true,
    });
    expect(await bus.testEventPattern({ source: ['other'] }, event)).toEqual({ Result: false });
  });

  it('rejects an invalid pattern before looking at the event, and an event missing envelope fields', async () => {
    const { bus } = testBus();
    await expect(bus.testEventPattern('{"source":"shop"}', 'not json')).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
    await expect(bus.testEventPattern({ source: ['shop'] }, 'not json')).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Event is not valid.',
    });
    const { region: _, ...noRegion } = event;
    await expect(bus.testEventPattern({ source: ['shop'] }, noRegion)).rejects.toMatchObject({
      message: 'Parameter Event is not valid.',
    });
    const { resources: __, ...noResources } = event;
    expect(await bus.testEventPattern({ source: ['shop'] }, noResources)).toEqual({ Result: true });
  });
});
