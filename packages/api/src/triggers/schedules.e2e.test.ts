// Schedule triggers end to end through the API, on a stepped clock: runs appear exactly once per
// slot, disabling and deleting stop them, a restart neither loses nor repeats a slot, and after
// downtime `fire_once` folds the missed slots into one run.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../testing/harness.ts';
import { clockedApp, deployed, finishedRuns, line, runsOf } from './test-support.ts';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps) await t.close();
  apps = [];
});

const daily = (missedPolicy: 'fire_once' | 'skip' = 'fire_once') =>
  line(
    {
      id: 'every_morning',
      type: 'trigger.schedule',
      // 09:00 in Paris is 08:00Z in winter.
      params: { expression: 'cron(0 9 * * ? *)', timezone: 'Europe/Paris', missedPolicy },
    },
    { id: 'note', type: 'data.transform', params: { output: '{% $trigger %}' } },
  );

/** The slots the runs stood for, in time order (runs list by start time, which the API's own clock sets). */
const slots = (runs: { output: { scheduledTime: string } }[]) =>
  runs.map((r) => r.output.scheduledTime).sort();

describe('schedule triggers through the API', () => {
  it('runs once per slot over days, survives a restart without a double fire, and stops when disabled or deleted', async () => {
    const first = clockedApp('2026-01-05T00:00:00Z');
    apps.push(first);
    const owner = await first.signup();
    const wf = await deployed(first, owner, 'Morning digest', daily());
    first.deps.host!.scheduler.start();
    await first.hostClock.advanceTo('2026-01-08T00:00:00Z');
    await first.deps.host!.scheduler.stop();
    const three = await finishedRuns(first, owner, wf, 3);
    expect(slots(three)).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-01-06T08:00:00.000Z',
      '2026-01-07T08:00:00.000Z',
    ]);
    expect(three.every((r) => r.status === 'SUCCEEDED' && r.trigger === 'schedule')).toBe(true);
    await first.close({ keepData: true });

    // Same data directory, a new process, right where the old one stopped.
    const second = clockedApp('2026-01-08T00:00:00Z', first.dataDir);
    apps = [second];
    second.deps.host!.scheduler.start();
    await second.hostClock.advanceTo('2026-01-09T00:00:00Z');
    await second.deps.host!.scheduler.stop();
    const four = await finishedRuns(second, owner, wf, 4);
    expect(slots(four)).toEqual([...slots(three), '2026-01-08T08:00:00.000Z']);

    second.deps.host!.scheduler.start();
    expect((await second.call('POST', `/api/v1/workflows/${wf}/disable`, { as: owner })).status).toBe(200);
    await second.hostClock.advanceTo('2026-01-11T00:00:00Z');
    expect(await runsOf(second, owner, wf)).toHaveLength(4);

    expect((await second.call('POST', `/api/v1/workflows/${wf}/enable`, { as: owner })).status).toBe(200);
    await second.hostClock.advanceTo('2026-01-12T00:00:00Z');
    await second.deps.host!.scheduler.stop();
    // Slots passed while disabled are not "missed": only Sunday's fires.
    expect(slots(await finishedRuns(second, owner, wf, 5))).toEqual([
      ...slots(four),
      '2026-01-11T08:00:00.000Z',
    ]);

    second.deps.host!.scheduler.start();
    expect((await second.call('DELETE', `/api/v1/workflows/${wf}`, { as: owner })).status).toBe(204);
    await second.hostClock.advanceTo('2026-01-14T00:00:00Z');
    await second.deps.host!.scheduler.stop();
    const after = await second.call('GET', `/api/v1/runs?workflowId=${wf}`, { as: owner });
    expect(after.body.items).toHaveLength(5);
  });

  it('after downtime fires once for the missed slots (fire_once) or skips them (skip)', async () => {
    const first = clockedApp('2026-01-05T00:00:00Z');
    apps.push(first);
    const owner = await first.signup();
    const once = await deployed(first, owner, 'Catch up', daily('fire_once'));
    const skip = await deployed(first, owner, 'Skip', daily('skip'));
    await first.close({ keepData: true });

    // Down from Monday 00:00 to Thursday 00:00: Monday, Tuesday and Wednesday's slots are missed.
    const back = clockedApp('2026-01-08T00:00:00Z', first.dataDir);
    apps = [back];
    back.deps.host!.scheduler.start();
    await back.hostClock.advanceTo('2026-01-08T01:00:00Z');
    await back.deps.host!.scheduler.stop();
    const [caughtUp] = await finishedRuns(back, owner, once, 1);
    expect(caughtUp.output).toEqual({
      scheduledTime: '2026-01-07T08:00:00.000Z',
      attempt: 1,
      missedSlots: 2,
    });
    expect(await runsOf(back, owner, skip)).toEqual([]);
  });

  it('previews the next five fire times for the editor, with AWS’s message for a bad expression', async () => {
    const t = clockedApp('2026-01-05T00:00:00Z');
    apps.push(t);
    const owner = await t.signup();
    // The API's clock says 2026-01-05T09:00Z (a Monday).
    const preview = await t.call(
      'GET',
      `/api/v1/schedules/preview?expression=${encodeURIComponent('cron(30 8 ? * MON-FRI *)')}&timezone=America/New_York`,
      { as: owner },
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      expression: 'cron(30 8 ? * MON-FRI *)',
      timezone: 'America/New_York',
      kind: 'cron',
      fireTimes: [
        '2026-01-05T13:30:00.000Z',
        '2026-01-06T13:30:00.000Z',
        '2026-01-07T13:30:00.000Z',
        '2026-01-08T13:30:00.000Z',
        '2026-01-09T13:30:00.000Z',
      ],
    });
    const bad = await t.call('GET', '/api/v1/schedules/preview?expression=rate(1%20minutes)', { as: owner });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({
        location: 'query',
        path: 'expression',
        message: expect.stringMatching(/^Invalid Schedule Expression rate\(1 minutes\)\./),
      }),
    ]);
    const zone = await t.call(
      'GET',
      '/api/v1/schedules/preview?expression=rate(1%20hour)&timezone=Nowhere/Land',
      { as: owner },
    );
    expect(zone.body.errors[0]).toMatchObject({ path: 'timezone' });
  });
});
