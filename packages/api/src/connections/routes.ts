// Connections: credentials for a vendor (an API token, a webhook secret…) that nodes use.
// Anyone in the organisation sees that they exist; only admins create, change or delete them,
// and no route ever answers the credentials themselves.
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams, NoContent, Timestamp } from '../http/schemas.ts';
import { newId } from '../ids.ts';
import { type ConnectionRow, connectionJson } from './connection-row.ts';
import { runConnection } from './run-connection.ts';
import { createSecretBox, loadSecretKey, type SecretBox } from './secret-box.ts';

const ConnectionSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    credentialKeys: z.array(z.string()).describe('Which credential fields are set (never their values).'),
    expiresAt: Timestamp.nullable().describe('When the credentials stop working (null: never).'),
    status: z
      .enum(['active', 'expired'])
      .describe('`expired` once the clock has passed `expiresAt`: reconnect to use it again.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Connection' });

const ExpiresAt = z.iso
  .datetime({ offset: true })
  .describe('When the credentials stop working (an OAuth access token’s expiry), ISO 8601.');

const Credentials = z
  .record(z.string().min(1).max(100), z.string().max(10_000))
  .refine((c) => Object.keys(c).length <= 20, {
    message: 'At most 20 credential fields.',
  });

/** The decrypted credentials of a connection, for the node runner (never for a route). */
export function connectionCredentials(
  deps: AppDeps,
  organizationId: string,
  id: string,
): Record<string, string> | undefined {
  return openConnection(deps, organizationId, id)?.credentials;
}

/** A connection of the organisation with its row and decrypted credentials (for the node runner). */
export function openConnection(
  deps: AppDeps,
  organizationId: string,
  id: string,
): OpenConnection | undefined {
  const row = prepared(deps.db, 'SELECT * FROM connections WHERE id = ? AND organization_id = ?').get(
    id,
    organizationId,
  ) as ConnectionRow | undefined;
  if (!row) return undefined;
  return {
    row,
    kind: row.kind,
    credentials: JSON.parse(boxFor(deps).open(row.credentials)) as Record<string, string>,
  };
}

export interface OpenConnection {
  row: ConnectionRow;
  kind: string;
  credentials: Record<string, string>;
}

const boxes = new WeakMap<AppDeps, SecretBox>();
function boxFor(deps: AppDeps): SecretBox {
  let box = boxes.get(deps);
  if (!box) {
    box = createSecretBox(loadSecretKey(deps.config.dataDir));
    boxes.set(deps, box);
  }
  return box;
}

