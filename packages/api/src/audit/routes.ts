// Reading the audit log: filtered pages, and a CSV or JSON export. There is no route that edits
// or deletes entries (and SQLite triggers refuse it anyway).
import { z } from 'zod';
import { AuditEntrySchema } from '../contract/audit.ts';
import type { AppDeps } from '../deps.ts';
import type { RouteRegistry } from '../http/route.ts';
import { Timestamp } from '../http/schemas.ts';
import { type AuditRow, auditJson } from './audit-log.ts';
import { toCsv } from './csv.ts';
import { prepared } from '../db/prepared.ts';

const Filters = {
  action: z.string().max(100).optional().describe('Exact action, or a prefix ending in `.` (e.g. `team.`).'),
  actor: z.string().max(200).optional().describe('User id or API key id.'),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
};

type FilterValues = { action?: string; actor?: string; from?: string; to?: string };

export function auditRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db } = deps;

  function select(orgId: string, f: FilterValues, beforeSeq: number | undefined, limit: number): AuditRow[] {
    const where = ['organization_id = ?'];
    const args: (string | number)[] = [orgId];
    if (f.action) {
      if (f.action.endsWith('.')) {
        where.push('substr(action, 1, ?) = ?');
        args.push(f.action.length, f.action);
      } else {
        where.push('action = ?');
        args.push(f.action);
      }
    }
    if (f.actor) {
      where.push('actor_id = ?');
      args.push(f.actor);
    }
    if (f.from) {
      where.push('at >= ?');
      args.push(Date.parse(f.from));
    }
    if (f.to) {
      where.push('at < ?');
      args.push(Date.parse(f.to));
    }
    if (beforeSeq !== undefined) {
      where.push('seq < ?');
      args.push(beforeSeq);
    }
    return prepared(db, `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`).all(
      ...args,
      limit,
    ) as AuditRow[];
  }

  r.add({
    method: 'get',
    path: '/api/v1/audit',
    summary: 'Audit entries of the current organisation, newest first',
    tags: ['audit'],
    auth: 'org',
    permission: 'audit:read',
    query: z.strictObject({
      ...Filters,
      cursor: z.string().regex(/^\d+$/, 'Use the nextCursor of the previous page.').optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    responses: {
      200: {
        description: 'One page; `nextCursor` is absent on the last page.',
        schema: z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().optional() }),
      },
    },
    handler({ c, org, query }) {
      const rows = select(
        org.organizationId,
        query,
        query.cursor ? Number(query.cursor) : undefined,
        query.limit + 1,
      );
      const page = rows.slice(0, query.limit);
      const nextCursor = rows.length > query.limit ? String(page[page.length - 1].seq) : undefined;
      return c.json({ items: page.map(auditJson), ...(nextCursor ? { nextCursor } : {}) });
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/audit/export',
    summary: 'Export matching audit entries as CSV or JSON (at most 100,000, newest first)',
    tags: ['audit'],
    auth: 'org',
    permission: 'audit:read',
    query: z.strictObject({ ...Filters, format: z.enum(['csv', 'json']).default('json') }),
    responses: {
      200: { description: 'A download: text/csv or application/json (an array of entries).' },
    },
    handler({ c, org, query }) {
      const rows = select(org.organizationId, query, undefined, 100_000).map(auditJson);
      const name = `flowdeck-audit-${org.organizationId}.${query.format}`;
      c.header('content-disposition', `attachment; filename="${name}"`);
      if (query.format === 'json') return c.json(rows);
      const header = [
        'id',
        'at',
        'organizationId',
        'actorType',
        'actorId',
        'action',
        'targetType',
        'targetId',
        'beforeDigest',
        'afterDigest',
        'ip',
      ];
      const csv = toCsv(
        header,
        rows.map((e) => [
          e.id,
          e.at,
          e.organizationId,
          e.actor.type,
          e.actor.id,
          e.action,
          e.target.type,
          e.target.id,
          e.beforeDigest,
          e.afterDigest,
          e.ip,
        ]),
      );
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8' });
    },
  });
}
