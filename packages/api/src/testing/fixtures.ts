// A populated organisation for table-driven tests: an owner, one member per role, API keys per
// role, and one of each resource, so every route can be tried by everyone.
import type { Role } from '../access/permissions.ts';
import { type Caller, memberWithRole, type TestApp } from './harness.ts';

export interface Org {
  owner: Caller & { userId: string };
  members: Record<Exclude<Role, 'owner'>, Caller & { userId: string }>;
  keys: Record<'viewer' | 'editor' | 'admin', Caller & { keyId: string }>;
  /** A resource id for each path parameter pattern (see `pathFor`). */
  ids: {
    team: string;
    invitation: string;
    apiKey: string;
    member: string;
    workflow: string;
    connection: string;
    webhookToken: string;
    run: string;
    approval: string;
  };
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
  const connection = await t.call('POST', '/api/v1/connections', {
    as: owner,
    body: { kind: 'linkedin', name: 'Brand page', credentials: { accessToken: 'li-secret-token' } },
  });
  const inv = await t.call('POST', '/api/v1/invitations', { as: owner, body: { role: 'viewer' } });
  // a deployed webhook workflow with an approval, and one run waiting at it
  const wf = await t.call('POST', '/api/v1/workflows', {
    as: owner,
    body: { name: 'Review posts', graph: approvalGraph() },
  });
  if (wf.status !== 201) throw new Error(`workflow: ${wf.status} ${wf.text}`);
  const deployed = await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
  if (deployed.status !== 200) throw new Error(`deploy: ${deployed.status} ${deployed.text}`);
  const run = await t.call('POST', `/api/v1/workflows/${wf.body.id}/runs`, {
    as: owner,
    body: { input: { n: 1 } },
  });
  const approval = await waitFor(async () => {
    const list = await t.call('GET', '/api/v1/approvals', { as: owner });
    return list.body.items.find((a: { runId: string }) => a.runId === run.body.runId);
  });
  return {
    owner,
    members,
    keys,
    ids: {
      team: team.body.id,
      invitation: inv.body.id,
      apiKey: spare.body.id,
      member: members.viewer.userId,
      workflow: wf.body.id,
      connection: connection.body.id,
      webhookToken: String(wf.body.webhookUrl).split('/').pop()!,
      run: run.body.runId,
      approval: approval.id,
    },
  };
}

/** Fills a route's path parameters with real ids of `org` (throws for a parameter with no fixture). */
export function pathFor(path: string, org: Org): string {
  const idByPrefix: [string, string][] = [
    ['/api/v1/teams/', org.ids.team],
    ['/api/v1/members/', org.ids.member],
    ['/api/v1/invitations/', org.ids.invitation],
    ['/api/v1/api-keys/', org.ids.apiKey],
    ['/api/v1/workflows/', org.ids.workflow],
    ['/api/v1/runs/', org.ids.run],
    ['/api/v1/approvals/', org.ids.approval],
    ['/api/v1/connections/', org.ids.connection],
  ];
  const filled = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (name === 'userId') return org.ids.member;
    if (name === 'version') return '1';
    if (name === 'token') return org.ids.webhookToken;
    const hit = idByPrefix.find(([prefix]) => path.startsWith(prefix));
    if (name === 'id' && hit) return hit[1];
    throw new Error(`No fixture for :${name} in ${path}: add one to testing/fixtures.ts`);
  });
  if (filled.includes('undefined')) throw new Error(`A fixture id is missing for ${path}`);
  return filled;
}

/** webhook → approval → (approved: transform | rejected: transform). */
export function approvalGraph(responseMode: 'async' | 'sync' = 'async') {
  const node = (id: string, type: string, params: Record<string, unknown>, x: number) => ({
    id,
    type,
    version: 1,
    position: { x, y: 0 },
    params,
  });
  return {
    schemaVersion: 1,
    nodes: [
      node('hook', 'trigger.webhook', { responseMode }, 0),
      node('review', 'logic.approval', { message: 'Publish this?' }, 200),
      node('publish', 'data.transform', { output: { published: true } }, 400),
      node('drop', 'data.transform', { output: { published: false } }, 400),
    ],
    edges: [
      { id: 'e1', source: 'hook', sourceHandle: null, target: 'review' },
      { id: 'e2', source: 'review', sourceHandle: 'approved', target: 'publish' },
      { id: 'e3', source: 'review', sourceHandle: 'rejected', target: 'drop' },
    ],
  };
}

/** Polls `probe` (real time, short steps) until it returns something; for asynchronous runs. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('waitFor: condition not met');
}
