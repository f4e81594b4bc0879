// Per-organisation event settings: how long the archive keeps events (EventBridge's
// ArchiveRetention). The table comes from db/migrations.ts.
import type Database from 'better-sqlite3';
import { DEFAULT_RETENTION_DAYS } from '@flowdeck/engine';
import { prepared } from '../db/prepared.ts';

/** Days archived events are kept (0 = forever); default 7. */
export function eventRetentionDays(db: Database.Database, organizationId: string): number {
  const row = prepared(db, 'SELECT retention_days FROM event_settings WHERE organization_id = ?').get(
    organizationId,
  ) as { retention_days: number } | undefined;
  return row?.retention_days ?? DEFAULT_RETENTION_DAYS;
}

export function setEventRetentionDays(db: Database.Database, organizationId: string, days: number): void {
  prepared(
    db,
    `INSERT INTO event_settings (organization_id, retention_days) VALUES (?, ?)
     ON CONFLICT (organization_id) DO UPDATE SET retention_days = excluded.retention_days`,
  ).run(organizationId, days);
}
