// A run waiting at an approval survives a restart: a new process on the same data directory
// resumes it, and the answer given after the restart completes it.
import { afterEach, expect, it } from 'vitest';
import { runService } from '../runs/service.ts';
import { approvalGraph, waitFor } from '../testing/fixtures.ts';
import { coreModules } from '../app.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';

let t: TestApp | undefined;
afterEach(() => t?.close());

it('resumes unfinished runs after a restart', async () => {
  const first = createTestApp();
  const owner = await first.signup();
  const wf = await first.call('POST', '/api/v1/workflows', {
    as: owner,
    body: { name: 'Review', graph: approvalGraph() },
  });
  await first.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
  const { runId } = (
    await first.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, {
      as: owner,
      body: { input: { post: 'Hello' } },
    })
  ).body;
  const approval = await waitFor(
    async () => (await first.call('GET', '/api/v1/approvals', { as: owner })).body.items[0],
  );
  await first.close({ keepData: true });

  t = createTestApp({}, coreModules, first.dataDir);
  expect(await t.deps.host!.runtime.recover()).toBe(1);
  expect(runService(t.deps).resumeWatching()).toBe(1);
  const answered = await t.call('POST', `/api/v1/approvals/${approval.id}`, {
    as: owner,
    body: { decision: 'approved' },
  });
  expect(answered.status).toBe(200);
  const run = await waitFor(async () => {
    const res = await t!.call('GET', `/api/v1/runs/${runId}`, { as: owner });
    return res.body.status !== 'RUNNING' && res.body;
  });
  expect(run).toMatchObject({ status: 'SUCCEEDED', input: { post: 'Hello' }, output: { published: true } });
});
