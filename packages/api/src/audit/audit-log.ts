// The append-only audit log. Handlers call `recordAudit` inside the same transaction as the
// change it describes, so an entry exists exactly when the change does.
import type Database from 'better-sqlite3';
import type { Context } from 'hono';
import type { AuditActorType } from '../contract/audit.ts';
import { clientIp } from '../http/client.ts';
import type { AppEnv, Principal } from '../http/env.ts';
import { iso, newId } from '../ids.ts';
import { digest } from './digest.ts';
import { prepared } from '../db/prepared.ts';

export interface AuditEntry {
  organizationId: string;
  /** Dotted verb, e.g. `workflow.deploy`, `member.role_change`. */
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  seq: number;
  id: string;
  at: number;
  organization_id: string;
  actor_type: AuditActorType;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  before_digest: string | null;
  after_digest: string | null;
  ip: string;
}

export function actorOf(principal: Principal): { type: 'user' | 'apiKey'; id: string } {
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId }
    : { type: 'apiKey', id: principal.keyId };
}

type AuditRecord = AuditEntry & { at: number; actor: { type: AuditActorType; id: string }; ip: string };

/** The statement that appends `entry`, for a caller that commits it with other rows. */
export function auditInsert(entry: AuditRecord): [sql: string, params: unknown[]] {
  return [
    `INSERT INTO audit_log (id, at, organization_id, actor_type, actor_id, action, target_type, target_id,
      before_digest, after_digest, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      newId('aud'),
      entry.at,
      entry.organizationId,
      entry.actor.type,
      entry.actor.id,
      entry.action,
      entry.target.type,
      entry.target.id,
      digest(entry.before),
      digest(entry.after),
      entry.ip,
    ],
  ];
}

export function appendAudit(db: Database.Database, entry: AuditRecord): void {
  const [sql, params] = auditInsert(entry);
  prepared(db, sql).run(...params);
}

/** The audit statement for the calling principal (`c.var.principal`), at the clock's now. */
export function auditOf(
  c: Context<AppEnv>,
  entry: AuditEntry,
  principal?: Principal,
): [sql: string, params: unknown[]] {
  const actor = principal ?? c.var.principal;
  if (!actor) throw new Error('auditOf needs an authenticated principal');
  return auditInsert({ ...entry, at: c.var.deps.clock.now(), actor: actorOf(actor), ip: clientIp(c) });
}

/** Appends an entry for the calling principal (`c.var.principal`), at the clock's now. */
export function recordAudit(c: Context<AppEnv>, entry: AuditEntry, principal?: Principal): void {
  const [sql, params] = auditOf(c, entry, principal);
  prepared(c.var.deps.db, sql).run(...params);
}

export const auditJson = (r: AuditRow) => ({
  id: r.id,
  at: iso(r.at),
  organizationId: r.organization_id,
  actor: { type: r.actor_type, id: r.actor_id },
  action: r.action,
  target: { type: r.target_type, id: r.target_id },
  beforeDigest: r.before_digest,
  afterDigest: r.after_digest,
  ip: r.ip,
});
