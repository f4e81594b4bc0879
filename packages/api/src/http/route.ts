// One route = one spec: method, path, who may call it, zod schemas and handler. The registry
// mounts it on Hono (authentication → organisation → permission → validation → handler) and
// keeps the spec, so the OpenAPI document and the permission tests come from the same source.
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Permission } from '../access/permissions.ts';
import { requirePermission } from '../access/require-permission.ts';
import { authenticate, resolveOrganization } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { readJsonBody } from './body.ts';
import type { AppEnv, OrgContext, Principal } from './env.ts';
import { validate } from './validate.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * - `public`: anyone;
 * - `user`: a signed-in person (session cookie), no organisation needed;
 * - `org`: a person or an API key, acting in the current organisation.
 */
export type AuthMode = 'public' | 'user' | 'org';

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

export interface RouteInput<B extends Schema, Q extends Schema, P extends Schema> {
  c: Context<AppEnv>;
  deps: AppDeps;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  /** Set for `user` and `org` routes. */
  principal: Principal;
  /** Set for `org` routes. */
  org: OrgContext;
}

export interface RouteSpec<B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema> {
  method: Method;
  /** Hono path, e.g. `/api/v1/teams/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthMode;
  permission?: Permission;
  body?: B;
  query?: Q;
  params?: P;
  responses: Record<number, ResponseSpec>;
  handler(input: RouteInput<B, Q, P>): Response | Promise<Response>;
}

export class RouteRegistry {
  readonly routes: RouteSpec[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly deps: AppDeps,
  ) {}

  add<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
    spec: RouteSpec<B, Q, P>,
  ): void {
    if (spec.permission && spec.auth !== 'org')
      throw new Error(`${spec.path}: a permission needs auth 'org'`);
    this.routes.push(spec as unknown as RouteSpec);
    const deps = this.deps;
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal = spec.auth === 'public' ? undefined : authenticate(c, deps, spec.auth);
      const org = spec.auth === 'org' && principal ? resolveOrganization(c, deps, principal) : undefined;
      if (spec.permission) requirePermission(org, spec.permission);
      const params = spec.params ? validate(spec.params, c.req.param(), 'path') : undefined;
      const query = spec.query ? validate(spec.query, c.req.query(), 'query') : undefined;
      const body = spec.body ? validate(spec.body, await readJsonBody(c), 'body') : undefined;
      return spec.handler({
        c,
        deps,
        body: body as Out<B>,
        query: query as Out<Q>,
        params: params as Out<P>,
        principal: principal as Principal,
        org: org as OrgContext,
      });
    });
  }
}
