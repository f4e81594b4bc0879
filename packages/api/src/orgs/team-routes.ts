// Teams: named groups of members inside an organisation (e.g. "Social", "Newsletter").
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { IdParams, NoContent, Timestamp } from '../http/schemas.ts';
import { iso, newId } from '../ids.ts';
import { findMember } from './member-routes.ts';
import { prepared } from '../db/prepared.ts';

interface TeamRow {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  created_at: number;
}

const TeamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    createdAt: Timestamp,
    memberIds: z.array(z.string()),
  })
  .meta({ id: 'Team' });

const TeamBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).nullable().optional(),
});

export function teamRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock } = deps;
  const find = (orgId: string, id: string) => {
    const row = prepared(db, 'SELECT * FROM teams WHERE id = ? AND organization_id = ?').get(id, orgId) as
      | TeamRow
      | undefined;
    if (!row) throw problems.notFound('team');
    return row;
  };
  const teamJson = (t: TeamRow) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    createdAt: iso(t.created_at),
    memberIds: (
      prepared(db, 'SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id').all(t.id) as {
        user_id: string;
      }[]
    ).map((m) => m.user_id),
  });
  const audit = (
    c: Parameters<typeof recordAudit>[0],
    orgId: string,
    action: string,
    id: string,
    before?: unknown,
    after?: unknown,
  ) => recordAudit(c, { organizationId: orgId, action, target: { type: 'team', id }, before, after });

  r.add({
    method: 'get',
    path: '/api/v1/teams',
    summary: 'Teams of the current organisation',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:read',
    responses: { 200: { description: 'Teams.', schema: z.object({ items: z.array(TeamSchema) }) } },
    handler({ c, org }) {
      const rows = prepared(db, 'SELECT * FROM teams WHERE organization_id = ? ORDER BY name, id').all(
        org.organizationId,
      ) as TeamRow[];
      return c.json({ items: rows.map(teamJson) });
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/teams',
    summary: 'Create a team',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:manage',
    body: TeamBody,
    responses: { 201: { description: 'Created.', schema: TeamSchema } },
    handler({ c, org, body }) {
      const row: TeamRow = {
        id: newId('team'),
        organization_id: org.organizationId,
        name: body.name,
        description: body.description ?? null,
        created_at: clock.now(),
      };
      db.transaction(() => {
        prepared(
          db,
          'INSERT INTO teams (id, organization_id, name, description, created_at) VALUES (?, ?, ?, ?, ?)',
        ).run(row.id, row.organization_id, row.name, row.description, row.created_at);
        audit(c, org.organizationId, 'team.create', row.id, undefined, teamJson(row));
      })();
      return c.json(teamJson(row), 201);
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/teams/:id',
    summary: 'One team with its member ids',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:read',
    params: IdParams,
    responses: { 200: { description: 'The team.', schema: TeamSchema } },
    handler({ c, org, params }) {
      return c.json(teamJson(find(org.organizationId, params.id)));
    },
  });

  r.add({
    method: 'patch',
    path: '/api/v1/teams/:id',
    summary: 'Rename a team or change its description',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:manage',
    params: IdParams,
    body: TeamBody.partial(),
    responses: { 200: { description: 'Updated.', schema: TeamSchema } },
    handler({ c, org, params, body }) {
      const after = db.transaction(() => {
        const before = find(org.organizationId, params.id);
        const next = {
          ...before,
          name: body.name ?? before.name,
          description: body.description === undefined ? before.description : body.description,
        };
        prepared(db, 'UPDATE teams SET name = ?, description = ? WHERE id = ?').run(
          next.name,
          next.description,
          next.id,
        );
        audit(c, org.organizationId, 'team.update', next.id, teamJson(before), teamJson(next));
        return next;
      })();
      return c.json(teamJson(after));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/teams/:id',
    summary: 'Delete a team (its members stay in the organisation)',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:manage',
    params: IdParams,
    responses: NoContent,
    handler({ c, org, params }) {
      db.transaction(() => {
        const before = find(org.organizationId, params.id);
        audit(c, org.organizationId, 'team.delete', before.id, teamJson(before));
        prepared(db, 'DELETE FROM teams WHERE id = ?').run(before.id);
      })();
      return c.body(null, 204);
    },
  });

  const MemberParams = z.strictObject({ id: z.string().min(1).max(200), userId: z.string().min(1).max(200) });

  r.add({
    method: 'put',
    path: '/api/v1/teams/:id/members/:userId',
    summary: 'Add a member of the organisation to a team',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:manage',
    params: MemberParams,
    responses: { 200: { description: 'The team.', schema: TeamSchema } },
    handler({ c, org, params }) {
      const team = db.transaction(() => {
        const row = find(org.organizationId, params.id);
        if (!findMember(db, org.organizationId, params.userId)) throw problems.notFound('member');
        const before = teamJson(row);
        prepared(db, 'INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)').run(
          row.id,
          params.userId,
        );
        audit(c, org.organizationId, 'team.member_add', row.id, before, teamJson(row));
        return row;
      })();
      return c.json(teamJson(team));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/teams/:id/members/:userId',
    summary: 'Remove a member from a team',
    tags: ['teams'],
    auth: 'org',
    permission: 'team:manage',
    params: MemberParams,
    responses: NoContent,
    handler({ c, org, params }) {
      db.transaction(() => {
        const row = find(org.organizationId, params.id);
        const before = teamJson(row);
        const removed = prepared(db, 'DELETE FROM team_members WHERE team_id = ? AND user_id = ?').run(
          row.id,
          params.userId,
        );
        if (removed.changes === 0) throw problems.notFound('team member');
        audit(c, org.organizationId, 'team.member_remove', row.id, before, teamJson(row));
      })();
      return c.body(null, 204);
    },
  });
}
