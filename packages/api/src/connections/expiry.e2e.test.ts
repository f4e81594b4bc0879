// Connection expiry end to end: a connection created with `expiresAt` turns `expired` when the
// app's clock passes it, `connection.expired` starts the organisation's "notify me" workflows
// exactly once (from the sweep or from a run that tries to use it), a run using it fails with
// `Connection.Expired`, and a new `expiresAt` re-arms it.
import { defineNode, p } from '@flowdeck/nodes';
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../app.ts';
import { waitFor } from '../testing/fixtures.ts';
import { type Caller, createTestApp, type TestApp } from '../testing/harness.ts';
import { steppedClock } from '../triggers/stepped-clock.ts';
import { deployed, finishedRuns, line, runsOf } from '../triggers/test-support.ts';
import { defaultWorkflowEngine } from '../workflows/engine-port.ts';
import { sweepExpiredConnections } from './expiry.ts';

const HOUR = 3600_000;
const received: unknown[] = [];

const whoami = defineNode({
  type: 'acme.whoami',
  version: 1,
  kind: 'action',
  title: 'Who am I at Acme',
  category: 'test',
  icon: 'user',
  connection: 'acme',
  props: { account: p.connection({ label: 'Acme account', connectionKind: 'acme', required: true }) },
  async run({ connection }) {
    received.push(connection);
    return { ok: true };
  },
});

const onExpired = line(
  {
    id: 'expired',
    type: 'trigger.event',
    params: { pattern: { source: ['flowdeck'], 'detail-type': ['connection.expired'] } },
  },
  { id: 'note', type: 'data.transform', params: { output: '{% $trigger.detail %}' } },
);

let t: TestApp | undefined;
afterEach(async () => {
  received.length = 0;
  await t?.close();
  t = undefined;
});

function app(): TestApp {
  t = createTestApp(
    {},
    coreModules,
    undefined,
    defaultWorkflowEngine({ plugins: [whoami] }),
    steppedClock('2026-03-02T09:00:00Z'),
  );
  return t;
}

const inOneHour = (app: TestApp) => new Date(app.clock.now() + HOUR).toISOString();

