import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
import { canonicalJson, digest } from './digest.ts';

let t: TestApp;
afterEach(() => t?.close());

describe('audit log', () => {
  it('records every mutation with actor, target, digests and IP, newest first', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const team = await t.call('POST', '/api/v1/teams', { as: owner, body: { name: 'Social' } });
    t.clock.advance(1000);
    await t.call('PATCH', `/api/v1/teams/${team.body.id}`, { as: owner, body: { name: 'Social media' } });
    const key = await t.call('POST', '/api/v1/api-keys', { as: owner, body: { name: 'bot', role: 'admin' } });
    await t.call('DELETE', `/api/v1/teams/${team.body.id}`, {
      headers: { authorization: `Bearer ${key.body.key}` },
    });

    const res = await t.call('GET', '/api/v1/audit', { as: owner });
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'team.delete',
      'api_key.create',
      'team.update',
      'team.create',
      'organization.create',
    ]);
    const [deleted, , updated, created] = res.body.items;
    expect(deleted.actor).toEqual({ type: 'apiKey', id: key.body.id });
    expect(deleted.afterDigest).toBeNull();
    expect(updated.actor).toEqual({ type: 'user', id: owner.userId });
    expect(updated.target).toEqual({ type: 'team', id: team.body.id });
    expect(updated.beforeDigest).toBe(created.afterDigest);
    expect(updated.afterDigest).toBe(deleted.beforeDigest);
    expect(created.beforeDigest).toBeNull();
    expect(updated.ip).toBe('unknown');
  });

  it('filters by action, actor and time, and pages with a cursor', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const admin = await memberWithRole(t, owner, 'admin');
    const start = new Date(t.clock.now()).toISOString();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await t.call('POST', '/api/v1/teams', { as: i % 2 ? admin : owner, body: { name: `T${i}` } });
    }
    const byActor = await t.call('GET', `/api/v1/audit?actor=${admin.userId}&action=team.create`, {
      as: owner,
    });
    expect(byActor.body.items).toHaveLength(2);
    const prefix = await t.call('GET', '/api/v1/audit?action=team.', { as: owner });
    expect(prefix.body.items).toHaveLength(5);
    const window = await t.call(
      'GET',
      `/api/v1/audit?from=${new Date(Date.parse(start) + 2000).toISOString()}&to=${new Date(Date.parse(start) + 4000).toISOString()}`,
      { as: owner },
    );
    expect(window.body.items.map((e: { at: string }) => e.at)).toHaveLength(2);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.call('GET', `/api/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        as: owner,
      });
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await t.call('GET', '/api/v1/audit?limit=500', { as: owner });
    expect(seen).toEqual(all.body.items.map((e: { id: string }) => e.id));
  });

  it('exports CSV and JSON', async () => {
    t = createTestApp();
    const owner = await t.signup();
    await t.call('POST', '/api/v1/teams', { as: owner, body: { name: '=cmd()' } });
    const json = await t.call('GET', '/api/v1/audit/export?format=json', { as: owner });
    expect(json.headers.get('content-disposition')).toContain('.json');
    expect(json.body).toHaveLength(2);
    const csv = await t.call('GET', '/api/v1/audit/export?format=csv', { as: owner });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,organizationId,actorType,actorId,action,targetType,targetId,beforeDigest,afterDigest,ip',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('team.create');
  });

  it('has no route that edits or deletes entries, and the table refuses it', async () => {
    t = createTestApp();
    await t.signup();
    const auditRoutes = t.app.specs.filter((s) => s.path.startsWith('/api/v1/audit'));
    expect(auditRoutes.every((s) => s.method === 'get')).toBe(true);
    expect(() => t.deps.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => t.deps.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('digests canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(digest({ a: 1, b: 2 })).toBe(digest({ b: 2, a: 1 }));
    expect(digest({ a: 1 })).not.toBe(digest({ a: 2 }));
    expect(digest(undefined)).toBeNull();
  });
});
