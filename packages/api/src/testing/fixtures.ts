// A populated organisation for table-driven tests: an owner, one member per role, API keys per
// role, and one of each resource, so every route can be tried by everyone.
import type { Role } from '../access/permissions.ts';
import { type Caller, memberWithRole, type TestApp } from './harness.ts';

export interface Org {
  owner: Caller & { userId: string };
  members: Record<Exclude<Role, 'owner'>, Caller & { userId: string }>;
  keys: Record<'viewer' | 'editor' | 'admin', Caller & { keyId: string }>;
  /** A resource id for each path parameter pattern (see `pathFor`). */
  ids: { team: string; invitation: string; apiKey: string; member: string };
}

export async function populatedOrg(t: TestApp, name = 'Acme'): Promise<Org> {
  const owner = await t.signup(`${name} owner`, name);
  const members = {
    viewer: await memberWithRole(t, owner, 'viewer', `${name} viewer`),
    editor: await memberWithRole(t, owner, 'editor', `${name} editor`),
    admin: await memberWithRole(t, owner, 'admin', `${name} admin`),
  };
  const keys = {} as Org['keys'];
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const res = await t.call('POST', '/api/v1/api-keys', { as: owner, body: { name: `${role} key`, role } });
    if (res.status !== 201) throw new Error(`key: ${res.status} ${res.text}`);
    keys[role] = {
      keyId: res.body.id,
      orgId: owner.orgId,
      headers: { authorization: `Bearer ${res.body.key}` },
    };
  }
  const spare = await t.call('POST', '/api/v1/api-keys', {
    as: owner,
    body: { name: 'spare', role: 'viewer' },
  });
  const team = await t.call('POST', '/api/v1/teams', { as: owner, body: { name: 'Social' } });
  const inv = await t.call('POST', '/api/v1/invitations', { as: owner, body: { role: 'viewer' } });
  return {
    owner,
    members,
    keys,
    ids: {
      team: team.body.id,
      invitation: inv.body.id,
      apiKey: spare.body.id,
      member: members.viewer.userId,
    },
  };
}

/** Fills a route's path parameters with real ids of `org` (throws for a route with no fixture). */
export function pathFor(path: string, org: Org): string {
  const byRoute: Record<string, Record<string, string>> = {
    '/api/v1/teams/:id': { id: org.ids.team },
    '/api/v1/teams/:id/members/:userId': { id: org.ids.team, userId: org.ids.member },
    '/api/v1/members/:id': { id: org.ids.member },
    '/api/v1/invitations/:id': { id: org.ids.invitation },
    '/api/v1/api-keys/:id': { id: org.ids.apiKey },
  };
  if (!path.includes(':')) return path;
  const values = byRoute[path];
  if (!values) throw new Error(`No fixture for ${path}: add one to testing/fixtures.ts`);
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name]);
}
