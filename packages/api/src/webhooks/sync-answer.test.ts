// A sync webhook answers with its run's output text as the runtime recorded it; that text must be
// exactly the JSON a client would get from serialising the output value.
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';

let t: TestApp;
afterEach(() => t?.close());

it('answers the run’s output as JSON.stringify writes it: escapes, numbers, key order', async () => {
  t = createTestApp();
  const owner = await t.signup();
  const output = {
    b: 'é "quoted" \\ / \u2028 😀 \u0007',
    '10': 1,
    '2': [0.1, 1e21, -5, 123456789012345680000, null, true],
    a: { nested: { deep: 'yes' }, empty: {} },
    fromTrigger: '{% $trigger.body.note %}',
  };
  const graph = chain(
    { type: 'trigger.webhook', params: { responseMode: 'sync' } },
    { type: 'data.transform', params: { output } },
  );
  const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Echo', graph } });
  const deployed = await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
  const res = await t.call('POST', new URL(deployed.body.webhookUrl).pathname, {
    body: { note: 'tab\there, "quote", ünïcödé' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.text).toBe(JSON.stringify({ ...output, fromTrigger: 'tab\there, "quote", ünïcödé' }));
});
