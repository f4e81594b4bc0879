// Each role (and each API key role) against each action, table-driven from the permission table
// and the route registry: a caller lacking the route's permission gets 403, one holding it never does.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/harness.ts';
import { populatedOrg } from '../testing/fixtures.ts';
import { pathFor } from '../testing/fixtures.ts';
import { permissionsOf, type Role, roles } from './permissions.ts';

const probe = createTestApp();
const specs = probe.app.specs;
probe.close();

const callers: {
  label: string;
  role: Role;
  pick: (o: Awaited<ReturnType<typeof populatedOrg>>) => { headers: Record<string, string> };
}[] = [
  { label: 'viewer', role: 'viewer', pick: (o) => o.members.viewer },
  { label: 'editor', role: 'editor', pick: (o) => o.members.editor },
  { label: 'admin', role: 'admin', pick: (o) => o.members.admin },
  { label: 'viewer API key', role: 'viewer', pick: (o) => o.keys.viewer },
  { label: 'editor API key', role: 'editor', pick: (o) => o.keys.editor },
  { label: 'admin API key', role: 'admin', pick: (o) => o.keys.admin },
  // last: the owner may delete the organisation
  { label: 'owner', role: 'owner', pick: (o) => o.owner },
];

describe('permission table', () => {
  it('has each role include every permission of the roles below it', () => {
    for (let i = 1; i < roles.length; i++) {
      for (const p of permissionsOf(roles[i - 1])) expect(permissionsOf(roles[i]).has(p)).toBe(true);
    }
    expect(permissionsOf('admin').has('organization:delete')).toBe(false);
    expect(permissionsOf('owner').has('organization:delete')).toBe(true);
  });
});

describe.each(specs.filter((s) => s.permission))('$method $path needs $permission', (spec) => {
  it('is refused (403) to exactly the roles without it', async () => {
    const t = createTestApp();
    try {
      const org = await populatedOrg(t);
      const path = pathFor(spec.path, org);
      for (const caller of callers) {
        const res = await t.call(spec.method.toUpperCase(), path, {
          as: caller.pick(org) as never,
          ...(spec.body ? { body: {} } : {}),
        });
        const allowed = permissionsOf(caller.role).has(spec.permission!);
        expect(res.status, `${caller.label}: ${res.text}`).toBeLessThan(500);
        if (allowed) expect(res.status, `${caller.label}: ${res.text}`).not.toBe(403);
        else {
          expect(res.status, caller.label).toBe(403);
          expect(res.body.detail).toContain(spec.permission);
        }
      }
    } finally {
      await t.close();
    }
  });
});

describe('routes for people only', () => {
  it.each(specs.filter((s) => s.auth === 'user'))('$method $path refuses API keys', async (spec) => {
    const t = createTestApp();
    try {
      const org = await populatedOrg(t);
      const res = await t.call(spec.method.toUpperCase(), spec.path, {
        as: org.keys.admin,
        body: spec.body ? {} : undefined,
      });
      expect(res.status).toBe(403);
    } finally {
      await t.close();
    }
  });
});

describe('API keys with explicit scopes', () => {
  it('can do what the scopes list and nothing else', async () => {
    const t = createTestApp();
    try {
      const org = await populatedOrg(t);
      const created = await t.call('POST', '/api/v1/api-keys', {
        as: org.owner,
        body: { name: 'team bot', scopes: ['team:read', 'team:manage'] },
      });
      expect(created.status).toBe(201);
      const bot = { headers: { authorization: `Bearer ${created.body.key}` }, orgId: org.owner.orgId };
      expect((await t.call('POST', '/api/v1/teams', { as: bot, body: { name: 'Bots' } })).status).toBe(201);
      expect((await t.call('GET', '/api/v1/teams', { as: bot })).status).toBe(200);
      expect((await t.call('GET', '/api/v1/members', { as: bot })).status).toBe(403);
      expect((await t.call('GET', '/api/v1/audit', { as: bot })).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
