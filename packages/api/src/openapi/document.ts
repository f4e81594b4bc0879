// The OpenAPI 3.1 document, built from the very route specs (and zod schemas) the app mounts.
// zod 4's `z.toJSONSchema` gives draft 2020-12 schemas, which OpenAPI 3.1 uses as is; schemas
// named with `.meta({ id })` are hoisted into `components.schemas`.
import { z } from 'zod';
import type { RouteSpec } from '../http/route.ts';
import { errorResponses } from '../http/schemas.ts';

type Json = Record<string, unknown>;

export function buildOpenApiDocument(routes: RouteSpec[], info: { version: string }): Json {
  const components: Record<string, unknown> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
    const { $schema: _, $defs, ...rest } = raw;
    for (const [name, def] of Object.entries(($defs ?? {}) as Json)) components[name] = rewriteRefs(def);
    return rewriteRefs(rest) as Json;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const s = toSchema(schema, 'input');
      const required = new Set((s.required as string[] | undefined) ?? []);
      for (const [name, prop] of Object.entries((s.properties ?? {}) as Json)) {
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop });
      }
    }
    const responses: Record<string, unknown> = {};
    const all = { ...errorResponses(route.auth, Boolean(route.body)), ...route.responses };
    for (const [status, spec] of Object.entries(all)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema
          ? {
              content: {
                [spec.contentType ?? 'application/json']: { schema: toSchema(spec.schema, 'output') },
              },
            }
          : {}),
      };
    }
    const operation: Json = {
      operationId: operationId(route),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
      security:
        route.auth === 'public'
          ? []
          : route.auth === 'user'
            ? [{ session: [] }]
            : [{ session: [] }, { apiKey: [] }],
      ...(route.permission ? { 'x-permission': route.permission } : {}),
    };
    paths[path] ??= {};
    paths[path][route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Flowdeck API',
      version: info.version,
      description:
        'REST + JSON. Errors are RFC 9457 problem+json. Authenticate with the session cookie (browser) or `Authorization: Bearer <API key>`. ' +
        'Session users choose the organisation with `X-Flowdeck-Org`. See docs/api.md and docs/permissions.md.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'flowdeck_session' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key `fdk_…` created with POST /api/v1/api-keys.',
        },
      },
    },
  };
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      out[k] =
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/$defs/', '#/components/schemas/')
          : rewriteRefs(v);
    }
    return out;
  }
  return value;
}

function operationId(route: RouteSpec): string {
  const words = route.path
    .replace('/api/v1/', '')
    .split('/')
    .map((part) => (part.startsWith(':') ? `by_${part.slice(1)}` : part))
    .join('_');
  return `${route.method}_${words}`.replace(/[^A-Za-z0-9_]/g, '_');
}
