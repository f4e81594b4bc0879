// Events end to end through the API: PutEvents answers per entry, an organisation's rules never
// see another's events, platform events start "notify me when…" workflows, replays are for
// admins and audited, and archive retention is per organisation.
import { afterEach, describe, expect, it } from 'vitest';
import { memberWithRole, type TestApp } from '../testing/harness.ts';
import { clockedApp, deployed, finishedRuns, line, runsOf } from './test-support.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const entry = (source: string, detailType: string, detail: unknown, extra = {}) => ({
  Source: source,
  DetailType: detailType,
  Detail: JSON.stringify(detail),
  ...extra,
});

const onOrderPaid = line(
  {
    id: 'paid',
    type: 'trigger.event',
    params: { pattern: { source: ['shop'], 'detail-type': ['order.paid'] } },
  },
  { id: 'note', type: 'data.transform', params: { output: '{% $trigger.detail %}' } },
);

describe('POST /api/v1/events', () => {
  it('answers each entry like PutEvents and refuses the reserved flowdeck source', async () => {
    const app = clockedApp('2026-03-02T09:00:00Z');
    t = app;
    const owner = await app.signup();
    const res = await app.call('POST', '/api/v1/events', {
      as: owner,
      body: {
        Entries: [
          entry('shop', 'order.paid', { orderId: 'o-1' }),
          { Source: 'shop', Detail: '{}' },
          entry('flowdeck', 'run.failed', { workflowId: 'x' }),
          { Source: 'shop', DetailType: 'order.paid', Detail: '[1]' },
          { Source: 'shop', DetailType: 'order.paid', Detail: { orderId: 'o-2' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.FailedEntryCount).toBe(3);
    expect(res.body.Entries[0]).toEqual({ EventId: expect.any(String) });
    expect(res.body.Entries[1]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    });
    expect(res.body.Entries[2]).toEqual({
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: 'You do not have permissions to publish events with this source onto this event bus.',
    });
    expect(res.body.Entries[3]).toEqual({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed.',
    });
    expect(res.body.Entries[4]).toEqual({ EventId: expect.any(String) });

    const tooMany = await app.call('POST', '/api/v1/events', {
      as: owner,
      body: { Entries: Array.from({ length: 11 }, () => entry('shop', 'x', {})) },
    });
    expect(tooMany.status).toBe(422);
    const viewer = await memberWithRole(app, owner, 'viewer');
    expect(
      (await app.call('POST', '/api/v1/events', { as: viewer, body: { Entries: [entry('a', 'b', {})] } }))
        .status,
    ).toBe(403);
  });

  it('starts the organisation’s event workflows with the event as $trigger, never another organisation’s', async () => {
    const app = clockedApp('2026-03-02T09:00:00Z');
    t = app;
    const acme = await app.signup('Ada', 'Acme');
    const rival = await app.signup('Bob', 'Rival');
    const wf = await deployed(app, acme, 'On paid', onOrderPaid);
    const rivalWf = await deployed(app, rival, 'Rival on paid', onOrderPaid);

    const put = await app.call('POST', '/api/v1/events', {
      as: rival,
      // Trying to pass as Acme: the organisation field is overwritten with the caller's.
      body: { Entries: [entry('shop', 'order.paid', { orderId: 'r-1', organizationId: acme.orgId })] },
    });
    expect(put.body.FailedEntryCount).toBe(0);
    const [rivalRun] = await finishedRuns(app, rival, rivalWf, 1);
    expect(rivalRun.output).toEqual({ orderId: 'r-1', organizationId: rival.orgId });

    const mine = await app.call('POST', '/api/v1/events', {
      as: acme,
      body: {
        Entries: [
          entry('shop', 'order.paid', { orderId: 'a-1' }),
          entry('shop', 'order.shipped', { orderId: 'a-1' }),
        ],
      },
    });
    const [run] = await finishedRuns(app, acme, wf, 1);
    await app.deps.host!.events.drain();
    expect(await runsOf(app, acme, wf)).toHaveLength(1);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      trigger: 'event',
      output: { orderId: 'a-1', organizationId: acme.orgId },
    });
    expect(run.input).toMatchObject({
      id: mine.body.Entries[0].EventId,
      source: 'shop',
      'detail-type': 'order.paid',
    });
    expect(await runsOf(app, rival, rivalWf)).toHaveLength(1);

    // Disabled: the rule is gone; enabled again: back.
    await app.call('POST', `/api/v1/workflows/${wf}/disable`, { as: acme });
    await app.call('POST', '/api/v1/events', {
      as: acme,
      body: { Entries: [entry('shop', 'order.paid', { orderId: 'a-2' })] },
    });
    await app.deps.host!.events.drain();
    expect(await runsOf(app, acme, wf)).toHaveLength(1);
    await app.call('POST', `/api/v1/workflows/${wf}/enable`, { as: acme });
    await app.call('POST', '/api/v1/events', {
      as: acme,
      body: { Entries: [entry('shop', 'order.paid', { orderId: 'a-3' })] },
    });
    const both = await finishedRuns(app, acme, wf, 2);
    expect(both.map((r) => r.output.orderId).sort()).toEqual(['a-1', 'a-3']);
  });

  it('runs a "when a run fails" workflow when another workflow of the organisation fails', async () => {
    const app = clockedApp('2026-03-02T09:00:00Z');
    t = app;
    const owner = await app.signup('Ada', 'Acme');
    const other = await app.signup('Bob', 'Rival');
    const failing = line(
      { id: 'start', type: 'trigger.manual' },
      { id: 'boom', type: 'logic.stop', params: { error: 'Feed.Empty', cause: 'No posts today' } },
    );
    const a = await deployed(app, owner, 'Daily post', failing);
    const otherA = await deployed(app, other, 'Their post', failing);
    const b = await deployed(
      app,
      owner,
      'Tell me',
      line(
        {
          id: 'failed',
          type: 'trigger.event',
          params: { pattern: { source: ['flowdeck'], 'detail-type': ['run.failed'] } },
        },
        {
          id: 'message',
          type: 'data.transform',
          params: { output: "{% $trigger.detail.workflowName & ': ' & $trigger.detail.error %}" },
        },
      ),
    );
    await app.call('POST', `/api/v1/workflows/${otherA}/runs`, { as: other, body: {} });
    await finishedRuns(app, other, otherA, 1);
    await app.call('POST', `/api/v1/workflows/${a}/runs`, { as: owner, body: {} });
    const [failed] = await finishedRuns(app, owner, a, 1);
    expect(failed.status).toBe('FAILED');
    const [notified] = await finishedRuns(app, owner, b, 1);
    expect(notified).toMatchObject({
      status: 'SUCCEEDED',
      trigger: 'event',
      output: 'Daily post: Feed.Empty',
    });
    expect(notified.input.detail).toMatchObject({
      workflowId: a,
      organizationId: owner.orgId,
      cause: 'No posts today',
    });
    await app.deps.host!.events.drain();
    expect(await runsOf(app, owner, b)).toHaveLength(1); // not for the other organisation's failure
  });

  it('replays a time range for admins (audited), once per replay name, within the organisation’s retention', async () => {
    const app = clockedApp('2026-03-02T09:00:00Z');
    t = app;
    const owner = await app.signup();
    const editor = await memberWithRole(app, owner, 'editor');
    const wf = await deployed(app, owner, 'On paid', onOrderPaid);
    await app.call('POST', '/api/v1/events', {
      as: owner,
      body: {
        Entries: [
          entry('shop', 'order.paid', { orderId: 'old' }, { Time: '2026-03-01T10:00:00Z' }),
          entry('shop', 'order.paid', { orderId: 'recent' }, { Time: '2026-03-02T08:00:00Z' }),
        ],
      },
    });
    await finishedRuns(app, owner, wf, 2);
    const range = { from: '2026-03-02T00:00:00Z', to: '2026-03-02T09:00:00Z', name: 'fix-1' };
    expect((await app.call('POST', '/api/v1/events/replay', { as: editor, body: range })).status).toBe(403);
    const replay = await app.call('POST', '/api/v1/events/replay', { as: owner, body: range });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ ReplayName: 'fix-1', State: 'COMPLETED', ReplayedEventCount: 1 });
    const three = await finishedRuns(app, owner, wf, 3);
    expect(three.filter((r) => r.input['replay-name'] === 'fix-1').map((r) => r.output.orderId)).toEqual([
      'recent',
    ]);
    // The same replay delivered again starts nothing new (its runs are named after it).
    await app.call('POST', '/api/v1/events/replay', { as: owner, body: range });
    await app.deps.host!.events.drain();
    expect(await runsOf(app, owner, wf)).toHaveLength(3);
    const audit = await app.call('GET', '/api/v1/audit?action=event.replay', { as: owner });
    expect(audit.body.items).toHaveLength(2);

    // Retention: one day; two days later the archive is empty.
    expect(
      (await app.call('PUT', '/api/v1/events/settings', { as: editor, body: { retentionDays: 1 } })).status,
    ).toBe(403);
    const set = await app.call('PUT', '/api/v1/events/settings', { as: owner, body: { retentionDays: 1 } });
    expect(set.body).toEqual({ retentionDays: 1 });
    expect((await app.call('GET', '/api/v1/events/settings', { as: editor })).body).toEqual({
      retentionDays: 1,
    });
    await app.hostClock.advanceTo('2026-03-04T10:00:00Z');
    const gone = await app.call('POST', '/api/v1/events/replay', {
      as: owner,
      body: { from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' },
    });
    expect(gone.body.ReplayedEventCount).toBe(0);
    // The rule survived the bus being reopened with the new retention.
    await app.call('POST', '/api/v1/events', {
      as: owner,
      body: { Entries: [entry('shop', 'order.paid', { orderId: 'later' })] },
    });
    await finishedRuns(app, owner, wf, 4);
  });
});
