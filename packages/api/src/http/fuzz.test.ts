// Property: no JSON body, however odd, makes any route answer 5xx; every 4xx is problem+json.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { type Org, pathFor, populatedOrg } from '../testing/fixtures.ts';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = createTestApp({ loginRateLimit: { max: 1_000_000, windowMs: 60_000 } });
  org = await populatedOrg(t);
});
afterAll(() => t.close());

const knownKeys = [
  'email',
  'password',
  'name',
  'organization',
  'role',
  'scopes',
  'token',
  'description',
  'retention',
  'expiresAt',
  'maxAgeDays',
  'graph',
  'tags',
  'input',
  'version',
  'decision',
  'comment',
  'kind',
  'credentials',
];
/** Graph-shaped values: the engine's validator sees nodes and edges of every odd shape. */
const graphish = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
    nodes: fc.array(
      fc.record(
        {
          id: fc.oneof(fc.constantFrom('a', 'b', 'trigger', 'sum', 'x_1'), fc.string()),
          type: fc.oneof(
            fc.constantFrom('trigger.webhook', 'logic.condition', 'http.request', 'logic.approval'),
            fc.string(),
          ),
          version: fc.oneof(fc.constant(1), fc.integer()),
          position: fc.jsonValue(),
          params: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    ),
    edges: fc.array(
      fc.record({ id: fc.string(), source: fc.string(), target: fc.string(), sourceHandle: fc.jsonValue() }),
      {
        maxLength: 5,
      },
    ),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...knownKeys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.record({ name: fc.constant('Fuzzed'), graph: graphish }),
);

describe('random bodies', () => {
  it('never produce a 5xx on any route that takes a body', async () => {
    const specs = t.app.specs.filter((s) => s.body);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...specs), body, async (spec, value) => {
        const res = await t.call(spec.method.toUpperCase(), pathFor(spec.path, org), {
          as: org.members.admin,
          body: JSON.stringify(value),
        });
        expect(res.status, `${spec.method} ${spec.path} ${JSON.stringify(value)}: ${res.text}`).toBeLessThan(
          500,
        );
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });

  it('never produce a 5xx from random query strings on list routes', async () => {
    const specs = t.app.specs.filter((s) => s.method === 'get' && s.query);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...specs),
        fc.dictionary(
          fc.constantFrom('limit', 'cursor', 'from', 'to', 'action', 'actor', 'format', 'x'),
          fc.string(),
        ),
        async (spec, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await t.call('GET', `${pathFor(spec.path, org)}?${qs}`, { as: org.members.admin });
          expect(res.status, `${spec.path}?${qs}: ${res.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
