// Connection expiry: a connection whose `expires_at` has passed emits `connection.expired` exactly
// once per expiry. Two paths notice it, a periodic sweep and a run that tries to use the
// connection; both go through `noticeExpiry`, whose conditional UPDATE is the claim (SQLite
// serialises writers, so only one caller sees `changes === 1`). A new `expiresAt` clears the claim.
import { appendAudit } from '../audit/audit-log.ts';
import { prepared } from '../db/prepared.ts';
import type { AppDeps } from '../deps.ts';
import { emitPlatformEvent } from '../events/platform.ts';
import { iso } from '../ids.ts';
import { type ConnectionRow, connectionJson, isExpired } from './connection-row.ts';

/** How often `npm start` sweeps for expired connections. */
export const EXPIRY_SWEEP_INTERVAL_MS = 60_000;

/** Claims the expiry of `row` (if expired and not yet noticed), audits it and emits the event. */
export async function noticeExpiry(deps: AppDeps, row: ConnectionRow): Promise<boolean> {
  const now = deps.clock.now();
  if (!isExpired(row, now) || row.expires_at === null) return false;
  const expiresAt = row.expires_at;
  const claimed = deps.db.transaction(() => {
    const { changes } = prepared(
      deps.db,
      `UPDATE connections SET expiry_noticed_at = ?
       WHERE id = ? AND expires_at = ? AND expiry_noticed_at IS NULL`,
    ).run(now, row.id, expiresAt);
    if (changes !== 1) return false;
    appendAudit(deps.db, {
      organizationId: row.organization_id,
      action: 'connection.expire',
      target: { type: 'connection', id: row.id },
      before: connectionJson(row, expiresAt - 1),
      after: connectionJson(row, now),
      actor: { type: 'system', id: 'connection-expiry' },
      at: now,
      ip: 'local',
    });
    return true;
  })();
  if (!claimed) return false;
  const detail = {
    connectionId: row.id,
    kind: row.kind,
    name: row.name,
    // The engine's documented field names for the same facts.
    provider: row.kind,
    connectionName: row.name,
    expiredAt: iso(expiresAt)!,
    reason: 'token_expired',
  };
  await emitPlatformEvent(deps, row.organization_id, 'connection.expired', detail);
  return true;
}

/** Notices every connection (of every organisation) that has expired since the last sweep. */
export async function sweepExpiredConnections(deps: AppDeps): Promise<number> {
  const due = prepared(
    deps.db,
    `SELECT * FROM connections
     WHERE expires_at IS NOT NULL AND expiry_noticed_at IS NULL AND expires_at <= ?
     ORDER BY expires_at, id`,
  ).all(deps.clock.now()) as ConnectionRow[];
  let noticed = 0;
  for (const row of due) if (await noticeExpiry(deps, row)) noticed++;
  return noticed;
}

/** Sweeps every `intervalMs` until the answered stop function is called (at shutdown). */
export function startExpirySweep(deps: AppDeps, intervalMs = EXPIRY_SWEEP_INTERVAL_MS): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a slow sweep is never overlapped by the next one
    running = true;
    sweepExpiredConnections(deps)
      .catch((err) => deps.logger.warn({ err }, 'connection expiry sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
