// A node that needs an account gets its connection's credentials at run time, only from the
// run's own organisation, and the secrets never reach the run's history, output or errors.
// The node is a test-only plugin (no built-in node takes a connection yet): it reports what it
// received and echoes the token in its output and, on request, in its error.
import { defineNode, NodeFailure, p } from '@flowdeck/nodes';
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../app.ts';
import { waitFor } from '../testing/fixtures.ts';
import { type Caller, createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';
import { defaultWorkflowEngine } from '../workflows/engine-port.ts';

const SECRET = 'sk-live-0123456789';
const received: unknown[] = [];

const whoami = defineNode({
  type: 'acme.whoami',
  version: 1,
  kind: 'action',
  title: 'Who am I at Acme',
  category: 'test',
  icon: 'user',
  connection: 'acme',
  props: {
    account: p.connection({ label: 'Acme account', connectionKind: 'acme', required: true }),
    fail: p.boolean({ label: 'Fail', default: false }),
  },
  async run({ connection, props }) {
    received.push(connection);
    const token = String(connection?.token);
    if (props.fail) throw new NodeFailure('Acme.Refused', `Acme refused token ${token}.`, { token });
    return { echoed: `token is ${token}`, length: token.length };
  },
});

let t: TestApp;
afterEach(async () => {
  received.length = 0;
  await t?.close();
});

async function connection(as: Caller, kind: string, token: string) {
  const res = await t.call('POST', '/api/v1/connections', {
    as,
    body: { kind, name: `${kind} account`, credentials: { token } },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function runWith(as: Caller, params: Record<string, unknown>) {
  const graph = chain({ type: 'trigger.manual' }, { id: 'who', type: 'acme.whoami', params });
  const wf = await t.call('POST', '/api/v1/workflows', { as, body: { name: 'Who', graph } });
  const deployed = await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as });
  expect(deployed.status).toBe(200);
  const started = await t.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, { as, body: { input: {} } });
  const runId = started.body.runId as string;
  const run = await waitFor(async () => {
    const res = await t.call('GET', `/api/v1/runs/${runId}`, { as });
    return res.body.status !== 'RUNNING' && res;
  });
  const history = await t.call('GET', `/api/v1/runs/${runId}/history`, { as });
  return { runId, run, history };
}

describe('connections in runs', () => {
  it('hands the chosen connection’s credentials to the node and records no secret', async () => {
    t = createTestApp({}, coreModules, undefined, defaultWorkflowEngine({ plugins: [whoami] }));
    const owner = await t.signup();
    const id = await connection(owner, 'acme', SECRET);
    const { runId, run, history } = await runWith(owner, { account: id });
    expect(run.body.status).toBe('SUCCEEDED');
    expect(received).toEqual([{ token: SECRET }]);
    expect(run.body.output).toEqual({ echoed: 'token is [redacted]', length: SECRET.length });
    expect(run.text).not.toContain(SECRET);
    expect(history.text).not.toContain(SECRET);
    expect(history.text).toContain(id); // the params name the connection, never its secret

    // Every role reads the run; none sees the secret. Another organisation sees nothing.
    const viewer = await memberWithRole(t, owner, 'viewer');
    const asViewer = await t.call('GET', `/api/v1/runs/${runId}`, { as: viewer });
    expect(asViewer.status).toBe(200);
    expect(asViewer.text).not.toContain(SECRET);
    const stranger = await t.signup('Eve', 'Evil');
    expect((await t.call('GET', `/api/v1/runs/${runId}`, { as: stranger })).status).toBe(404);
  });

  it('takes the secret out of a failing node’s error too', async () => {
    t = createTestApp({}, coreModules, undefined, defaultWorkflowEngine({ plugins: [whoami] }));
    const owner = await t.signup();
    const id = await connection(owner, 'acme', SECRET);
    const { run, history } = await runWith(owner, { account: id, fail: true });
    expect(run.body.status).toBe('FAILED');
    expect(run.body.error).toEqual({ error: 'Acme.Refused', cause: 'Acme refused token [redacted].' });
    expect(received).toHaveLength(1);
    expect(run.text).not.toContain(SECRET);
    expect(history.text).not.toContain(SECRET);
  });

  it('refuses another organisation’s connection and one of the wrong kind, before the node runs', async () => {
    t = createTestApp({}, coreModules, undefined, defaultWorkflowEngine({ plugins: [whoami] }));
    const owner = await t.signup();
    const stranger = await t.signup('Eve', 'Evil');
    const theirs = await connection(stranger, 'acme', 'sk-eve-9876543210');
    const wrongKind = await connection(owner, 'linkedin', 'li-token-123456');

    const foreign = await runWith(owner, { account: theirs });
    expect(foreign.run.body.status).toBe('FAILED');
    expect(foreign.run.body.error.error).toBe('Connection.NotFound');
    const unknown = await runWith(owner, { account: 'conn_does_not_exist' });
    expect(unknown.run.body.error.error).toBe('Connection.NotFound');
    const kind = await runWith(owner, { account: wrongKind });
    expect(kind.run.body.error).toMatchObject({ error: 'Connection.WrongKind' });
    expect(kind.run.body.error.cause).toContain('needs a acme account');
    expect(received).toEqual([]);
    for (const r of [foreign, unknown, kind]) expect(r.history.text).not.toMatch(/sk-eve|li-token/);
  });

  it('lets editors run with a connection only admins may create', async () => {
    t = createTestApp({}, coreModules, undefined, defaultWorkflowEngine({ plugins: [whoami] }));
    const owner = await t.signup();
    const editor = await memberWithRole(t, owner, 'editor');
    const denied = await t.call('POST', '/api/v1/connections', {
      as: editor,
      body: { kind: 'acme', name: 'mine', credentials: { token: SECRET } },
    });
    expect(denied.status).toBe(403);
    const id = await connection(owner, 'acme', SECRET);
    const graph = chain(
      { type: 'trigger.manual' },
      { id: 'who', type: 'acme.whoami', params: { account: id } },
    );
    const wf = await t.call('POST', '/api/v1/workflows', { as: editor, body: { name: 'Who', graph } });
    await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
    const started = await t.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, { as: editor, body: {} });
    expect(started.status).toBe(202);
    const run = await waitFor(async () => {
      const res = await t.call('GET', `/api/v1/runs/${started.body.runId}`, { as: editor });
      return res.body.status !== 'RUNNING' && res.body;
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(received).toEqual([{ token: SECRET }]);
  });
});
