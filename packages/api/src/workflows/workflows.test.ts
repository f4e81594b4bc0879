import { afterEach, describe, expect, it } from 'vitest';
import { approvalGraph } from '../testing/fixtures.ts';
import { createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';

let t: TestApp;
afterEach(() => t?.close());

const doubler = () =>
  chain(
    { type: 'trigger.webhook', params: { responseMode: 'async' } },
    { type: 'data.transform', params: { output: '{% $trigger.body.amount * 2 %}' } },
  );

describe('workflows', () => {
  it('creates a workflow with a starter draft and saves drafts the engine accepts', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const created = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Cross-post', tags: ['social'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.graph.nodes.map((n: { type: string }) => n.type)).toEqual(['trigger.manual']);
    expect(created.body).toMatchObject({ draftRevision: 1, deployedVersion: null, enabled: false });
    const saved = await t.call('PUT', `/api/v1/workflows/${created.body.id}`, {
      as: owner,
      body: { name: 'Cross-post', graph: doubler() },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draftRevision).toBe(2);
    expect(saved.body.tags).toEqual(['social']);
    const byTag = await t.call('GET', '/api/v1/workflows?tag=social', { as: owner });
    expect(byTag.body.items).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/workflows?tag=blog', { as: owner })).body.items).toHaveLength(0);
  });

  it('answers 422 invalid-workflow with the engine’s node-level errors', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const graph = chain({ type: 'trigger.manual' }, { type: 'http.request', params: { url: 'not a url' } });
    const res = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Bad', graph } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toBe('/problems/invalid-workflow');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ nodeId: 'n1', path: 'params.url' }));
  });

  it('deploys immutable versions, lists, diffs and restores them', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Doubler', graph: doubler() },
    });
    const v1 = await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({ version: 1, webhookUrl: wf.body.webhookUrl });
    const changed = doubler();
    changed.nodes[1].params = { output: '{% $trigger.body.amount * 3 %}' };
    await t.call('PUT', `/api/v1/workflows/${wf.body.id}`, {
      as: owner,
      body: { name: 'Tripler', graph: changed },
    });
    const diffDraft = await t.call('GET', `/api/v1/workflows/${wf.body.id}/diff?from=1`, { as: owner });
    expect(diffDraft.body.nodes).toEqual({
      added: [],
      removed: [],
      changed: [{ id: 'n1', fields: ['params'] }],
    });
    expect((await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner })).body.version).toBe(
      2,
    );
    const versions = await t.call('GET', `/api/v1/workflows/${wf.body.id}/versions`, { as: owner });
    expect(
      versions.body.items.map((v: { version: number; current: boolean }) => [v.version, v.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const one = await t.call('GET', `/api/v1/workflows/${wf.body.id}/versions/1`, { as: owner });
    expect(one.body.graph.nodes[1].params.output).toContain('* 2');
    expect(one.body.definition.QueryLanguage).toBe('JSONata');
    const restored = await t.call('POST', `/api/v1/workflows/${wf.body.id}/versions/1/restore`, {
      as: owner,
    });
    expect(restored.body.graph.nodes[1].params.output).toContain('* 2');
    expect(restored.body.deployedVersion).toBe(2);
    expect((await t.call('GET', `/api/v1/workflows/${wf.body.id}/versions/9`, { as: owner })).status).toBe(
      404,
    );
  });

  it('lets editors edit and run but only admins deploy', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const editor = await memberWithRole(t, owner, 'editor');
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: editor,
      body: { name: 'Doubler', graph: doubler() },
    });
    expect(wf.status).toBe(201);
    expect((await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: editor })).status).toBe(403);
    expect(
      (await t.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, { as: editor, body: {} })).status,
    ).toBe(409);
    expect((await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner })).status).toBe(200);
    expect(
      (await t.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, { as: editor, body: {} })).status,
    ).toBe(202);
  });
});

describe('webhooks', () => {
  const runOf = async (runId: string) => {
    for (let i = 0; i < 200; i++) {
      const res = await t.call('GET', `/api/v1/runs/${runId}`, { as: owner });
      if (res.body.status !== 'RUNNING') return res.body;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('run did not end');
  };
  let owner: Awaited<ReturnType<TestApp['signup']>>;

  it('starts a run with $trigger = {method, headers, query, body} and answers 202 {runId}', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Doubler', graph: doubler() },
    });
    const { webhookUrl } = (await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner }))
      .body;
    const path = new URL(webhookUrl).pathname;
    const res = await t.call('POST', `${path}?source=shop`, {
      body: { amount: 21 },
      headers: { authorization: 'Bearer secret' },
    });
    expect(res.status).toBe(202);
    const run = await runOf(res.body.runId);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toBe(42);
    expect(run.trigger).toBe('webhook');
    expect(run.input).toMatchObject({ method: 'POST', query: { source: 'shop' }, body: { amount: 21 } });
    expect(run.input.headers.authorization).toBeUndefined();
    expect(run.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status])).toEqual([
      ['hook', 'SUCCEEDED'],
      ['n1', 'SUCCEEDED'],
    ]);
  });

  it('answers with the run’s output in sync mode', async () => {
    t = createTestApp();
    owner = await t.signup();
    const graph = doubler();
    graph.nodes[0].params = { responseMode: 'sync' };
    const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Sync', graph } });
    const { webhookUrl } = (await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner }))
      .body;
    const res = await t.call('POST', new URL(webhookUrl).pathname, { body: { amount: 5 } });
    expect(res.status).toBe(200);
    expect(res.body).toBe(10);
    expect(res.headers.get('x-flowdeck-run-id')).toMatch(/^run_/);
  });

  it('answers 202 when a sync run outlasts the wait limit', async () => {
    t = createTestApp({ webhookSyncTimeoutMs: 50 });
    owner = await t.signup();
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Waits', graph: approvalGraph('sync') },
    });
    const { webhookUrl } = (await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner }))
      .body;
    const res = await t.call('POST', new URL(webhookUrl).pathname, { body: {} });
    expect(res.status).toBe(202);
    expect(res.body.runId).toMatch(/^run_/);
  });

  it('checks X-Signature-256 when a secret is set, and stops when disabled', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Signed', graph: doubler() },
    });
    const { webhookUrl } = (await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner }))
      .body;
    const path = new URL(webhookUrl).pathname;
    const { secret } = (await t.call('POST', `/api/v1/workflows/${wf.body.id}/webhook-secret`, { as: owner }))
      .body;
    const raw = JSON.stringify({ amount: 1 });
    expect((await t.call('POST', path, { body: raw })).status).toBe(401);
    const { createHmac } = await import('node:crypto');
    const good = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    expect((await t.call('POST', path, { body: raw, headers: { 'x-signature-256': good } })).status).toBe(
      202,
    );
    expect(
      (await t.call('POST', path, { body: `${raw} `, headers: { 'x-signature-256': good } })).status,
    ).toBe(401);
    await t.call('POST', `/api/v1/workflows/${wf.body.id}/disable`, { as: owner });
    expect((await t.call('POST', path, { body: raw, headers: { 'x-signature-256': good } })).status).toBe(
      404,
    );
    expect((await t.call('POST', '/webhooks/not-a-token', { body: raw })).status).toBe(404);
    await t.call('DELETE', `/api/v1/workflows/${wf.body.id}`, { as: owner });
    expect((await t.call('POST', path, { body: raw, headers: { 'x-signature-256': good } })).status).toBe(
      404,
    );
  });
});
