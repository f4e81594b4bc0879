import { describe, expect, it } from 'vitest';
import { entry, testBus } from './test-helpers.ts';

describe('putEvents answers like PutEvents', () => {
  it('answers each entry in order, with ids for good entries and AWS errors for bad ones', async () => {
    const { bus, archive } = testBus();
    const result = await bus.putEvents([
      entry('shop', 'order.placed', { id: 1 }),
      { DetailType: 'order.placed', Detail: '{}' },
      entry('shop', 'order.placed', { id: 2 }),
      { Source: 'shop', DetailType: 'order.placed', Detail: '[1,2]' },
      { Source: 'shop', Detail: '{}' },
    ]);
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries).toHaveLength(5);
    expect(result.Entries[0]).toEqual({ EventId: expect.any(String) });
    expect(result.Entries[1]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(result.Entries[2]).toEqual({ EventId: expect.any(String) });
    expect(result.Entries[3]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(result.Entries[4]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    });
    expect(await archive.countEvents('default')).toBe(2);
  });

  it('rejects 11 entries as a whole with ValidationException and archives nothing', async () => {
    const { bus, archive } = testBus();
    const entries = Array.from({ length: 11 }, (_, i) => entry('shop', 'order.placed', { i }));
    const error = await bus.putEvents(entries).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ValidationException');
    expect((error as Error).message).toMatch(
      /^1 validation error detected: Value '\[PutEventsRequestEntry\(time=null, source=shop, .*\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
    expect(await archive.countEvents('default')).toBe(0);
  });

  it('accepts exactly 10 entries and rejects an empty request', async () => {
    const { bus } = testBus();
    const ten = await bus.putEvents(Array.from({ length: 10 }, (_, i) => entry('shop', 'x', { i })));
    expect(ten.FailedEntryCount).toBe(0);
    expect(new Set(ten.Entries.map((e) => ('EventId' in e ? e.EventId : '')))).toHaveProperty('size', 10);
    await expect(bus.putEvents([])).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length greater than or equal to 1'),
    });
  });

  it('rejects a request whose entries add up to more than 256 KiB', async () => {
    const { bus } = testBus();
    const big = 'x'.repeat(100 * 1024);
    await expect(bus.putEvents([1, 2, 3].map((i) => entry('shop', 'big', { i, big })))).rejects.toMatchObject(
      { name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.' },
    );
  });

  it('builds the EventBridge envelope with the bus account and region and the clock time', async () => {
    const { bus, clock, delivered } = testBus();
    await bus.putRule({ name: 'all', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    const { Entries } = await bus.putEvents([
      entry('shop', 'order.placed', { total: 5 }, { Resources: ['arn:x'] }),
    ]);
    await bus.drain();
    expect(delivered).toHaveLength(1);
    expect(delivered[0].event).toEqual({
      version: '0',
      id: (Entries[0] as { EventId: string }).EventId,
      'detail-type': 'order.placed',
      source: 'shop',
      account: '123456789012',
      time: new Date(Date.UTC(2026, 2, 1, 9, 0, 0)).toISOString().replace('.000', ''),
      region: 'eu-west-1',
      resources: ['arn:x'],
      detail: { total: 5 },
    });
    expect(clock.now()).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 1, 9, 0, 0));
  });

  it('answers an entry for another bus with an id but neither archives nor routes it', async () => {
    const { bus, archive, delivered } = testBus();
    await bus.putRule({ name: 'all', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    const result = await bus.putEvents([entry('shop', 'x', {}, { EventBusName: 'elsewhere' })]);
    await bus.drain();
    expect(result).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(delivered).toEqual([]);
    expect(await archive.countEvents('default')).toBe(0);
  });
});
