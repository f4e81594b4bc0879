import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../runtime/index.ts';
import { entry, testBus } from './test-helpers.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

/** Lets the virtual clock run to `at` (it only moves when a timer is due). */
function advanceTo(clock: ReturnType<typeof createVirtualClock>, at: number) {
  return new Promise<void>((resolve) => clock.setTimer(at, resolve));
}

describe('archive retention', () => {
  it('prunes events archived longer ago than the retention period, by the bus clock', async () => {
    const clock = createVirtualClock(T0);
    const { bus, archive } = testBus({ clock, retentionDays: 7 });
    await bus.putEvents([entry('shop', 'day0')]);
    await advanceTo(clock, T0 + 3 * DAY);
    await bus.putEvents([entry('shop', 'day3')]);
    await advanceTo(clock, T0 + 7 * DAY);
    expect(await bus.pruneArchive()).toBe(0); // exactly 7 days old: still kept
    await advanceTo(clock, T0 + 7 * DAY + 1);
    expect(await bus.pruneArchive()).toBe(1);
    const left = await archive.listEvents({ busName: 'default', from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(left.map((e) => e.event['detail-type'])).toEqual(['day3']);
  });

  it('prunes on its own as events keep arriving, at most once per prune interval', async () => {
    const clock = createVirtualClock(T0);
    const { bus, archive } = testBus({ clock, retentionDays: 1, pruneIntervalMs: 3_600_000 });
    await bus.putEvents([entry('shop', 'old')]);
    await advanceTo(clock, T0 + 2 * DAY);
    await bus.putEvents([entry('shop', 'new')]);
    await bus.drain();
    expect(await archive.countEvents('default')).toBe(1);
  });

  it('keeps events forever with retentionDays 0', async () => {
    const clock = createVirtualClock(T0);
    const { bus, archive } = testBus({ clock, retentionDays: 0 });
    await bus.putEvents([entry('shop', 'a')]);
    await advanceTo(clock, T0 + 400 * DAY);
    await bus.putEvents([entry('shop', 'b')]);
    expect(await bus.pruneArchive()).toBe(0);
    expect(await archive.countEvents('default')).toBe(2);
  });
});

describe('replay', () => {
  async function busWithHistory() {
    const t = testBus();
    await t.bus.putRule({ name: 'orders', eventPattern: { source: ['shop'] }, targets: [{ id: 'o' }] });
    await t.bus.putRule({
      name: 'live-only',
      eventPattern: { source: ['shop'], 'replay-name': [{ exists: false }] },
      targets: [{ id: 'l' }],
    });
    // Event times given explicitly and out of order across requests.
    const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 1, 1, 10, minute, second));
    await t.bus.putEvents([
      entry('shop', 'e3', {}, { Time: at(3) }),
      entry('shop', 'e1', {}, { Time: at(1) }),
      entry('shop', 'e2a', {}, { Time: at(2) }),
    ]);
    await t.bus.putEvents([
      entry('shop', 'e2b', {}, { Time: at(2) }),
      entry('shop', 'e5', {}, { Time: at(5) }),
    ]);
    await t.bus.drain();
    t.delivered.length = 0;
    return { ...t, at };
  }

  it('re-delivers the events of [from, to) in time order (accept order for equal times), marked with replay-name', async () => {
    const { bus, delivered, at } = await busWithHistory();
    const result = await bus.replay({ name: 'fix-1', from: at(1), to: at(5) });
    await bus.drain();
    expect(delivered.map((d) => d.event['detail-type'])).toEqual(['e1', 'e2a', 'e2b', 'e3']);
    expect(delivered.every((d) => d.event['replay-name'] === 'fix-1' && d.rule === 'orders')).toBe(true);
    expect(result).toMatchObject({
      ReplayName: 'fix-1',
      ReplayArn: 'arn:aws:events:eu-west-1:123456789012:replay/fix-1',
      State: 'COMPLETED',
      EventStartTime: at(1),
      EventEndTime: at(5),
      EventLastReplayedTime: at(3),
      ReplayedEventCount: 4,
    });
  });

  it('keeps the original event ids and does not archive replayed events again', async () => {
    const { bus, delivered, archive, at } = await busWithHistory();
    const before = await archive.listEvents({ busName: 'default', from: 0, to: Number.MAX_SAFE_INTEGER });
    await bus.replay({ name: 'again', from: at(0), to: at(10) });
    await bus.drain();
    expect(delivered.map((d) => d.event.id)).toEqual(before.map((e) => e.event.id));
    expect(await archive.countEvents('default')).toBe(before.length);
  });

  it('replays only to the named rules', async () => {
    const { bus, delivered, at } = await busWithHistory();
    await bus.putRule({ name: 'audit', eventPattern: { source: ['shop'] }, targets: [{ id: 'a' }] });
    await bus.replay({ name: 'audit-only', from: at(0), to: at(10), ruleNames: ['audit'] });
    await bus.drain();
    expect(new Set(delivered.map((d) => d.rule))).toEqual(new Set(['audit']));
    expect(delivered).toHaveLength(5);
    await expect(bus.replay({ from: at(0), to: at(10), ruleNames: ['nope'] })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule nope does not exist on EventBus default.',
    });
  });

  it('rejects an empty or reversed range with AWS message, and a bad replay name', async () => {
    const { bus, at } = await busWithHistory();
    await expect(bus.replay({ name: 'r', from: at(5), to: at(5) })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    });
    await expect(bus.replay({ name: 'no spaces', from: at(1), to: at(5) })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('replays nothing that retention has already dropped', async () => {
    const clock = createVirtualClock(T0);
    const { bus, delivered } = testBus({ clock, retentionDays: 1 });
    await bus.putRule({ name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    await bus.putEvents([entry('shop', 'old')]);
    await bus.drain();
    await advanceTo(clock, T0 + 2 * DAY);
    const result = await bus.replay({ name: 'late', from: T0 - DAY, to: T0 + 3 * DAY });
    await bus.drain();
    expect(result.ReplayedEventCount).toBe(0);
    expect(delivered.map((d) => d.event['replay-name'])).toEqual([undefined]);
  });

  it('keeps the order across many pages of archive (1,050 events, shuffled times)', async () => {
    const { bus, delivered } = testBus();
    await bus.putRule({ name: 'r', eventPattern: { source: ['bulk'] }, targets: [{ id: 't' }] });
    const times = Array.from({ length: 1050 }, (_, i) => T0 - ((i * 7919) % 1050) * 1000);
    for (let i = 0; i < times.length; i += 10) {
      await bus.putEvents(
        times.slice(i, i + 10).map((t, k) => entry('bulk', 'n', { n: i + k }, { Time: new Date(t) })),
      );
    }
    await bus.drain();
    delivered.length = 0;
    const result = await bus.replay({ name: 'bulk', from: T0 - 2_000_000, to: T0 + 1 });
    await bus.drain();
    expect(result.ReplayedEventCount).toBe(1050);
    const replayedTimes = delivered.map((d) => Date.parse(d.event.time));
    expect(replayedTimes).toEqual([...times].sort((a, b) => a - b));
  });
});
