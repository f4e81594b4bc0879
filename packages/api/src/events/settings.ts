// Per-organisation event settings: how long the archive keeps events (EventBridge's
// ArchiveRetention). The table comes from db/migrations.ts. Every run's platform event reads them,
// so they are kept in memory; `setEventRetentionDays` is their only writer and drops the copy
// (one process per data directory: docs/api.md, "Running").
import type Database from 'better-sqlite3';
import { DEFAULT_RETENTION_DAYS } from '@flowdeck/engine';
import { perDatabase } from '../db/per-database.ts';
import { prepared } from '../db/prepared.ts';

const retentionOf = perDatabase(() => new Map<string, number>());

/** Days archived events are kept (0 = forever); default 7. */
export function eventRetentionDays(db: Database.Database, organizationId: string): number {
  const cached = retentionOf(db);
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
  retentionOf(db).delete(organizationId);
}
