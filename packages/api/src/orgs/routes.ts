// Organisations: list mine, create another, read / rename / set retention / delete the current one.
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { OrganizationSchema } from '../contract/auth.ts';
import type { AppDeps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { NoContent } from '../http/schemas.ts';
import { createOrganization, findOrganization, organizationJson, organizationsOf } from './organizations.ts';
import { prepared } from '../db/prepared.ts';
import { retentionChanged } from '../runs/retention.ts';
import { workflowsChanged } from '../workflows/changes.ts';

export function organizationRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock } = deps;
  const current = (orgId: string) => {
    const org = findOrganization(db, orgId);
    if (!org) throw problems.notFound('organization');
    return org;
  };

  r.add({
    method: 'get',
    path: '/api/v1/organizations',
    summary: 'The organisations the signed-in user belongs to, with their role',
    tags: ['organizations'],
    auth: 'user',
    responses: {
      200: { description: 'Organisations.', schema: z.object({ items: z.array(OrganizationSchema) }) },
    },
    handler({ c, principal }) {
      if (principal.kind !== 'user') throw problems.forbidden('API keys belong to one organisation.');
      return c.json({ items: organizationsOf(db, principal.userId).map((o) => organizationJson(o, o.role)) });
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/organizations',
    summary: 'Create another organisation, owned by the signed-in user',
    tags: ['organizations'],
    auth: 'user',
    body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
    responses: { 201: { description: 'Created.', schema: OrganizationSchema } },
    handler({ c, body, principal }) {
      if (principal.kind !== 'user') throw problems.forbidden('API keys cannot create organisations.');
      const org = db.transaction(() => {
        const created = createOrganization(db, body.name, principal.userId, clock.now());
        recordAudit(c, {
          organizationId: created.id,
          action: 'organization.create',
          target: { type: 'organization', id: created.id },
          after: organizationJson(created),
        });
        return created;
      })();
      return c.json(organizationJson(org, 'owner'), 201);
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/organization',
    summary: 'The current organisation (chosen with X-Flowdeck-Org)',
    tags: ['organizations'],
    auth: 'org',
    permission: 'organization:read',
    responses: { 200: { description: 'The organisation.', schema: OrganizationSchema } },
    handler({ c, org }) {
      return c.json(organizationJson(current(org.organizationId), org.role ?? undefined));
    },
  });

  r.add({
    method: 'patch',
    path: '/api/v1/organization',
    summary: 'Rename the current organisation or change its run retention',
    tags: ['organizations'],
    auth: 'org',
    permission: 'organization:update',
    body: z.strictObject({
      name: z.string().trim().min(1).max(100).optional(),
      retention: z
        .strictObject({
          maxAgeDays: z.number().int().min(1).max(3650).nullable().optional(),
          maxRuns: z.number().int().min(1).max(10_000_000).nullable().optional(),
        })
        .optional(),
    }),
    responses: { 200: { description: 'Updated.', schema: OrganizationSchema } },
    handler({ c, org, body }) {
      const after = db.transaction(() => {
        const before = current(org.organizationId);
        const next = {
          ...before,
          name: body.name ?? before.name,
          run_retention_days:
            body.retention?.maxAgeDays === undefined ? before.run_retention_days : body.retention.maxAgeDays,
          run_retention_count:
            body.retention?.maxRuns === undefined ? before.run_retention_count : body.retention.maxRuns,
        };
        prepared(
          db,
          'UPDATE organizations SET name = ?, run_retention_days = ?, run_retention_count = ? WHERE id = ?',
        ).run(next.name, next.run_retention_days, next.run_retention_count, next.id);
        recordAudit(c, {
          organizationId: next.id,
          action: 'organization.update',
          target: { type: 'organization', id: next.id },
          before: organizationJson(before),
          after: organizationJson(next),
        });
        return next;
      })();
      retentionChanged(deps, after.id);
      return c.json(organizationJson(after, org.role ?? undefined));
    },
  });

  r.add({
    method: 'delete',
    path: '/api/v1/organization',
    summary: 'Delete the current organisation and everything in it (owner only)',
    tags: ['organizations'],
    auth: 'org',
    permission: 'organization:delete',
    responses: NoContent,
    handler({ c, org }) {
      db.transaction(() => {
        const before = current(org.organizationId);
        recordAudit(c, {
          organizationId: before.id,
          action: 'organization.delete',
          target: { type: 'organization', id: before.id },
          before: organizationJson(before),
        });
        prepared(db, 'DELETE FROM organizations WHERE id = ?').run(before.id);
      })();
      retentionChanged(deps, org.organizationId);
      workflowsChanged(db); // its workflows went with it
      return c.body(null, 204);
    },
  });
}
