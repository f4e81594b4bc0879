import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../runtime/index.ts';
import { createMemoryEventArchiveStore } from './memory-archive.ts';
import { entry, testBus } from './test-helpers.ts';
import { EVENT_WAIT_TIMEOUT_ERROR } from './waits.ts';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

function fakeRuntime(options: { rejectSuccess?: boolean } = {}) {
  const calls: {
    kind: 'success' | 'failure';
    taskToken: string;
    output?: unknown;
    error?: string;
    cause?: string;
  }[] = [];
  return {
    calls,
    taskTokens: {
      async sendTaskSuccess({ taskToken, output }: { taskToken: string; output: string }) {
        calls.push({ kind: 'success', taskToken, output: JSON.parse(output) });
        if (options.rejectSuccess) throw Object.assign(new Error('Task Timed Out'), { name: 'TaskTimedOut' });
        return {};
      },
      async sendTaskFailure({
        taskToken,
        error,
        cause,
      }: {
        taskToken: string;
        error?: string;
        cause?: string;
      }) {
        calls.push({ kind: 'failure', taskToken, error, cause });
        return {};
      },
    },
  };
}

describe('wait for event', () => {
  it('resolves the task token with the first matching event, once', async () => {
    const runtime = fakeRuntime();
    const { bus, archive } = testBus({ taskTokens: runtime.taskTokens });
    await bus.waitForEvent({
      taskToken: 'tok-1',
      pattern: { source: ['crm'], detail: { dealId: ['42'] } },
      timeoutSeconds: 3600,
    });
    const { Entries } = await bus.putEvents([
      entry('crm', 'deal.won', { dealId: '41' }),
      entry('crm', 'deal.won', { dealId: '42' }),
      entry('crm', 'deal.won', { dealId: '42', second: true }),
    ]);
    await bus.drain();
    expect(runtime.calls).toHaveLength(1);
    expect(runtime.calls[0]).toMatchObject({
      kind: 'success',
      taskToken: 'tok-1',
      output: { id: (Entries[1] as { EventId: string }).EventId, source: 'crm', detail: { dealId: '42' } },
    });
    expect(await archive.listWaits('default')).toEqual([]);
    await bus.putEvents([entry('crm', 'deal.won', { dealId: '42' })]);
    await bus.drain();
    expect(runtime.calls).toHaveLength(1);
  });

  it('fails the token with Events.Timeout when nothing matches in time', async () => {
    const runtime = fakeRuntime();
    const clock = createVirtualClock(T0);
    const { bus, archive } = testBus({ clock, taskTokens: runtime.taskTokens });
    await bus.waitForEvent({ taskToken: 'tok-2', pattern: { source: ['crm'] }, timeoutSeconds: 90 });
    await bus.putEvents([entry('shop', 'other')]);
    await new Promise<void>((resolve) => clock.setTimer(T0 + 91_000, resolve));
    await bus.drain();
    expect(runtime.calls).toEqual([
      {
        kind: 'failure',
        taskToken: 'tok-2',
        error: EVENT_WAIT_TIMEOUT_ERROR,
        cause: 'No event matching the pattern arrived within 90 seconds.',
      },
    ]);
    expect(EVENT_WAIT_TIMEOUT_ERROR).toBe('Events.Timeout');
    expect(await archive.listWaits('default')).toEqual([]);
  });

  it('survives a restart: a new bus on the same archive still resolves the stored wait', async () => {
    const archive = createMemoryEventArchiveStore();
    const runtime = fakeRuntime();
    const first = testBus({ archive, taskTokens: runtime.taskTokens });
    await first.bus.waitForEvent({
      taskToken: 'tok-3',
      pattern: '{"detail-type":["approved"]}',
      timeoutSeconds: 86_400,
    });
    await first.bus.close();

    const second = testBus({ archive, taskTokens: runtime.taskTokens });
    await second.bus.putEvents([entry('review', 'approved', { by: 'ana' })]);
    await second.bus.drain();
    expect(runtime.calls).toMatchObject([
      { kind: 'success', taskToken: 'tok-3', output: { detail: { by: 'ana' } } },
    ]);
  });

  it('times out on restart a stored wait whose time ran out while the bus was down', async () => {
    const archive = createMemoryEventArchiveStore();
    const runtime = fakeRuntime();
    const clock1 = createVirtualClock(T0);
    const first = testBus({ archive, clock: clock1, taskTokens: runtime.taskTokens });
    await first.bus.waitForEvent({ taskToken: 'tok-4', pattern: { source: ['x'] }, timeoutSeconds: 60 });
    await first.bus.close();

    const second = testBus({
      archive,
      clock: createVirtualClock(T0 + 3_600_000),
      taskTokens: runtime.taskTokens,
    });
    await new Promise((r) => setImmediate(r));
    await second.bus.drain();
    expect(runtime.calls).toMatchObject([{ kind: 'failure', taskToken: 'tok-4', error: 'Events.Timeout' }]);
  });

  it('drops the registration even when the runtime says the token is gone', async () => {
    const runtime = fakeRuntime({ rejectSuccess: true });
    const errors: unknown[] = [];
    const { bus, archive } = testBus({ taskTokens: runtime.taskTokens, onError: (e) => errors.push(e) });
    await bus.waitForEvent({ taskToken: 'tok-5', pattern: { source: ['x'] }, timeoutSeconds: 60 });
    await bus.putEvents([entry('x', 'y')]);
    await bus.drain();
    expect(errors).toMatchObject([{ name: 'TaskTimedOut' }]);
    expect(await archive.listWaits('default')).toEqual([]);
  });

  it('cancels a wait without calling back, and ignores replayed events', async () => {
    const runtime = fakeRuntime();
    const { bus } = testBus({ taskTokens: runtime.taskTokens });
    await bus.putEvents([entry('x', 'early', {}, { Time: new Date(T0 - 60_000) })]);
    await bus.waitForEvent({ taskToken: 'a', pattern: { source: ['x'] }, timeoutSeconds: 60 });
    await bus.replay({ name: 'r', from: T0 - 120_000, to: T0 });
    await bus.drain();
    expect(runtime.calls).toEqual([]);
    await bus.cancelWaitForEvent('a');
    await bus.putEvents([entry('x', 'y')]);
    await bus.drain();
    expect(runtime.calls).toEqual([]);
  });

  it('rejects a bad pattern, token or timeout', async () => {
    const { bus } = testBus({ taskTokens: fakeRuntime().taskTokens });
    await expect(
      bus.waitForEvent({ taskToken: 't', pattern: '{"source":"x"}', timeoutSeconds: 5 }),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
    await expect(
      bus.waitForEvent({ taskToken: '', pattern: { source: ['x'] }, timeoutSeconds: 5 }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      bus.waitForEvent({ taskToken: 't', pattern: { source: ['x'] }, timeoutSeconds: 0 }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
