// Every answer carries the security headers Hono's `secureHeaders` middleware gives (with
// Cross-Origin-Resource-Policy and -Opener-Policy off, as the app always used it) and its request
// id — whether a route builds its answer with `respondJson` (the webhook) or the middleware adds
// them. Checked in-process and over a real socket through @hono/node-server, whose response path
// differs (plain header objects).
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, type TestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';
import { serveOnSocket } from './test-socket.ts';

let t: TestApp;
let owner: Caller;
const hooks: Record<'sync' | 'async' | 'failing' | 'signed', string> = {} as never;
let secret: string;

/** What Hono's middleware sets, as the app configured it before it precomputed them. */
async function referenceHeaders(): Promise<Record<string, string>> {
  const app = new Hono();
  app.use(secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  app.get('/', (c) => c.text('ok'));
  const headers = Object.fromEntries((await app.request('/')).headers);
  delete headers['content-type'];
  return headers;
}

beforeAll(async () => {
  t = createTestApp({ bodyLimitBytes: 1000 });
  owner = await t.signup();
  const deploy = async (name: string, graph: unknown) => {
    const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name, graph } });
    const res = await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
    expect(res.status, res.text).toBe(200);
    return { id: wf.body.id as string, path: new URL(res.body.webhookUrl).pathname };
  };
  const transform = { type: 'data.transform', params: { output: '{% $trigger.body.n * 2 %}' } };
  hooks.sync = (
    await deploy('Sync', chain({ type: 'trigger.webhook', params: { responseMode: 'sync' } }, transform))
  ).path;
  hooks.async = (await deploy('Async', chain({ type: 'trigger.webhook' }, transform))).path;
  hooks.failing = (
    await deploy(
      'Failing',
      chain(
        { type: 'trigger.webhook', params: { responseMode: 'sync' } },
        { type: 'logic.stop', params: { error: 'Order.Invalid', cause: 'No items' } },
      ),
    )
  ).path;
  const signed = await deploy('Signed', chain({ type: 'trigger.webhook' }, transform));
  hooks.signed = signed.path;
  secret = (await t.call('POST', `/api/v1/workflows/${signed.id}/webhook-secret`, { as: owner })).body.secret;
});
afterAll(() => t?.close());

type Send = (
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: Headers }>;

/** Answers of every kind: JSON, problems, HTML, and each of the webhook's answers. */
async function answers(send: Send) {
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ n: 21 });
  const cases: [string, number, Parameters<Send>][] = [
    ['health', 200, ['GET', '/healthz']],
    ['unknown route', 404, ['GET', '/api/v1/nothing-here']],
    ['unauthenticated', 401, ['GET', '/api/v1/auth/me']],
    ['wrong method', 405, ['DELETE', '/api/v1/auth/me']],
    ['signed in', 200, ['GET', '/api/v1/workflows', { headers: owner.headers }]],
    ['openapi', 200, ['GET', '/api/v1/openapi.json']],
    ['docs page', 200, ['GET', '/api/docs']],
    ['body too large', 413, ['POST', '/api/v1/auth/signup', { headers: json, body: 'x'.repeat(2000) }]],
    ['webhook sync', 200, ['POST', hooks.sync, { headers: json, body }]],
    ['webhook async', 202, ['POST', hooks.async, { headers: json, body }]],
    ['webhook failed run', 502, ['POST', hooks.failing, { headers: json, body }]],
    ['webhook unknown', 404, ['POST', '/webhooks/no-such-token', { headers: json, body }]],
    ['webhook unsigned', 401, ['POST', hooks.signed, { headers: json, body }]],
    [
      'webhook signed',
      202,
      [
        'POST',
        hooks.signed,
        {
          headers: {
            ...json,
            'x-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
          },
          body,
        },
      ],
    ],
  ];
  const out = [];
  for (const [i, [name, status, [method, path, init]]] of cases.entries()) {
    const requestId = `case-${i}`;
    const res = await send(method, path, {
      ...init,
      headers: { ...init?.headers, 'x-request-id': requestId },
    });
    out.push({ name, status, requestId, res });
  }
  return out;
}

async function expectStandardHeaders(send: Send) {
  const reference = await referenceHeaders();
  expect(Object.keys(reference).length).toBeGreaterThan(5);
  for (const { name, status, requestId, res } of await answers(send)) {
    expect(res.status, name).toBe(status);
    for (const [header, value] of Object.entries(reference))
      expect(res.headers.get(header), `${name}: ${header}`).toBe(value);
    expect(res.headers.get('x-request-id'), name).toBe(requestId);
    for (const absent of ['cross-origin-resource-policy', 'cross-origin-opener-policy', 'x-powered-by'])
      expect(res.headers.get(absent), `${name}: ${absent}`).toBeNull();
  }
}

describe('standard response headers', () => {
  it('are on every answer of the app (in-process)', async () => {
    await expectStandardHeaders(async (method, path, init) => {
      const res = await t.app.request(path, { method, headers: init?.headers, body: init?.body });
      await res.arrayBuffer();
      return res;
    });
  });

  describe('over a socket through @hono/node-server', () => {
    let server: Awaited<ReturnType<typeof serveOnSocket>>;
    let base: string;
    beforeAll(async () => {
      server = await serveOnSocket(t.app);
      base = server.base;
    });
    afterAll(() => server.close());

    it('are on every answer', async () => {
      await expectStandardHeaders(async (method, path, init) => {
        const res = await fetch(base + path, { method, headers: init?.headers, body: init?.body });
        await res.arrayBuffer();
        return res;
      });
    });

    it('come with the webhook’s own: content type, length and run id', async () => {
      const res = await fetch(base + hooks.sync, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n: 4 }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toBe(8);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('content-length')).toBe('1');
      expect(res.headers.get('x-flowdeck-run-id')).toMatch(/^run_/);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
