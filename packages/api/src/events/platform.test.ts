// Platform events carry the workflow's current name (kept in memory between runs, dropped when a
// workflow changes), checked through HTTP with a "when a run succeeds" workflow.
import { afterEach, expect, it } from 'vitest';
import type { TestApp } from '../testing/harness.ts';
import { clockedApp, deployed, finishedRuns, line } from '../triggers/test-support.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

it('names the workflow as it is called when its run ends, renamed or not', async () => {
  const app = clockedApp('2026-03-02T09:00:00Z');
  t = app;
  const owner = await app.signup();
  const daily = line(
    { id: 'start', type: 'trigger.manual' },
    { id: 'post', type: 'data.transform', params: { output: 'posted' } },
  );
  const a = await deployed(app, owner, 'Daily post', daily);
  const told = await deployed(
    app,
    owner,
    'Tell me',
    line(
      {
        id: 'done',
        type: 'trigger.event',
        params: {
          pattern: { source: ['flowdeck'], 'detail-type': ['run.succeeded'], detail: { workflowId: [a] } },
        },
      },
      { id: 'say', type: 'data.transform', params: { output: '{% $trigger.detail.workflowName %}' } },
    ),
  );
  const runA = () => app.call('POST', `/api/v1/workflows/${a}/runs`, { as: owner, body: {} });

  await runA();
  await runA();
  expect((await finishedRuns(app, owner, told, 2)).map((r) => r.output)).toEqual([
    'Daily post',
    'Daily post',
  ]);

  const renamed = await app.call('PUT', `/api/v1/workflows/${a}`, {
    as: owner,
    body: { name: 'Weekly post', graph: daily },
  });
  expect(renamed.status, renamed.text).toBe(200);
  await runA();
  expect((await finishedRuns(app, owner, told, 3)).map((r) => r.output)).toEqual([
    'Daily post',
    'Daily post',
    'Weekly post',
  ]);
});