export function connectionRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock } = deps;
  // The node runner resolves a node's connection param through this app's database.
  if (deps.engine?.connections)
    deps.engine.connections.resolve = async (request) => runConnection(deps, request);
  const find = (orgId: string, id: string) => {
    const row = prepared(db, 'SELECT * FROM connections WHERE id = ? AND organization_id = ?').get(
      id,
      orgId,
    ) as ConnectionRow | undefined;
    if (!row) throw problems.notFound('connection');
    return row;
  };

  r.add({
    method: 'get',
    path: '/api/v1/connections',
    summary: 'Connections of the current organisation (never their credentials)',
    tags: ['connections'],
    auth: 'org',
    permission: 'connection:read',
    responses: {
      200: { description: 'Connections.', schema: z.object({ items: z.array(ConnectionSchema) }) },
    },
    handler({ c, org }) {
      const rows = prepared(db, 'SELECT * FROM connections WHERE organization_id = ? ORDER BY name, id').all(
        org.organizationId,
      ) as ConnectionRow[];
      const now = clock.now();
      return c.json({ items: rows.map((r) => connectionJson(r, now)) });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/connections/:id',
    summary: 'One connection (never its credentials)',
    tags: ['connections'],
    auth: 'org',
    permission: 'connection:read',
    params: IdParams,
    responses: { 200: { description: 'The connection.', schema: ConnectionSchema } },
    handler({ c, org, params }) {
      return c.json(connectionJson(find(org.organizationId, params.id), clock.now()));
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/connections',
    summary: 'Create a connection; credentials are encrypted at rest',
    tags: ['connections'],
    auth: 'org',
    permission: 'connection:manage',
    body: z.strictObject({
      kind: z.string().regex(/^[a-z][a-z0-9_.-]{0,49}$/, 'A connection kind such as `linkedin`.'),
      name: z.string().trim().min(1).max(100),
      credentials: Credentials,
      expiresAt: ExpiresAt.optional(),
    }),
    responses: { 201: { description: 'Created.', schema: ConnectionSchema } },
    handler({ c, org, body, principal }) {
      const now = clock.now();
      const row: ConnectionRow = {
        id: newId('conn'),
        organization_id: org.organizationId,
        kind: body.kind,
        name: body.name,
        credentials: boxFor(deps).seal(JSON.stringify(body.credentials)),
        credential_keys: JSON.stringify(Object.keys(body.credentials).sort()),
        created_by: principal.kind === 'user' ? principal.userId : principal.keyId,
        created_at: now,
        updated_at: now,
        expires_at: body.expiresAt ? Date.parse(body.expiresAt) : null,
        expiry_noticed_at: null,
      };
      db.transaction(() => {
        prepared(
          db,
          `INSERT INTO connections (id, organization_id, kind, name, credentials, credential_keys, created_by, created_at, updated_at, expires_at, expiry_noticed_at)
           VALUES (@id, @organization_id, @kind, @name, @credentials, @credential_keys, @created_by, @created_at, @updated_at, @expires_at, @expiry_noticed_at)`,
        ).run(row);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'connection.create',
          target: { type: 'connection', id: row.id },
          after: connectionJson(row, now),
        });
      })();
      return c.json(connectionJson(row, now), 201);
    },
  });

  r.add({
    method: 'patch',
    path: '/api/v1/connections/:id',
    summary: 'Rename a connection, replace its credentials or set when they expire',
    tags: ['connections'],
    auth: 'org',
    permission: 'connection:manage',
    params: IdParams,
    body: z.strictObject({
      name: z.string().trim().min(1).max(100).optional(),
      credentials: Credentials.optional(),
      expiresAt: ExpiresAt.nullable()
        .optional()
        .describe('A new expiry re-arms `connection.expired`; null: the credentials never expire.'),
    }),
    responses: { 200: { description: 'Updated.', schema: ConnectionSchema } },
    handler({ c, org, params, body }) {
      const now = clock.now();
      const after = db.transaction(() => {
        const before = find(org.organizationId, params.id);
        const expiresAt =
          body.expiresAt === undefined
            ? before.expires_at
            : body.expiresAt === null
              ? null
              : Date.parse(body.expiresAt);
        // A changed expiry is a new one: it may be noticed (and emitted) again.
        const rearmed = expiresAt !== before.expires_at;
        const next: ConnectionRow = {
          ...before,
          name: body.name ?? before.name,
          credentials: body.credentials
            ? boxFor(deps).seal(JSON.stringify(body.credentials))
            : before.credentials,
          credential_keys: body.credentials
            ? JSON.stringify(Object.keys(body.credentials).sort())
            : before.credential_keys,
          updated_at: now,
          expires_at: expiresAt,
          expiry_noticed_at: rearmed ? null : before.expiry_noticed_at,
        };
        prepared(
          db,
          `UPDATE connections SET name = ?, credentials = ?, credential_keys = ?, updated_at = ?,
             expires_at = ?, expiry_noticed_at = ? WHERE id = ?`,
        ).run(
          next.name,
          next.credentials,
          next.credential_keys,
          next.updated_at,
          next.expires_at,
          next.expiry_noticed_at,
          next.id,
        );
        recordAudit(c, {
          organizationId: org.organizationId,
          action: body.credentials ? 'connection.reconnect' : 'connection.update',
          target: { type: 'connection', id: next.id },
          before: connectionJson(before, now),
          after: connectionJson(next, now),
        });
        return next;
      })();
      return c.json(connectionJson(after, now));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/connections/:id',
    summary: 'Delete a connection',
    tags: ['connections'],
    auth: 'org',
    permission: 'connection:manage',
    params: IdParams,
    responses: NoContent,
    handler({ c, org, params }) {
      db.transaction(() => {
        const before = find(org.organizationId, params.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'connection.delete',
          target: { type: 'connection', id: before.id },
          before: connectionJson(before, clock.now()),
        });
        prepared(db, 'DELETE FROM connections WHERE id = ?').run(before.id);
      })();
      return c.body(null, 204);
    },
  });
}
