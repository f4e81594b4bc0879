// Every route tried across organisations: another organisation's resource answers 404, never data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { type Org, pathFor, populatedOrg } from '../testing/fixtures.ts';

/** Valid bodies, so the request reaches the lookup instead of stopping at validation. */
const validBodies: Record<string, unknown> = {
  'patch /api/v1/members/:id': { role: 'viewer' },
  'patch /api/v1/teams/:id': { name: 'Renamed' },
  'put /api/v1/workflows/:id': { name: 'x', graph: { schemaVersion: 1, nodes: [], edges: [] } },
  'post /api/v1/workflows/:id/runs': { input: {} },
  'post /api/v1/runs/:id/rerun': { version: 'same' },
  'post /api/v1/runs/:id/retry': { version: 'same' },
  'post /api/v1/approvals/:id': { decision: 'approved' },
  'patch /api/v1/connections/:id': { name: 'Renamed' },
};

let t: TestApp;
let a: Org;
let b: Org;
beforeAll(async () => {
  t = createTestApp();
  a = await populatedOrg(t, 'Alpha');
  b = await populatedOrg(t, 'Beta');
});
afterAll(() => t.close());

const specs = () => t.app.specs;

describe('across organisations', () => {
  it("answers 404 for another organisation's resource on every route with an id, for people and keys", async () => {
    const withIds = specs().filter((s) => s.path.includes(':') && s.auth !== 'public');
    expect(withIds.length).toBeGreaterThan(5);
    for (const spec of withIds) {
      const path = pathFor(spec.path, a) + (spec.path.endsWith('/diff') ? '?from=1' : '');
      const body = validBodies[`${spec.method} ${spec.path}`] ?? (spec.body ? {} : undefined);
      for (const caller of [b.owner, b.keys.admin]) {
        const res = await t.call(spec.method.toUpperCase(), path, { as: caller, body });
        expect(res.status, `${spec.method} ${spec.path}: ${res.text}`).toBe(404);
        expect(res.headers.get('content-type')).toContain('problem+json');
      }
    }
  });

  it('answers 404 on every organisation route when a person selects an organisation they are not in', async () => {
    const intruder = { ...b.owner, headers: { ...b.owner.headers, 'x-flowdeck-org': a.owner.orgId } };
    for (const spec of specs().filter((s) => s.auth === 'org')) {
      const res = await t.call(spec.method.toUpperCase(), pathFor(spec.path, a), {
        as: intruder,
        body: spec.body ? {} : undefined,
      });
      expect(res.status, `${spec.method} ${spec.path}`).toBe(404);
    }
  });

  it('answers 404 when an API key names another organisation', async () => {
    const res = await t.call('GET', '/api/v1/teams', {
      headers: { ...b.keys.admin.headers, 'x-flowdeck-org': a.owner.orgId },
    });
    expect(res.status).toBe(404);
  });

  it("never shows another organisation's ids in lists", async () => {
    const aIds = [
      a.ids.team,
      a.ids.invitation,
      a.ids.apiKey,
      a.members.admin.userId,
      a.owner.orgId,
      a.ids.workflow,
      a.ids.run,
      a.ids.approval,
      a.ids.webhookToken,
    ];
    for (const spec of specs().filter(
      // Lists: org GETs without path parameters or required query parameters (not a preview).
      (s) =>
        s.method === 'get' &&
        !s.path.includes(':') &&
        s.auth === 'org' &&
        (s.query === undefined || s.query.safeParse({}).success),
    )) {
      const res = await t.call('GET', spec.path, { as: b.owner });
      expect(res.status, spec.path).toBe(200);
      for (const id of aIds) expect(res.text, `${spec.path} leaks ${id}`).not.toContain(id);
    }
  });
});
