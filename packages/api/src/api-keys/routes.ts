// API keys: create (the key is shown once), list (no secrets), read, revoke. A key acts in its
// organisation with a role's permissions or an explicit list of scopes, never more than its
// creator holds, and never `organization:delete`.
import { z } from 'zod';
import { allPermissions, type Permission, permissionsOf, roleRank } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { ApiKeySchema, CreatedApiKeySchema, KeyRoleSchema as KeyRole } from '../contract/api-keys.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams, NoContent, Timestamp } from '../http/schemas.ts';
import { iso, newId } from '../ids.ts';
import { callerRank } from '../orgs/member-routes.ts';
import { type ApiKeyRow, keyScopes, mintKey } from './keys.ts';
import { prepared } from '../db/prepared.ts';

const grantable = allPermissions.filter((p) => p !== 'organization:delete') as [Permission, ...Permission[]];
const keyJson = (row: ApiKeyRow) => ({
  id: row.id,
  name: row.name,
  prefix: `fdk_${row.prefix}`,
  role: row.role,
  scopes: row.role ? [...permissionsOf(row.role)] : keyScopes(row),
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
});

export function apiKeyRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock } = deps;
  const find = (orgId: string, id: string) => {
    const row = prepared(db, 'SELECT * FROM api_keys WHERE id = ? AND organization_id = ?').get(id, orgId) as
      | ApiKeyRow
      | undefined;
    if (!row) throw problems.notFound('API key');
    return row;
  };

  r.add({
    method: 'post',
    path: '/api/v1/api-keys',
    summary: 'Create an API key; the key itself is in this answer only',
    description: 'Give either `role` (viewer, editor, admin) or `scopes` (a list of permissions), not both.',
    tags: ['api-keys'],
    auth: 'org',
    permission: 'apikey:manage',
    body: z
      .strictObject({
        name: z.string().trim().min(1).max(100),
        role: KeyRole.optional(),
        scopes: z.array(z.enum(grantable)).min(1).max(grantable.length).optional(),
        expiresAt: Timestamp.optional(),
      })
      .refine((b) => (b.role === undefined) !== (b.scopes === undefined), {
        message: 'Give exactly one of `role` or `scopes`.',
        path: ['role'],
      }),
    responses: { 201: { description: 'Created.', schema: CreatedApiKeySchema } },
    handler({ c, org, body, principal }) {
      const now = clock.now();
      if (body.role && roleRank(body.role) > callerRank(org)) {
        throw problems.forbidden('A key cannot have a role above your own.');
      }
      const scopes = body.scopes ? [...new Set(body.scopes)] : [];
      const beyond = scopes.filter((s) => !org.permissions.has(s));
      if (beyond.length)
        throw problems.forbidden(`You cannot grant scopes you do not hold: ${beyond.join(', ')}.`);
      const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : null;
      if (expiresAt !== null && expiresAt <= now) {
        throw problems.validation([
          { location: 'body', path: 'expiresAt', message: 'Must be in the future.' },
        ]);
      }
      const minted = mintKey();
      const row: ApiKeyRow = {
        id: newId('key'),
        organization_id: org.organizationId,
        name: body.name,
        prefix: minted.prefix,
        key_hash: minted.hash,
        role: body.role ?? null,
        scopes: JSON.stringify(scopes),
        created_by: principal.kind === 'user' ? principal.userId : principal.keyId,
        created_at: now,
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
      };
      db.transaction(() => {
        prepared(
          db,
          `INSERT INTO api_keys (id, organization_id, name, prefix, key_hash, role, scopes, created_by, created_at, expires_at)
           VALUES (@id, @organization_id, @name, @prefix, @key_hash, @role, @scopes, @created_by, @created_at, @expires_at)`,
        ).run(row);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'api_key.create',
          target: { type: 'api_key', id: row.id },
          after: keyJson(row),
        });
      })();
      return c.json({ ...keyJson(row), key: minted.key }, 201);
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/api-keys',
    summary: 'API keys of the current organisation (never the secrets)',
    tags: ['api-keys'],
    auth: 'org',
    permission: 'apikey:manage',
    responses: { 200: { description: 'Keys.', schema: z.object({ items: z.array(ApiKeySchema) }) } },
    handler({ c, org }) {
      const rows = prepared(
        db,
        'SELECT * FROM api_keys WHERE organization_id = ? ORDER BY created_at DESC, id',
      ).all(org.organizationId) as ApiKeyRow[];
      return c.json({ items: rows.map(keyJson) });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/api-keys/:id',
    summary: 'One API key (never the secret)',
    tags: ['api-keys'],
    auth: 'org',
    permission: 'apikey:manage',
    params: IdParams,
    responses: { 200: { description: 'The key.', schema: ApiKeySchema } },
    handler({ c, org, params }) {
      return c.json(keyJson(find(org.organizationId, params.id)));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/api-keys/:id',
    summary: 'Revoke an API key (it stops working at once)',
    tags: ['api-keys'],
    auth: 'org',
    permission: 'apikey:manage',
    params: IdParams,
    responses: NoContent,
    handler({ c, org, params }) {
      db.transaction(() => {
        const row = find(org.organizationId, params.id);
        if (row.revoked_at !== null) return;
        const after = { ...row, revoked_at: clock.now() };
        prepared(db, 'UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(after.revoked_at, row.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'api_key.revoke',
          target: { type: 'api_key', id: row.id },
          before: keyJson(row),
          after: keyJson(after),
        });
      })();
      return c.body(null, 204);
    },
  });
}
