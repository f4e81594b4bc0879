import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../ids.ts';
import { createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` }, orgId: '' });

describe('API keys', () => {
  it('shows the key once, stores only its sha256, and authenticates as the organisation', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const created = await t.call('POST', '/api/v1/api-keys', {
      as: owner,
      body: { name: 'Zapier', role: 'editor' },
    });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^fdk_[0-9a-f]{12}_/);
    expect(key.startsWith(created.body.prefix)).toBe(true);
    const row = t.deps.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(created.body.id) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.key_hash).toBe(sha256(key));

    const list = await t.call('GET', '/api/v1/api-keys', { as: owner });
    expect(list.text).not.toContain(key);
    expect(list.body.items[0]).toMatchObject({ name: 'Zapier', role: 'editor', lastUsedAt: null });

    const asKey = await t.call('GET', '/api/v1/organization', { as: bearer(key) });
    expect(asKey.status).toBe(200);
    expect(asKey.body.id).toBe(owner.orgId);
    const after = await t.call('GET', `/api/v1/api-keys/${created.body.id}`, { as: owner });
    expect(after.body.lastUsedAt).toBe(new Date(t.clock.now()).toISOString());
    // bearer requests need no CSRF proof: the browser never attaches them by itself
    expect(
      (await t.call('POST', '/api/v1/invitations', { as: bearer(key), body: { role: 'viewer' } })).status,
    ).toBe(403);
  });

  it('stops working once revoked or expired, and rejects unknown keys', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const a = await t.call('POST', '/api/v1/api-keys', { as: owner, body: { name: 'a', role: 'viewer' } });
    expect((await t.call('DELETE', `/api/v1/api-keys/${a.body.id}`, { as: owner })).status).toBe(204);
    const revoked = await t.call('GET', '/api/v1/teams', { as: bearer(a.body.key) });
    expect(revoked.status).toBe(401);
    const expiresAt = new Date(t.clock.now() + 60_000).toISOString();
    const b = await t.call('POST', '/api/v1/api-keys', {
      as: owner,
      body: { name: 'b', role: 'viewer', expiresAt },
    });
    expect((await t.call('GET', '/api/v1/teams', { as: bearer(b.body.key) })).status).toBe(200);
    t.clock.advance(60_001);
    expect((await t.call('GET', '/api/v1/teams', { as: bearer(b.body.key) })).status).toBe(401);
    const forged = `${b.body.key.slice(0, -4)}AAAA`;
    expect((await t.call('GET', '/api/v1/teams', { as: bearer(forged) })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/teams', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('rate-limits each key with 429 and Retry-After', async () => {
    t = createTestApp({ apiKeyRateLimit: { max: 3, windowMs: 10_000 } });
    const owner = await t.signup();
    const k1 = await t.call('POST', '/api/v1/api-keys', { as: owner, body: { name: 'k1', role: 'viewer' } });
    const k2 = await t.call('POST', '/api/v1/api-keys', { as: owner, body: { name: 'k2', role: 'viewer' } });
    for (let i = 0; i < 3; i++)
      expect((await t.call('GET', '/api/v1/teams', { as: bearer(k1.body.key) })).status).toBe(200);
    const limited = await t.call('GET', '/api/v1/teams', { as: bearer(k1.body.key) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect((await t.call('GET', '/api/v1/teams', { as: bearer(k2.body.key) })).status).toBe(200);
    t.clock.advance(10_000);
    expect((await t.call('GET', '/api/v1/teams', { as: bearer(k1.body.key) })).status).toBe(200);
  });

  it('never grants more than the creator holds, nor organisation deletion', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const admin = await memberWithRole(t, owner, 'admin');
    const both = await t.call('POST', '/api/v1/api-keys', {
      as: admin,
      body: { name: 'x', role: 'viewer', scopes: ['team:read'] },
    });
    expect(both.status).toBe(422);
    const neither = await t.call('POST', '/api/v1/api-keys', { as: admin, body: { name: 'x' } });
    expect(neither.status).toBe(422);
    const ownerRole = await t.call('POST', '/api/v1/api-keys', {
      as: owner,
      body: { name: 'x', role: 'owner' },
    });
    expect(ownerRole.status).toBe(422);
    const deleteScope = await t.call('POST', '/api/v1/api-keys', {
      as: owner,
      body: { name: 'x', scopes: ['organization:delete'] },
    });
    expect(deleteScope.status).toBe(422);
    // a scoped key that may manage keys cannot mint a key with scopes it lacks
    const manager = await t.call('POST', '/api/v1/api-keys', {
      as: admin,
      body: { name: 'mgr', scopes: ['apikey:manage', 'team:read'] },
    });
    const escalate = await t.call('POST', '/api/v1/api-keys', {
      as: bearer(manager.body.key),
      body: { name: 'x', scopes: ['member:manage'] },
    });
    expect(escalate.status).toBe(403);
    const ok = await t.call('POST', '/api/v1/api-keys', {
      as: bearer(manager.body.key),
      body: { name: 'x', scopes: ['team:read'] },
    });
    expect(ok.status).toBe(201);
  });
});
