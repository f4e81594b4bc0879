// Schedule triggers: deploy registers the schedule, a fire starts a run, disable stops it.
import { afterEach, expect, it } from 'vitest';
import { coreModules } from '../app.ts';
import { waitFor } from '../testing/fixtures.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { defaultWorkflowEngine } from './engine-port.ts';

let t: TestApp;
afterEach(() => t?.close());

const graph = (expression: string) => ({
  schemaVersion: 1,
  nodes: [
    { id: 'tick', type: 'trigger.schedule', version: 1, position: { x: 0, y: 0 }, params: { expression } },
    {
      id: 'note',
      type: 'data.transform',
      version: 1,
      position: { x: 200, y: 0 },
      params: { output: '{% $trigger.scheduledTime %}' },
    },
  ],
  edges: [{ id: 'e1', source: 'tick', sourceHandle: null, target: 'note' }],
});

it('registers the schedule on deploy and starts a run when it fires', async () => {
  t = createTestApp({}, coreModules, undefined, defaultWorkflowEngine());
  const owner = await t.signup();
  const saved = await t.call('POST', '/api/v1/workflows', {
    as: owner,
    body: { name: 'Bad', graph: graph('every tuesday') },
  });
  expect(saved.status).toBe(201); // drafts keep half-built work; deploy refuses it
  const bad = await t.call('POST', `/api/v1/workflows/${saved.body.id}/deploy`, { as: owner });
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual([
    expect.objectContaining({
      nodeId: 'tick',
      path: 'params.expression',
      message: expect.stringMatching(/^Invalid Schedule Expression every tuesday\./),
    }),
  ]);

  const wf = await t.call('POST', '/api/v1/workflows', {
    as: owner,
    body: { name: 'Weekly', graph: graph('at(2024-01-01T00:10:00)') },
  });
  expect((await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner })).status).toBe(200);
  expect(await t.deps.host!.scheduler.get(wf.body.id)).toMatchObject({
    expression: 'at(2024-01-01T00:10:00)',
    enabled: true,
  });
  t.deps.host!.scheduler.start();
  const run = await waitFor(async () => {
    const runs = await t.call('GET', `/api/v1/runs?workflowId=${wf.body.id}`, { as: owner });
    const first = runs.body.items[0];
    if (!first || first.status === 'RUNNING') return undefined;
    return (await t.call('GET', `/api/v1/runs/${first.id}`, { as: owner })).body;
  });
  expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'schedule', output: '2024-01-01T00:10:00.000Z' });

  await t.call('POST', `/api/v1/workflows/${wf.body.id}/disable`, { as: owner });
  expect((await t.deps.host!.scheduler.get(wf.body.id))?.enabled).toBe(false);
  await t.call('DELETE', `/api/v1/workflows/${wf.body.id}`, { as: owner });
  expect(await t.deps.host!.scheduler.get(wf.body.id)).toBeUndefined();
});
