// Who is calling, and in which organisation. A Bearer API key acts in its own organisation;
// a session user picks one with `X-Flowdeck-Org` (default: the first they joined).
import type { Context } from 'hono';
import { permissionsOf, type Role } from '../access/permissions.ts';
import { findActiveKey, keyScopes } from '../api-keys/keys.ts';
import type { AppDeps } from '../deps.ts';
import type { AppEnv, OrgContext, Principal } from '../http/env.ts';
import { problems } from '../http/problem.ts';
import { requireSameOriginProof } from './csrf.ts';
import { findSession, readSessionCookie } from './sessions.ts';
import { prepared } from '../db/prepared.ts';

export const ORG_HEADER = 'x-flowdeck-org';
const LAST_USED_RESOLUTION_MS = 60_000;

export function authenticate(c: Context<AppEnv>, deps: AppDeps, mode: 'user' | 'org'): Principal {
  const now = deps.clock.now();
  const authorization = c.req.header('authorization');
  if (authorization) {
    const [scheme, key] = authorization.split(' ', 2);
    if (scheme.toLowerCase() !== 'bearer' || !key)
      throw problems.unauthorized('Use `Authorization: Bearer <key>`.');
    const row = findActiveKey(deps.db, key.trim(), now);
    if (!row) throw problems.unauthorized('The API key is unknown, revoked or expired.');
    c.var.limits.apiKey.hit(row.id);
    if (row.last_used_at === null || now - row.last_used_at > LAST_USED_RESOLUTION_MS) {
      prepared(deps.db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
    }
    if (mode === 'user') throw problems.forbidden('This route needs a signed-in person, not an API key.');
    const principal: Principal = {
      kind: 'apiKey',
      keyId: row.id,
      organizationId: row.organization_id,
      role: row.role,
      scopes: keyScopes(row),
    };
    c.set('principal', principal);
    return principal;
  }
  const token = readSessionCookie(c);
  const session = token ? findSession(deps.db, token, now) : undefined;
  if (!session) throw problems.unauthorized();
  requireSameOriginProof(c);
  const principal: Principal = {
    kind: 'user',
    userId: session.id,
    email: session.email,
    name: session.name,
    sessionTokenHash: session.token_hash,
  };
  c.set('principal', principal);
  return principal;
}

export function resolveOrganization(c: Context<AppEnv>, deps: AppDeps, principal: Principal): OrgContext {
  const requested = c.req.header(ORG_HEADER);
  let org: OrgContext;
  if (principal.kind === 'apiKey') {
    if (requested && requested !== principal.organizationId) throw problems.notFound('organization');
    org = {
      organizationId: principal.organizationId,
      role: principal.role,
      permissions: principal.role ? permissionsOf(principal.role) : new Set(principal.scopes),
    };
  } else {
    const row = (
      requested
        ? prepared(
            deps.db,
            'SELECT organization_id, role FROM memberships WHERE user_id = ? AND organization_id = ?',
          ).get(principal.userId, requested)
        : prepared(
            deps.db,
            'SELECT organization_id, role FROM memberships WHERE user_id = ? ORDER BY created_at, rowid LIMIT 1',
          ).get(principal.userId)
    ) as { organization_id: string; role: Role } | undefined;
    if (!row) throw problems.notFound('organization');
    org = { organizationId: row.organization_id, role: row.role, permissions: permissionsOf(row.role) };
  }
  c.set('org', org);
  return org;
}
