import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp } from '../testing/harness.ts';

const t = createTestApp();
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every mounted route with its permission', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const spec of t.app.specs) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      const op = res.body.paths[path]?.[spec.method];
      expect(op, `${spec.method} ${path}`).toBeDefined();
      expect(op['x-permission']).toBe(spec.permission);
    }
  });

  it('describes request bodies with the same zod schemas that validate them', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json');
    const signup = t.app.specs.find((s) => s.path === '/api/v1/auth/signup')!;
    const documented =
      res.body.paths['/api/v1/auth/signup'].post.requestBody.content['application/json'].schema;
    const { $schema: _, ...expected } = z.toJSONSchema(signup.body!, { io: 'input' }) as Record<
      string,
      unknown
    >;
    expect(documented).toEqual(expected);
    expect(documented.additionalProperties).toBe(false);
  });

  it('resolves every $ref to a component', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json');
    const refs = [...res.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(res.body.components.schemas[name], name).toBeDefined();
    expect(res.text).not.toContain('#/$defs/');
  });

  it('serves a self-contained reference page', async () => {
    const res = await t.call('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('/api/v1/openapi.json');
    expect(res.text).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });
});
