import { builtinNodes, defineNode, p } from '@flowdeck/nodes';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../app.ts';
import { createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';
import { testEngine } from '../testing/test-engine.ts';

let t: TestApp;
afterEach(() => t?.close());

type Item = { type: string; version: number; [k: string]: unknown };
const find = (items: Item[], type: string) => items.find((i) => i.type === type);

describe('GET /api/v1/nodes', () => {
  it('lists every built-in node with its form schema and outputs, for every role', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const res = await t.call('GET', '/api/v1/nodes', { as: owner });
    expect(res.status).toBe(200);
    const items = res.body.items as Item[];
    expect(items.map((i) => `${i.type}@${i.version}`).sort()).toEqual(
      builtinNodes.map((n) => `${n.type}@${n.version}`).sort(),
    );
    const http = find(items, 'http.request')!;
    expect(http).toMatchObject({
      kind: 'action',
      title: 'HTTP request',
      category: 'developer',
      icon: 'globe',
      description: expect.any(String),
    });
    expect(http.paramsSchema).toEqual(builtinNodes.find((n) => n.type === 'http.request')!.paramsSchema);
    expect(http.outputHandles).toBeUndefined();
    expect(find(items, 'logic.condition')!.outputHandles).toEqual(['true', 'false']);
    expect(find(items, 'logic.switch')!.outputHandles).toEqual({ fromParams: 'cases', plus: ['default'] });
    expect(find(items, 'logic.stop')!.outputHandles).toEqual([]);

    for (const role of ['viewer', 'editor', 'admin']) {
      const member = await memberWithRole(t, owner, role);
      const answer = await t.call('GET', '/api/v1/nodes', { as: member });
      expect(answer.status, role).toBe(200);
      expect(answer.body).toEqual(res.body);
    }
    const key = await t.call('POST', '/api/v1/api-keys', { as: owner, body: { name: 'ci', role: 'viewer' } });
    const byKey = await t.call('GET', '/api/v1/nodes', {
      headers: { authorization: `Bearer ${key.body.key}` },
    });
    expect(byKey.status).toBe(200);
  });

  it('needs a caller and answers 404 for an organisation they are not in', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const stranger = await t.signup('Eve', 'Evil');
    expect((await t.call('GET', '/api/v1/nodes')).status).toBe(401);
    const foreign = await t.call('GET', '/api/v1/nodes', {
      as: { ...stranger, headers: { ...stranger.headers, 'x-flowdeck-org': owner.orgId } },
    });
    expect(foreign.status).toBe(404);
  });

  it('includes plugin nodes the engine was given, and is in the OpenAPI document', async () => {
    const plugin = defineNode({
      type: 'acme.shout',
      version: 2,
      kind: 'action',
      title: 'Shout',
      category: 'acme',
      icon: 'megaphone',
      connection: 'acme',
      props: { account: p.connection({ label: 'Account', connectionKind: 'acme', required: true }) },
      sampleOutput: { shouted: 'HELLO' },
      async run() {
        return { shouted: 'HELLO' };
      },
    });
    const engine = { ...testEngine(), catalog: createBuiltinCatalog([plugin]) };
    t = createTestApp({}, coreModules, undefined, engine);
    const owner = await t.signup();
    const items = (await t.call('GET', '/api/v1/nodes', { as: owner })).body.items as Item[];
    expect(find(items, 'acme.shout')).toMatchObject({
      version: 2,
      connection: 'acme',
      sampleOutput: { shouted: 'HELLO' },
      paramsSchema: { properties: { account: { 'x-connection-kind': 'acme' } } },
    });
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/nodes'].get['x-permission']).toBe('workflow:read');
    expect(doc.body.components.schemas.NodeType).toBeDefined();
  });
});
