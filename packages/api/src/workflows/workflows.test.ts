import { afterEach, describe, expect, it } from 'vitest';
import { approvalGraph } from '../testing/fixtures.ts';
import { type Caller, createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
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

  it('saves a half-built draft with its issues; only deploy refuses it', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const viewer = await memberWithRole(t, owner, 'viewer');
    const graph = chain({ type: 'trigger.manual' }, { type: 'http.request', params: { url: 'not a url' } });
    const res = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Half', graph } });
    expect(res.status).toBe(201);
    expect(res.body.graph).toEqual(graph);
    expect(res.body.issues).toContainEqual(
      expect.objectContaining({ code: 'invalid_param', nodeId: 'n1', path: 'params.url' }),
    );
    // A second half-built save keeps the author's work too; the issues follow the graph.
    const noRule = chain({ type: 'trigger.manual' }, { type: 'logic.condition', params: {} });
    const saved = await t.call('PUT', `/api/v1/workflows/${res.body.id}`, {
      as: owner,
      body: { name: 'Half', graph: noRule },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draftRevision).toBe(2);
    expect(saved.body.issues.length).toBeGreaterThan(0);
    expect(saved.body.issues.every((i: { nodeId?: string }) => !i.nodeId || i.nodeId === 'n1')).toBe(true);
    const read = await t.call('GET', `/api/v1/workflows/${res.body.id}`, { as: viewer });
    expect(read.body.graph).toEqual(noRule);
    expect(read.body.issues).toEqual(saved.body.issues);

    const deploy = await t.call('POST', `/api/v1/workflows/${res.body.id}/deploy`, { as: owner });
    expect(deploy.status).toBe(422);
    expect(deploy.headers.get('content-type')).toContain('application/problem+json');
    expect(deploy.body.type).toBe('/problems/invalid-workflow');
    expect(deploy.body.errors.map((e: { path: string }) => e.path)).toEqual(
      saved.body.issues.map((i: { path: string }) => i.path),
    );

    // Fixed: no issues, and deploy goes through.
    const fixed = await t.call('PUT', `/api/v1/workflows/${res.body.id}`, {
      as: owner,
      body: { name: 'Half', graph: doubler() },
    });
    expect(fixed.body.issues).toEqual([]);
    expect((await t.call('POST', `/api/v1/workflows/${res.body.id}/deploy`, { as: owner })).status).toBe(200);
  });

  it('refuses with 422 a graph that is not a graph (shape), and stores nothing', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Doubler', graph: doubler() },
    });
    for (const graph of [
      { schemaVersion: 2, nodes: [], edges: [] },
      { schemaVersion: 1, nodes: 'none', edges: [] },
      { schemaVersion: 1, nodes: [{ id: 'a', type: 'trigger.manual', version: 1 }], edges: [] },
      { ...doubler(), edges: [{ id: 'e0', source: 'hook' }] },
    ]) {
      const res = await t.call('PUT', `/api/v1/workflows/${wf.body.id}`, {
        as: owner,
        body: { name: 'X', graph },
      });
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('/problems/invalid-workflow');
      expect(res.body.errors.length).toBeGreaterThan(0);
      const created = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'X', graph } });
      expect(created.status).toBe(422);
    }
    const read = await t.call('GET', `/api/v1/workflows/${wf.body.id}`, { as: owner });
    expect(read.body).toMatchObject({ name: 'Doubler', draftRevision: 1, graph: doubler() });
    expect((await t.call('GET', '/api/v1/workflows', { as: owner })).body.items).toHaveLength(1);
  });

  it('lets only editors and above save drafts, and hides other organisations’ drafts', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const viewer = await memberWithRole(t, owner, 'viewer');
    const editor = await memberWithRole(t, owner, 'editor');
    const stranger = await t.signup('Eve', 'Evil');
    const wf = await t.call('POST', '/api/v1/workflows', {
      as: owner,
      body: { name: 'Doubler', graph: doubler() },
    });
    const half = chain({ type: 'trigger.manual' }, { type: 'logic.condition', params: {} });
    const put = (as: Caller) =>
      t.call('PUT', `/api/v1/workflows/${wf.body.id}`, { as, body: { name: 'Half', graph: half } });
    expect((await put(viewer)).status).toBe(403);
    expect((await put(stranger)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/workflows/${wf.body.id}`, { as: stranger })).status).toBe(404);
    expect((await put(editor)).status).toBe(200);
    // An editor saves a half-built draft but cannot deploy; an admin is refused for the issues.
    expect((await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: editor })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner })).status).toBe(422);
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
