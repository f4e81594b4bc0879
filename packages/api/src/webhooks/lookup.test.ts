// The webhook lookup is kept in memory; these tests check, through HTTP only, that a webhook
// always answers from its workflow's current state: each change is seen by the very next call.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';

let t: TestApp;
let owner: Caller;
afterEach(() => t?.close());

const webhookFlow = (output: string, responseMode: 'sync' | 'async' = 'sync') =>
  chain(
    { type: 'trigger.webhook', params: { responseMode } },
    { type: 'data.transform', params: { output } },
  );

async function create(graph: unknown) {
  const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Hook', graph } });
  expect(wf.status, wf.text).toBe(201);
  return wf.body.id as string;
}
async function deploy(id: string) {
  const res = await t.call('POST', `/api/v1/workflows/${id}/deploy`, { as: owner });
  expect(res.status, res.text).toBe(200);
  return res.body.webhookUrl ? new URL(res.body.webhookUrl).pathname : undefined;
}
const post = (
  path: string | undefined,
  body: unknown = { amount: 2 },
  headers: Record<string, string> = {},
) => t.call('POST', path!, { body, headers });

describe('webhook lookup', () => {
  it('stops answering at once when the workflow is disabled or deleted, and answers again when enabled', async () => {
    t = createTestApp();
    owner = await t.signup();
    const id = await create(webhookFlow('{% $trigger.body.amount * 10 %}'));
    const path = await deploy(id);
    expect((await post(path)).body).toBe(20); // now remembered

    expect((await t.call('POST', `/api/v1/workflows/${id}/disable`, { as: owner })).status).toBe(200);
    expect((await post(path)).status).toBe(404);
    expect((await t.call('GET', path!)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/workflows/${id}/enable`, { as: owner })).status).toBe(200);
    expect((await post(path)).body).toBe(20);

    expect((await t.call('DELETE', `/api/v1/workflows/${id}`, { as: owner })).status).toBe(204);
    expect((await post(path)).status).toBe(404);
    expect((await t.call('GET', path!)).status).toBe(404);
  });

  it('answers with the newly deployed version, and stops when it has no webhook trigger', async () => {
    t = createTestApp();
    owner = await t.signup();
    const id = await create(webhookFlow('{% $trigger.body.amount * 10 %}'));
    const path = await deploy(id);
    expect((await post(path)).body).toBe(20);

    const saved = await t.call('PUT', `/api/v1/workflows/${id}`, {
      as: owner,
      body: { name: 'Hook', graph: webhookFlow('{% $trigger.body.amount + 1 %}') },
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await post(path)).body).toBe(20); // a saved draft is not deployed
    await deploy(id);
    expect((await post(path)).body).toBe(3);

    // An async trigger answers 202 from the next call on.
    await t.call('PUT', `/api/v1/workflows/${id}`, {
      as: owner,
      body: { name: 'Hook', graph: webhookFlow('{% 1 %}', 'async') },
    });
    await deploy(id);
    const started = await post(path);
    expect(started.status).toBe(202);
    expect(started.body.runId).toMatch(/^run_/);

    // A manual trigger: the URL no longer starts anything.
    await t.call('PUT', `/api/v1/workflows/${id}`, {
      as: owner,
      body: {
        name: 'Hook',
        graph: chain({ type: 'trigger.manual' }, { type: 'data.transform', params: { output: 1 } }),
      },
    });
    await deploy(id);
    expect((await post(path)).status).toBe(404);
  });

  it('asks for a signature from the call after a secret is set, and stops when it is removed', async () => {
    t = createTestApp();
    owner = await t.signup();
    const id = await create(webhookFlow('{% $trigger.body.amount * 10 %}'));
    const path = await deploy(id);
    const raw = JSON.stringify({ amount: 4 });
    expect((await post(path, raw)).body).toBe(40);

    const { secret } = (await t.call('POST', `/api/v1/workflows/${id}/webhook-secret`, { as: owner })).body;
    expect((await post(path, raw)).status).toBe(401);
    const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    expect((await post(path, raw, { 'x-signature-256': signature })).body).toBe(40);

    // A new secret replaces the old one at once.
    const second = (await t.call('POST', `/api/v1/workflows/${id}/webhook-secret`, { as: owner })).body;
    expect(second.secret).not.toBe(secret);
    expect((await post(path, raw, { 'x-signature-256': signature })).status).toBe(401);

    expect((await t.call('DELETE', `/api/v1/workflows/${id}/webhook-secret`, { as: owner })).status).toBe(
      204,
    );
    expect((await post(path, raw)).body).toBe(40);
  });

  it('stops answering when the organisation is deleted', async () => {
    t = createTestApp();
    owner = await t.signup();
    const id = await create(webhookFlow('{% $trigger.body.amount * 10 %}'));
    const path = await deploy(id);
    expect((await post(path)).body).toBe(20);
    expect((await t.call('DELETE', '/api/v1/organization', { as: owner })).status).toBe(204);
    expect((await post(path)).status).toBe(404);
  });

  it('keeps workflows apart: disabling one leaves another organisation’s webhook answering', async () => {
    t = createTestApp();
    owner = await t.signup('Ada', 'Acme');
    const acme = await deploy(await create(webhookFlow('{% "acme" %}')));
    owner = await t.signup('Bob', 'Rival');
    const rivalId = await create(webhookFlow('{% "rival" %}'));
    const rival = await deploy(rivalId);
    expect([(await post(acme)).body, (await post(rival)).body]).toEqual(['acme', 'rival']);
    await t.call('POST', `/api/v1/workflows/${rivalId}/disable`, { as: owner });
    expect([(await post(acme)).body, (await post(rival)).status]).toEqual(['acme', 404]);
  });
});
