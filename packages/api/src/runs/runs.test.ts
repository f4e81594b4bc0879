import { afterEach, describe, expect, it } from 'vitest';
import { approvalGraph, waitFor } from '../testing/fixtures.ts';
import { type Caller, createTestApp, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';

let t: TestApp;
let owner: Caller;
afterEach(() => t?.close());

async function deployed(graph: unknown, name = 'Flow') {
  const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name, graph } });
  if (wf.status !== 201) throw new Error(wf.text);
  await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
  return wf.body.id as string;
}
const start = async (workflowId: string, input: unknown = {}) =>
  (await t.call('POST', `/api/v1/workflows/${workflowId}/runs`, { as: owner, body: { input } })).body
    .runId as string;
const ended = (runId: string) =>
  waitFor(async () => {
    const res = await t.call('GET', `/api/v1/runs/${runId}`, { as: owner });
    return res.body.status !== 'RUNNING' && res.body;
  });
const pendingApproval = (runId: string) =>
  waitFor(async () => {
    const res = await t.call('GET', '/api/v1/approvals', { as: owner });
    return res.body.items.find((a: { runId: string }) => a.runId === runId);
  });

/** manual trigger → transform (summary) → http.request posting the summary. */
const publishFlow = (retry?: number) =>
  chain(
    { type: 'trigger.manual' },
    { id: 'summary', type: 'data.transform', params: { output: { title: '{% $trigger.title %}' } } },
    {
      id: 'post',
      type: 'http.request',
      params: { method: 'POST', url: 'https://example.com/hook', body: '{% $summary %}' },
      ...(retry ? { settings: { retry: { maxAttempts: retry } } } : {}),
    },
  );

