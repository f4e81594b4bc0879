// Invitations by link: an admin creates one (the token is shown once, inside the URL); a
// signed-in person accepts it and becomes a member with the invitation's role.
import { z } from 'zod';
import { roleRank } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { CreatedInvitationSchema, InvitationSchema } from '../contract/members.ts';
import type { AppDeps } from '../deps.ts';
import { publicBaseUrl } from '../http/client.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams, NoContent, RoleSchema } from '../http/schemas.ts';
import { iso, newId, newSecret, sha256 } from '../ids.ts';
import { callerRank, findMember } from './member-routes.ts';
import { addMember, findOrganization, organizationJson } from './organizations.ts';
import { OrganizationSchema } from '../contract/auth.ts';
import { prepared } from '../db/prepared.ts';

interface InvitationRow {
  id: string;
  organization_id: string;
  role: 'viewer' | 'editor' | 'admin' | 'owner';
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_by: string | null;
  accepted_at: number | null;
  revoked_at: number | null;
}

export function invitationRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock, config } = deps;
  const status = (row: InvitationRow) =>
    row.accepted_at !== null
      ? 'accepted'
      : row.revoked_at !== null
        ? 'revoked'
        : row.expires_at <= clock.now()
          ? 'expired'
          : 'pending';
  const invitationJson = (row: InvitationRow) => ({
    id: row.id,
    role: row.role,
    email: row.email,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    status: status(row),
  });

  r.add({
    method: 'post',
    path: '/api/v1/invitations',
    summary: 'Invite someone by link; the URL (with its token) is shown only in this answer',
    tags: ['members'],
    auth: 'org',
    permission: 'member:manage',
    body: z.strictObject({ role: RoleSchema, email: z.email().max(254).optional() }),
    responses: {
      201: {
        description: 'Created.',
        schema: CreatedInvitationSchema,
      },
    },
    handler({ c, org, body }) {
      if (roleRank(body.role) > callerRank(org))
        throw problems.forbidden('You cannot invite above your own role.');
      const token = newSecret();
      const now = clock.now();
      const row: InvitationRow = {
        id: newId('inv'),
        organization_id: org.organizationId,
        role: body.role,
        email: body.email?.toLowerCase() ?? null,
        created_by:
          c.var.principal?.kind === 'user' ? c.var.principal.userId : (c.var.principal?.keyId ?? ''),
        created_at: now,
        expires_at: now + config.invitationTtlMs,
        accepted_by: null,
        accepted_at: null,
        revoked_at: null,
      };
      db.transaction(() => {
        prepared(
          db,
          `INSERT INTO invitations (id, organization_id, token_hash, role, email, created_by, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          row.id,
          row.organization_id,
          sha256(token),
          row.role,
          row.email,
          row.created_by,
          now,
          row.expires_at,
        );
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'invitation.create',
          target: { type: 'invitation', id: row.id },
          after: invitationJson(row),
        });
      })();
      const url = `${publicBaseUrl(c)}/invite/${token}`;
      return c.json({ ...invitationJson(row), token, url }, 201);
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/invitations',
    summary: 'Invitations of the current organisation (without tokens)',
    tags: ['members'],
    auth: 'org',
    permission: 'member:manage',
    responses: {
      200: { description: 'Invitations.', schema: z.object({ items: z.array(InvitationSchema) }) },
    },
    handler({ c, org }) {
      const rows = prepared(
        db,
        'SELECT * FROM invitations WHERE organization_id = ? ORDER BY created_at DESC, id',
      ).all(org.organizationId) as InvitationRow[];
      return c.json({ items: rows.map(invitationJson) });
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/invitations/:id',
    summary: 'Revoke an invitation',
    tags: ['members'],
    auth: 'org',
    permission: 'member:manage',
    params: IdParams,
    responses: NoContent,
    handler({ c, org, params }) {
      db.transaction(() => {
        const row = prepared(db, 'SELECT * FROM invitations WHERE id = ? AND organization_id = ?').get(
          params.id,
          org.organizationId,
        ) as InvitationRow | undefined;
        if (!row) throw problems.notFound('invitation');
        if (row.revoked_at !== null || row.accepted_at !== null) return;
        prepared(db, 'UPDATE invitations SET revoked_at = ? WHERE id = ?').run(clock.now(), row.id);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'invitation.revoke',
          target: { type: 'invitation', id: row.id },
          before: invitationJson(row),
        });
      })();
      return c.body(null, 204);
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/invitations/accept',
    summary: 'Accept an invitation as the signed-in user',
    tags: ['members'],
    auth: 'user',
    body: z.strictObject({ token: z.string().min(1).max(200) }),
    responses: {
      200: { description: 'Joined; the organisation with the new role.', schema: OrganizationSchema },
      404: { description: 'Unknown, used, revoked or expired invitation.' },
      409: { description: 'Already a member.' },
    },
    handler({ c, principal, body }) {
      if (principal.kind !== 'user') throw problems.forbidden('Only a person can accept an invitation.');
      const joined = db.transaction(() => {
        const row = prepared(db, 'SELECT * FROM invitations WHERE token_hash = ?').get(sha256(body.token)) as
          | InvitationRow
          | undefined;
        if (!row || status(row) !== 'pending')
          throw problems.notFound('invitation (it may be used, revoked or expired)');
        if (row.email && row.email !== principal.email) {
          throw problems.forbidden('This invitation was sent to another email address.');
        }
        if (findMember(db, row.organization_id, principal.userId)) {
          throw problems.conflict('You already belong to this organisation.');
        }
        const now = clock.now();
        addMember(db, row.organization_id, principal.userId, row.role, now);
        prepared(db, 'UPDATE invitations SET accepted_by = ?, accepted_at = ? WHERE id = ?').run(
          principal.userId,
          now,
          row.id,
        );
        recordAudit(c, {
          organizationId: row.organization_id,
          action: 'member.join',
          target: { type: 'user', id: principal.userId },
          after: { invitationId: row.id, role: row.role },
        });
        return { org: findOrganization(db, row.organization_id)!, role: row.role };
      })();
      return c.json(organizationJson(joined.org, joined.role));
    },
  });
}
