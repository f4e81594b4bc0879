import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../testing/harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const creds = {
  email: 'Maya@Example.com',
  password: 'correct horse battery',
  name: 'Maya',
  organization: 'Brand A',
};

describe('accounts and sessions', () => {
  it('signs up a user who owns a new organisation and is signed in', async () => {
    t = createTestApp();
    const res = await t.call('POST', '/api/v1/auth/signup', { body: creds, headers: { origin: ORIGIN } });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe('maya@example.com');
    expect(res.body.organizations).toEqual([expect.objectContaining({ name: 'Brand A', role: 'owner' })]);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/flowdeck_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await t.call('GET', '/api/v1/auth/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('Maya');
  });

  it('stores a salted scrypt hash, never the password', async () => {
    t = createTestApp();
    await t.call('POST', '/api/v1/auth/signup', { body: creds });
    await t.call('POST', '/api/v1/auth/signup', { body: { ...creds, email: 'other@example.com' } });
    const rows = t.deps.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$/);
      expect(r.password_hash).not.toContain(creds.password);
    }
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
  });

  it('refuses a second account with the same email (any case)', async () => {
    t = createTestApp();
    await t.call('POST', '/api/v1/auth/signup', { body: creds });
    const again = await t.call('POST', '/api/v1/auth/signup', {
      body: { ...creds, email: 'maya@EXAMPLE.com' },
    });
    expect(again.status).toBe(409);
  });

  it('logs in with the right password only', async () => {
    t = createTestApp();
    await t.call('POST', '/api/v1/auth/signup', { body: creds });
    const wrong = await t.call('POST', '/api/v1/auth/login', {
      body: { email: creds.email, password: 'nope nope' },
    });
    expect(wrong.status).toBe(401);
    const unknown = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'x@example.com', password: 'nope' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const ok = await t.call('POST', '/api/v1/auth/login', {
      body: { email: creds.email, password: creds.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.organizations[0].role).toBe('owner');
  });

  it('rate-limits login per email and IP with Retry-After, then lets the person try again', async () => {
    t = createTestApp({ loginRateLimit: { max: 3, windowMs: 60_000 } });
    await t.call('POST', '/api/v1/auth/signup', { body: creds });
    const attempt = (email = creds.email, password = 'wrong password') =>
      t.call('POST', '/api/v1/auth/login', { body: { email, password } });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // even the right password waits for the window
    expect((await attempt(creds.email, creds.password)).status).toBe(429);
    // another email is not affected
    expect((await attempt('someone@example.com')).status).toBe(401);
    t.clock.advance(61_000);
    expect((await attempt(creds.email, creds.password)).status).toBe(200);
  });

  it('logs out: the session stops working and the cookie is cleared', async () => {
    t = createTestApp();
    const a = await t.signup();
    const out = await t.call('POST', '/api/v1/auth/logout', { as: a });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/flowdeck_session=;/);
    expect((await t.call('GET', '/api/v1/auth/me', { as: a })).status).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    t = createTestApp({ sessionTtlMs: 60_000 });
    const a = await t.signup();
    expect((await t.call('GET', '/api/v1/auth/me', { as: a })).status).toBe(200);
    t.clock.advance(60_001);
    expect((await t.call('GET', '/api/v1/auth/me', { as: a })).status).toBe(401);
  });

  it('marks the cookie Secure behind an https proxy it trusts', async () => {
    t = createTestApp({ trustProxy: true });
    const res = await t.call('POST', '/api/v1/auth/signup', {
      body: creds,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('needs a same-origin proof for cookie-authenticated changes (CSRF)', async () => {
    t = createTestApp();
    const a = await t.signup();
    const cookieOnly = { cookie: a.headers.cookie };
    const bare = await t.call('POST', '/api/v1/teams', { headers: cookieOnly, body: { name: 'Social' } });
    expect(bare.status).toBe(403);
    expect(bare.body.type).toBe('/problems/csrf');
    const foreign = await t.call('POST', '/api/v1/teams', {
      headers: { ...cookieOnly, origin: 'https://evil.example' },
      body: { name: 'Social' },
    });
    expect(foreign.status).toBe(403);
    const custom = await t.call('POST', '/api/v1/teams', {
      headers: { ...cookieOnly, 'x-flowdeck-client': 'editor' },
      body: { name: 'Social' },
    });
    expect(custom.status).toBe(201);
    const origin = await t.call('POST', '/api/v1/teams', {
      headers: { ...cookieOnly, origin: ORIGIN },
      body: { name: 'Video' },
    });
    expect(origin.status).toBe(201);
    // reads need no proof
    expect((await t.call('GET', '/api/v1/teams', { headers: cookieOnly })).status).toBe(200);
  });
});