describe('runs', () => {
  it('shows each step with input, output and attempts, built from history', async () => {
    t = createTestApp();
    owner = await t.signup();
    t.engine.failures.http = 1;
    const runId = await start(await deployed(publishFlow(2)), { title: 'Launch' });
    const run = await ended(runId);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.input).toEqual({ title: 'Launch' });
    const post = run.steps.find((s: { nodeId: string }) => s.nodeId === 'post');
    expect(post).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null });
    expect(post.output).toEqual({
      status: 200,
      body: expect.objectContaining({ body: { title: 'Launch' } }),
    });
    const summary = run.steps.find((s: { nodeId: string }) => s.nodeId === 'summary');
    expect(summary.output).toEqual({ title: 'Launch' });
    const history = await t.call('GET', `/api/v1/runs/${runId}/history`, { as: owner });
    expect(history.body.events[0].type).toBe('ExecutionStarted');
    expect(history.body.events.at(-1).type).toBe('ExecutionSucceeded');
  });

  it('retries from the failed step: earlier steps do not run again and their outputs are kept', async () => {
    t = createTestApp();
    owner = await t.signup();
    t.engine.failures.http = 1;
    const runId = await start(await deployed(publishFlow()), { title: 'Launch' });
    const failed = await ended(runId);
    expect(failed.status).toBe('FAILED');
    const failedStep = failed.steps.find((s: { nodeId: string }) => s.nodeId === 'post');
    expect(failedStep).toMatchObject({ status: 'FAILED', error: { error: 'Http.ServerError' } });
    const retryRes = await t.call('POST', `/api/v1/runs/${runId}/retry`, { as: owner, body: {} });
    expect(retryRes.status, retryRes.text).toBe(202);
    const runs = await t.call('GET', '/api/v1/runs', { as: owner });
    const retryId = runs.body.items.find((r: { trigger: string }) => r.trigger === 'retry').id;
    const retried = await ended(retryId);
    expect(retried.status).toBe('SUCCEEDED');
    expect(retried.parentRunId).toBe(runId);
    expect(retried.steps.map((s: { nodeId: string }) => s.nodeId)).not.toContain('summary');
    expect(retried.steps.find((s: { nodeId: string }) => s.nodeId === 'post').status).toBe('SUCCEEDED');
    // the retried step still read $summary from before the failure
    expect(t.engine.calls.at(-1)).toMatchObject({ body: { title: 'Launch' } });
    expect(t.engine.calls).toHaveLength(2);
    // a succeeded run cannot be retried
    expect((await t.call('POST', `/api/v1/runs/${retryId}/retry`, { as: owner, body: {} })).status).toBe(409);
  });

  it('re-runs with the same input on the latest deployed version', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wfId = await deployed(publishFlow());
    const first = await start(wfId, { title: 'Again' });
    await ended(first);
    await t.call('POST', `/api/v1/workflows/${wfId}/deploy`, { as: owner });
    const res = await t.call('POST', `/api/v1/runs/${first}/rerun`, {
      as: owner,
      body: { version: 'latest' },
    });
    expect(res.status).toBe(202);
    const again = await ended(res.body.runId);
    expect(again).toMatchObject({
      status: 'SUCCEEDED',
      version: 2,
      trigger: 'rerun',
      input: { title: 'Again' },
    });
  });

  it('waits at an approval until someone answers, then follows that branch', async () => {
    t = createTestApp();
    owner = await t.signup();
    const wfId = await deployed(approvalGraph());
    const approvedRun = await start(wfId);
    const approval = await pendingApproval(approvedRun);
    expect(approval).toMatchObject({
      nodeId: 'review',
      status: 'pending',
      input: { message: 'Publish this?' },
    });
    const answer = await t.call('POST', `/api/v1/approvals/${approval.id}`, {
      as: owner,
      body: { decision: 'approved', comment: 'Ship it' },
    });
    expect(answer.status).toBe(200);
    expect((await ended(approvedRun)).output).toEqual({ published: true });
    expect(
      (
        await t.call('POST', `/api/v1/approvals/${approval.id}`, {
          as: owner,
          body: { decision: 'rejected' },
        })
      ).status,
    ).toBe(409);

    const rejectedRun = await start(wfId);
    const second = await pendingApproval(rejectedRun);
    await t.call('POST', `/api/v1/approvals/${second.id}`, { as: owner, body: { decision: 'rejected' } });
    expect((await ended(rejectedRun)).output).toEqual({ published: false });
    const done = await t.call('GET', '/api/v1/approvals?status=all', { as: owner });
    expect(done.body.items.map((a: { status: string }) => a.status).sort()).toEqual(['approved', 'rejected']);
  });

  it('cancels a waiting run; its approval can no longer be answered', async () => {
    t = createTestApp();
    owner = await t.signup();
    const runId = await start(await deployed(approvalGraph()));
    const approval = await pendingApproval(runId);
    const cancelled = await t.call('POST', `/api/v1/runs/${runId}/cancel`, { as: owner });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('ABORTED');
    expect(cancelled.body.steps.find((s: { nodeId: string }) => s.nodeId === 'review').status).toBe(
      'ABORTED',
    );
    expect((await t.call('POST', `/api/v1/runs/${runId}/cancel`, { as: owner })).status).toBe(409);
    expect(
      (
        await t.call('POST', `/api/v1/approvals/${approval.id}`, {
          as: owner,
          body: { decision: 'approved' },
        })
      ).status,
    ).toBe(409);
  });

  it('lists runs by workflow and status, newest first, page by page', async () => {
    t = createTestApp();
    owner = await t.signup();
    const a = await deployed(publishFlow(), 'A');
    const b = await deployed(publishFlow(), 'B');
    const ids: string[] = [];
    for (const wf of [a, b, a, b, a]) {
      t.clock.advance(1000);
      const id = await start(wf, { title: 'x' });
      await ended(id);
      ids.push(id);
    }
    const onlyA = await t.call('GET', `/api/v1/runs?workflowId=${a}&status=SUCCEEDED`, { as: owner });
    expect(onlyA.body.items.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[2], ids[0]]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.call('GET', `/api/v1/runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        as: owner,
      });
      seen.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await t.call('GET', '/api/v1/runs?cursor=bad', { as: owner })).status).toBe(422);
  });

  it('prunes finished runs beyond the organisation’s retention', async () => {
    t = createTestApp();
    owner = await t.signup();
    await t.call('PATCH', '/api/v1/organization', {
      as: owner,
      body: { retention: { maxRuns: 2, maxAgeDays: 1 } },
    });
    const wf = await deployed(publishFlow());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      ids.push(await start(wf));
      await ended(ids[i]);
    }
    const fourth = await start(wf);
    const listed = (await t.call('GET', '/api/v1/runs', { as: owner })).body.items.map(
      (r: { id: string }) => r.id,
    );
    expect(listed).not.toContain(ids[0]);
    expect(listed).toContain(ids[2]);
    expect((await t.call('GET', `/api/v1/runs/${ids[0]}`, { as: owner })).status).toBe(404);
    await ended(fourth);
    t.clock.advance(2 * 86_400_000);
    const last = await start(wf);
    await ended(last);
    const after = (await t.call('GET', '/api/v1/runs', { as: owner })).body.items.map(
      (r: { id: string }) => r.id,
    );
    expect(after).toEqual([last]);
  });
});
