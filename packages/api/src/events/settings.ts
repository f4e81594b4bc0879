// Per-organisation event settings: how long the archive keeps events (EventBridge's
// ArchiveRetention). The table comes from db/migrations.ts. Every run's platform event reads them,
// so they are kept in memory; `setEventRetentionDays` is their only writer and drops the copy
// (one process per data directory: docs/api.md, "Running").
import type Database from 'better-sqlite3';
import { DEFAULT_RETENTION_DAYS } from '@flowdeck/engine';
import { prepared } from '../db/prepared.ts';

/** Days archived events are kept (0 = forever); default 7. */
const retentionByOrg = new WeakMap<Database.Database, Map<string, number>>();

export function eventRetentionDays(db: Database.Database, organizationId: string): number {
  let cached = retentionByOrg.get(db);
  if (!cached) {
    cached = new Map();
    retentionByOrg.set(db, cached);
  }
  let days = cached.get(organizationId);
  if (days === undefined) {
    const row = prepared(db, 'SELECT retention_days FROM event_settings WHERE organization_id = ?').get(
      organizationId,
    ) as { retention_days: number } | undefined;
    days = row?.retention_days ?? DEFAULT_RETENTION_DAYS;
    cached.set(organizationId, days);
  }
  return days;
}

export function setEventRetentionDays(db: Database.Database, organizationId: string, days: number): void {
  prepared(
    db,
    `INSERT INTO event_settings (organization_id, retention_days) VALUES (?, ?)
     ON CONFLICT (organization_id) DO UPDATE SET retention_days = excluded.retention_days`,
  ).run(organizationId, days);
  retentionByOrg.get(db)?.delete(organizationId);
}
