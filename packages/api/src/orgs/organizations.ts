import type Database from 'better-sqlite3';
import type { Role } from '../access/permissions.ts';
import { iso, newId } from '../ids.ts';
import { prepared } from '../db/prepared.ts';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: number;
  run_retention_days: number | null;
  run_retention_count: number | null;
}

export function createOrganization(
  db: Database.Database,
  name: string,
  ownerId: string,
  now: number,
): OrganizationRow {
  const row: OrganizationRow = {
    id: newId('org'),
    name,
    created_at: now,
    run_retention_days: null,
    run_retention_count: null,
  };
  prepared(db, 'INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)').run(row.id, name, now);
  addMember(db, row.id, ownerId, 'owner', now);
  return row;
}

export function addMember(
  db: Database.Database,
  orgId: string,
  userId: string,
  role: Role,
  now: number,
): void {
  prepared(
    db,
    'INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?)',
  ).run(orgId, userId, role, now);
}

export function findOrganization(db: Database.Database, id: string): OrganizationRow | undefined {
  return prepared(db, 'SELECT * FROM organizations WHERE id = ?').get(id) as OrganizationRow | undefined;
}

export function organizationsOf(db: Database.Database, userId: string) {
  return prepared(
    db,
    `SELECT o.*, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = ? ORDER BY m.created_at, m.rowid`,
  ).all(userId) as (OrganizationRow & { role: Role })[];
}

export const organizationJson = (o: OrganizationRow, role?: Role) => ({
  id: o.id,
  name: o.name,
  createdAt: iso(o.created_at),
  retention: { maxAgeDays: o.run_retention_days, maxRuns: o.run_retention_count },
  ...(role ? { role } : {}),
});
