// A connection as stored, and its API view (never the credentials).
import { iso } from '../ids.ts';

export interface ConnectionRow {
  id: string;
  organization_id: string;
  kind: string;
  name: string;
  credentials: string;
  credential_keys: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  /** When the credentials stop working (ms), or null: they do not expire. */
  expires_at: number | null;
  /** When Flowdeck noticed the expiry and emitted `connection.expired` (null: not yet). */
  expiry_noticed_at: number | null;
}

/** Expired once the clock has reached `expires_at`. */
export const isExpired = (r: Pick<ConnectionRow, 'expires_at'>, now: number): boolean =>
  r.expires_at !== null && r.expires_at <= now;

export const connectionJson = (r: ConnectionRow, now: number) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  credentialKeys: JSON.parse(r.credential_keys) as string[],
  expiresAt: iso(r.expires_at),
  status: isExpired(r, now) ? ('expired' as const) : ('active' as const),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
