// API keys look like `fdk_<prefix>_<secret>`. The prefix (shown in lists) finds the row; the
// sha256 of the whole key is compared in constant time. The key itself is never stored.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Permission, Role } from '../access/permissions.ts';
import { newSecret, sha256 } from '../ids.ts';
import { prepared } from '../db/prepared.ts';

export interface ApiKeyRow {
  id: string;
  organization_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: Role | null;
  scopes: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export function mintKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `fdk_${prefix}_${newSecret()}`;
  return { key, prefix, hash: sha256(key) };
}

const KEY_PATTERN = /^fdk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

/** The active key row for a presented key, or undefined (unknown, revoked, expired, wrong secret). */
export function findActiveKey(db: Database.Database, presented: string, now: number): ApiKeyRow | undefined {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return undefined;
  const row = prepared(db, 'SELECT * FROM api_keys WHERE prefix = ?').get(match[1]) as ApiKeyRow | undefined;
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return undefined;
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(row.key_hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? row : undefined;
}

export const keyScopes = (row: ApiKeyRow): Permission[] => JSON.parse(row.scopes) as Permission[];
