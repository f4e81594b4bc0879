import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
import { connectionCredentials } from './routes.ts';
import { createSecretBox } from './secret-box.ts';

let t: TestApp;
afterEach(() => t?.close());

describe('connections', () => {
  it('stores credentials encrypted and never answers them', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const viewer = await memberWithRole(t, owner, 'viewer');
    const created = await t.call('POST', '/api/v1/connections', {
      as: owner,
      body: { kind: 'linkedin', name: 'Brand page', credentials: { accessToken: 'li-secret-token' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'linkedin', credentialKeys: ['accessToken'] });
    const row = t.deps.db.prepare('SELECT * FROM connections').get() as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain('li-secret-token');
    const listed = await t.call('GET', '/api/v1/connections', { as: viewer });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain('li-secret-token');
    expect(connectionCredentials(t.deps, owner.orgId, created.body.id)).toEqual({
      accessToken: 'li-secret-token',
    });
    expect(connectionCredentials(t.deps, 'org_other', created.body.id)).toBeUndefined();

    await t.call('PATCH', `/api/v1/connections/${created.body.id}`, {
      as: owner,
      body: { credentials: { apiKey: 'new' } },
    });
    expect(connectionCredentials(t.deps, owner.orgId, created.body.id)).toEqual({ apiKey: 'new' });
    const audit = await t.call('GET', '/api/v1/audit?action=connection.', { as: owner });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'connection.reconnect',
      'connection.create',
    ]);
    expect(audit.text).not.toContain('new');
    expect((await t.call('DELETE', `/api/v1/connections/${created.body.id}`, { as: viewer })).status).toBe(
      403,
    );
    expect((await t.call('DELETE', `/api/v1/connections/${created.body.id}`, { as: owner })).status).toBe(
      204,
    );
  });

  it('seals with AES-256-GCM: a tampered secret does not open', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('hello');
    expect(box.open(sealed)).toBe('hello');
    expect(box.seal('hello')).not.toBe(sealed);
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64');
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });
});