async function createConnection(app: TestApp, as: Caller, expiresAt?: string) {
  const res = await app.call('POST', '/api/v1/connections', {
    as,
    body: { kind: 'acme', name: 'Acme account', credentials: { token: 'sk-acme-123456' }, expiresAt },
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function statuses(app: TestApp, as: Caller) {
  const list = await app.call('GET', '/api/v1/connections', { as });
  return (list.body.items as { id: string; status: string }[]).map((c) => [c.id, c.status]);
}

describe('connection expiry', () => {
  it('shows expired, emits connection.expired once per expiry, and only to the organisation', async () => {
    const a = app();
    const acme = await a.signup('Ada', 'Acme');
    const rival = await a.signup('Bob', 'Rival');
    const wf = await deployed(a, acme, 'When an account expires', onExpired);
    const rivalWf = await deployed(a, rival, 'Rival: when an account expires', onExpired);
    const expiresAt = inOneHour(a);
    const conn = await createConnection(a, acme, expiresAt);
    expect(conn).toMatchObject({ expiresAt, status: 'active' });
    expect(JSON.stringify(conn)).not.toContain('sk-acme');
    const forever = await createConnection(a, rival);
    expect(forever).toMatchObject({ expiresAt: null, status: 'active' });

    expect(await sweepExpiredConnections(a.deps)).toBe(0);
    a.clock.advance(2 * HOUR);
    expect(await statuses(a, acme)).toEqual([[conn.id, 'expired']]);
    expect(await statuses(a, rival)).toEqual([[forever.id, 'active']]);

    expect(await sweepExpiredConnections(a.deps)).toBe(1);
    expect(await sweepExpiredConnections(a.deps)).toBe(0);
    const [run] = await finishedRuns(a, acme, wf, 1);
    await a.deps.host!.events.drain();
    expect(await runsOf(a, acme, wf)).toHaveLength(1);
    expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'event' });
    expect(run.output).toMatchObject({
      connectionId: conn.id,
      kind: 'acme',
      name: 'Acme account',
      expiredAt: expiresAt,
      organizationId: acme.orgId,
    });
    expect(JSON.stringify(run)).not.toContain('sk-acme');
    expect(await runsOf(a, rival, rivalWf)).toHaveLength(0);

    const audit = await a.call('GET', '/api/v1/audit', { as: acme });
    expect(audit.status).toBe(200);
    const entry = (action: string) =>
      audit.body.items.find((e: { action: string }) => e.action === action) as { actor: unknown } | undefined;
    // The sweep is Flowdeck's own doing; the run it caused was started by an event rule.
    expect(entry('connection.expire')?.actor).toEqual({ type: 'system', id: 'connection-expiry' });
    expect(entry('run.start')?.actor).toEqual({ type: 'event', id: wf });

    // Reconnected with a new expiry: active again, and the next expiry emits again.
    const renewed = await a.call('PATCH', `/api/v1/connections/${conn.id}`, {
      as: acme,
      body: { credentials: { token: 'sk-acme-654321' }, expiresAt: inOneHour(a) },
    });
    expect(renewed.body.status).toBe('active');
    expect(await sweepExpiredConnections(a.deps)).toBe(0);
    a.clock.advance(2 * HOUR);
    expect(await sweepExpiredConnections(a.deps)).toBe(1);
    expect(await finishedRuns(a, acme, wf, 2)).toHaveLength(2);

    // A rename leaves the expiry as it is: nothing more to emit.
    await a.call('PATCH', `/api/v1/connections/${conn.id}`, { as: acme, body: { name: 'Renamed' } });
    expect(await sweepExpiredConnections(a.deps)).toBe(0);
    await a.deps.host!.events.drain();
    expect(await runsOf(a, acme, wf)).toHaveLength(2);
    expect(await runsOf(a, rival, rivalWf)).toHaveLength(0);
  });

  it('fails a run that uses an expired connection with Connection.Expired, and emits once', async () => {
    const a = app();
    const acme = await a.signup('Ada', 'Acme');
    const rival = await a.signup('Bob', 'Rival');
    const notify = await deployed(a, acme, 'When an account expires', onExpired);
    const rivalNotify = await deployed(a, rival, 'Rival: when an account expires', onExpired);
    const conn = await createConnection(a, acme, inOneHour(a));
    const user = await deployed(
      a,
      acme,
      'Who',
      line(
        { id: 'go', type: 'trigger.manual' },
        { id: 'who', type: 'acme.whoami', params: { account: conn.id } },
      ),
    );
    const run = async () => {
      const started = await a.call('POST', `/api/v1/workflows/${user}/runs`, {
        as: acme,
        body: { input: {} },
      });
      expect(started.status).toBe(202);
      return waitFor(async () => {
        const res = await a.call('GET', `/api/v1/runs/${started.body.runId}`, { as: acme });
        return res.body.status !== 'RUNNING' && res.body;
      });
    };

    expect((await run()).status).toBe('SUCCEEDED');
    expect(received).toHaveLength(1);

    a.clock.advance(2 * HOUR);
    const failed = await run();
    expect(failed.status).toBe('FAILED');
    expect(failed.error.error).toBe('Connection.Expired');
    expect(failed.error.cause).toMatch(/Reconnect/);
    expect(JSON.stringify(failed)).not.toContain('sk-acme');
    expect(received).toHaveLength(1); // the node never ran with the expired credentials

    const [notified] = await finishedRuns(a, acme, notify, 1);
    expect(notified.output).toMatchObject({ connectionId: conn.id, kind: 'acme' });
    // Already noticed: neither the sweep nor another run emits it again.
    expect(await sweepExpiredConnections(a.deps)).toBe(0);
    expect((await run()).error.error).toBe('Connection.Expired');
    await a.deps.host!.events.drain();
    expect(await runsOf(a, acme, notify)).toHaveLength(1);
    expect(await runsOf(a, rival, rivalNotify)).toHaveLength(0);
  });

  it('rejects an expiresAt that is not an ISO timestamp', async () => {
    const a = app();
    const owner = await a.signup();
    const res = await a.call('POST', '/api/v1/connections', {
      as: owner,
      body: { kind: 'acme', name: 'x', credentials: { token: 'abcdefgh' }, expiresAt: 'tomorrow' },
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('expiresAt');
  });
});
