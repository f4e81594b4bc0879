// Members of the current organisation: list, change role, remove. Nobody grants more than they
// hold, and an organisation always keeps at least one owner.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type Role, roleRank } from '../access/permissions.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { MemberSchema } from '../contract/members.ts';
import type { AppDeps } from '../deps.ts';
import type { OrgContext } from '../http/env.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams, NoContent, RoleSchema } from '../http/schemas.ts';
import { iso } from '../ids.ts';
import { prepared } from '../db/prepared.ts';

interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: number;
}

const memberJson = (m: MemberRow) => ({
  userId: m.user_id,
  email: m.email,
  name: m.name,
  role: m.role,
  joinedAt: iso(m.created_at),
});

export function findMember(db: Database.Database, orgId: string, userId: string): MemberRow | undefined {
  return prepared(
    db,
    `SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organization_id = ? AND m.user_id = ?`,
  ).get(orgId, userId) as MemberRow | undefined;
}

/** The highest role the caller may hand out or touch (API keys with scopes count as admin). */
export const callerRank = (org: OrgContext): number => roleRank(org.role ?? 'admin');

export function memberRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db } = deps;
  const owners = (orgId: string) =>
    (
      prepared(db, `SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ? AND role = 'owner'`).get(
        orgId,
      ) as {
        n: number;
      }
    ).n;

  r.add({
    method: 'get',
    path: '/api/v1/members',
    summary: 'Members of the current organisation',
    tags: ['members'],
    auth: 'org',
    permission: 'member:read',
    responses: { 200: { description: 'Members.', schema: z.object({ items: z.array(MemberSchema) }) } },
    handler({ c, org }) {
      const rows = prepared(
        db,
        `SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.organization_id = ? ORDER BY m.created_at, m.user_id`,
      ).all(org.organizationId) as MemberRow[];
      return c.json({ items: rows.map(memberJson) });
    },
  });

  r.add({
    method: 'patch',
    path: '/api/v1/members/:id',
    summary: "Change a member's role",
    tags: ['members'],
    auth: 'org',
    permission: 'member:manage',
    params: IdParams,
    body: z.strictObject({ role: RoleSchema }),
    responses: {
      200: { description: 'Updated.', schema: MemberSchema },
      409: { description: 'Would leave no owner.' },
    },
    handler({ c, org, params, body }) {
      const updated = db.transaction(() => {
        const member = findMember(db, org.organizationId, params.id);
        if (!member) throw problems.notFound('member');
        const rank = callerRank(org);
        if (roleRank(member.role) > rank || roleRank(body.role) > rank) {
          throw problems.forbidden('You cannot change a role above your own.');
        }
        if (member.role === 'owner' && body.role !== 'owner' && owners(org.organizationId) === 1) {
          throw problems.conflict('An organisation needs at least one owner; make someone else owner first.');
        }
        prepared(db, 'UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?').run(
          body.role,
          org.organizationId,
          params.id,
        );
        const after = { ...member, role: body.role };
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'member.role_change',
          target: { type: 'user', id: params.id },
          before: memberJson(member),
          after: memberJson(after),
        });
        return after;
      })();
      return c.json(memberJson(updated));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/members/:id',
    summary: 'Remove a member from the current organisation',
    tags: ['members'],
    auth: 'org',
    permission: 'member:manage',
    params: IdParams,
    responses: { ...NoContent, 409: { description: 'Would leave no owner.' } },
    handler({ c, org, params }) {
      db.transaction(() => {
        const member = findMember(db, org.organizationId, params.id);
        if (!member) throw problems.notFound('member');
        if (roleRank(member.role) > callerRank(org))
          throw problems.forbidden('You cannot remove a member above your role.');
        if (member.role === 'owner' && owners(org.organizationId) === 1) {
          throw problems.conflict('An organisation needs at least one owner.');
        }
        prepared(db, 'DELETE FROM memberships WHERE organization_id = ? AND user_id = ?').run(
          org.organizationId,
          params.id,
        );
        prepared(
          db,
          'DELETE FROM team_members WHERE user_id = ? AND team_id IN (SELECT id FROM teams WHERE organization_id = ?)',
        ).run(params.id, org.organizationId);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'member.remove',
          target: { type: 'user', id: params.id },
          before: memberJson(member),
        });
      })();
      return c.body(null, 204);
    },
  });
}
