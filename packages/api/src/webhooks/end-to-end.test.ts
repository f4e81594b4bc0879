// The end-to-end story over HTTP with the real engine and node runner: sign up, create
// webhook → condition (amount > 100) → transform → HTTP request to a local echo server, deploy,
// post twice, and check both runs' steps and what the echo server received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coreModules } from '../app.ts';
import { waitFor } from '../testing/fixtures.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { defaultWorkflowEngine } from '../workflows/engine-port.ts';

let echo: Server;
let echoUrl: string;
const received: { method: string; url: string; body: unknown }[] = [];
let t: TestApp;
const allowPrivate = process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;

beforeAll(async () => {
  process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = 'true'; // the echo server is on loopback
  echo = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, body: body ? JSON.parse(body) : null });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, echoed: received.length }));
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/orders`;
  t = createTestApp({}, coreModules, undefined, defaultWorkflowEngine());
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => echo.close(resolve));
  if (allowPrivate === undefined) delete process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;
  else process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = allowPrivate;
});

const node = (id: string, type: string, params: Record<string, unknown>) => ({
  id,
  type,
  version: 1,
  position: { x: 0, y: 0 },
  params,
});

it('runs a deployed webhook workflow twice and records every step', async () => {
  const owner = await t.signup('Maya', 'Shop');
  const graph = {
    schemaVersion: 1,
    nodes: [
      node('order', 'trigger.webhook', {}),
      node('big', 'logic.condition', { rule: { '>': [{ var: 'trigger.body.amount' }, 100] } }),
      node('summary', 'data.transform', {
        output: { customer: '{% $trigger.body.customer %}', amount: '{% $trigger.body.amount %}' },
      }),
      node('notify', 'http.request', { method: 'POST', url: echoUrl, body: '{% $summary %}' }),
      node('small', 'data.transform', { output: { skipped: true } }),
    ],
    edges: [
      { id: 'e1', source: 'order', sourceHandle: null, target: 'big' },
      { id: 'e2', source: 'big', sourceHandle: 'true', target: 'summary' },
      { id: 'e3', source: 'summary', sourceHandle: null, target: 'notify' },
      { id: 'e4', source: 'big', sourceHandle: 'false', target: 'small' },
    ],
  };
  const created = await t.call('POST', '/api/v1/workflows', {
    as: owner,
    body: { name: 'Big orders', graph },
  });
  expect(created.status, created.text).toBe(201);
  const deployed = await t.call('POST', `/api/v1/workflows/${created.body.id}/deploy`, { as: owner });
  expect(deployed.status, deployed.text).toBe(200);
  const hook = new URL(deployed.body.webhookUrl).pathname;

  const bigPost = await t.call('POST', hook, { body: { customer: 'Ada', amount: 250 } });
  const smallPost = await t.call('POST', hook, { body: { customer: 'Bob', amount: 20 } });
  expect([bigPost.status, smallPost.status]).toEqual([202, 202]);

  const runOf = (runId: string) =>
    waitFor(async () => {
      const res = await t.call('GET', `/api/v1/runs/${runId}`, { as: owner });
      return res.body.status !== 'RUNNING' && res.body;
    });
  const big = await runOf(bigPost.body.runId);
  const small = await runOf(smallPost.body.runId);

  expect(big.status, JSON.stringify(big.error)).toBe('SUCCEEDED');
  expect(big.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status])).toEqual([
    ['order', 'SUCCEEDED'],
    ['big', 'SUCCEEDED'],
    ['summary', 'SUCCEEDED'],
    ['notify', 'SUCCEEDED'],
  ]);
  const notify = big.steps.find((s: { nodeId: string }) => s.nodeId === 'notify');
  expect(notify.output).toMatchObject({ status: 200, body: { ok: true, echoed: 1 } });
  expect(notify.attempts).toBe(1);

  expect(small.status).toBe('SUCCEEDED');
  expect(small.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['order', 'big', 'small']);
  expect(small.output).toEqual({ skipped: true });

  expect(received).toEqual([{ method: 'POST', url: '/orders', body: { customer: 'Ada', amount: 250 } }]);
});

it('answers 422, not 500, when a webhook body is over the 256 KiB run input limit', async () => {
  const owner = await t.signup('Lee', 'Big bodies');
  const graph = {
    schemaVersion: 1,
    nodes: [node('order', 'trigger.webhook', {}), node('keep', 'data.transform', { output: { ok: true } })],
    edges: [{ id: 'e1', source: 'order', sourceHandle: null, target: 'keep' }],
  };
  const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Big', graph } });
  const { webhookUrl } = (await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner })).body;
  const res = await t.call('POST', new URL(webhookUrl).pathname, { body: { blob: 'x'.repeat(300_000) } });
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toContain('problem+json');
});
