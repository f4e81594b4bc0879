import { afterEach, describe, expect, it } from 'vitest';
import type { RouteModule } from '../app.ts';
import { coreModules } from '../app.ts';
import { createTestApp, ORIGIN, type TestApp } from '../testing/harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const isProblem = (res: { headers: Headers; body: any }, status: number) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.status).toBe(status);
  expect(typeof res.body.type).toBe('string');
  expect(typeof res.body.title).toBe('string');
};

describe('errors are RFC 9457 problem+json', () => {
  it('answers 200 on /healthz once the database is open, with a request id', async () => {
    t = createTestApp();
    const res = await t.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a well-formed incoming request id', async () => {
    t = createTestApp();
    const res = await t.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('answers 404 for an unknown route', async () => {
    t = createTestApp();
    const res = await t.call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    isProblem(res, 404);
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    t = createTestApp();
    const res = await t.call('DELETE', '/api/v1/auth/me');
    expect(res.status).toBe(405);
    isProblem(res, 405);
    expect(res.headers.get('allow')).toContain('GET');
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body, 413 above the body limit', async () => {
    t = createTestApp({ bodyLimitBytes: 1000 });
    const post = (body: string, type = 'application/json') =>
      t.call('POST', '/api/v1/auth/signup', { body, headers: { 'content-type': type } });
    const malformed = await post('{"email": ');
    expect(malformed.status).toBe(400);
    isProblem(malformed, 400);
    const empty = await post('');
    expect(empty.status).toBe(400);
    const text = await post('email=a', 'application/x-www-form-urlencoded');
    expect(text.status).toBe(415);
    isProblem(text, 415);
    const huge = await post(JSON.stringify({ email: 'x'.repeat(5000) }));
    expect(huge.status).toBe(413);
    isProblem(huge, 413);
  });

  it('answers 422 listing wrong types and unknown fields by path', async () => {
    t = createTestApp();
    const res = await t.call('POST', '/api/v1/auth/signup', {
      body: { email: 'not-an-email', password: 12345678, name: 'A', organization: 'B', admin: true },
    });
    expect(res.status).toBe(422);
    isProblem(res, 422);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['admin', 'email', 'password']);
    expect(res.body.errors.every((e: { location: string }) => e.location === 'body')).toBe(true);
  });

  it('answers 422 when the body is JSON but not an object', async () => {
    t = createTestApp();
    for (const body of ['[]', '42', 'null', '"x"']) {
      const res = await t.call('POST', '/api/v1/auth/login', { body });
      expect(res.status).toBe(422);
    }
  });

  it('answers 401 without a session and 500 without leaking internals', async () => {
    const boom: RouteModule = (r) =>
      r.add({
        method: 'get',
        path: '/api/v1/boom',
        summary: 'fails',
        tags: ['test'],
        auth: 'public',
        responses: {},
        handler() {
          throw new Error('secret database path /var/lib/x');
        },
      });
    t = createTestApp({}, [...coreModules, boom]);
    const unauth = await t.call('GET', '/api/v1/auth/me');
    expect(unauth.status).toBe(401);
    isProblem(unauth, 401);
    const res = await t.call('GET', '/api/v1/boom');
    expect(res.status).toBe(500);
    isProblem(res, 500);
    expect(res.text).not.toContain('secret');
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('refuses a state-changing request from a foreign Origin, even before login', async () => {
    t = createTestApp();
    const res = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'a@example.com', password: 'whatever' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('/problems/csrf');
    const same = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'a@example.com', password: 'whatever' },
      headers: { origin: ORIGIN },
    });
    expect(same.status).toBe(401);
  });
});

describe('the editor', () => {
  it('is served at / with a fallback to index.html, never outside its folder, never over the API', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'editor-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Flowdeck</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    t = createTestApp({ editorDir: dir });
    const home = await t.call('GET', '/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<title>Flowdeck</title>');
    const asset = await t.call('GET', '/assets/app.js');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await t.call('GET', '/workflows/wf_1')).text).toContain('<title>Flowdeck</title>');
    expect((await t.call('GET', '/..%2f..%2fetc%2fpasswd')).text).toContain('<title>Flowdeck</title>');
    expect((await t.call('GET', '/api/v1/nothing')).status).toBe(404);
    expect((await t.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
  });
});
