// Server-side sessions. The cookie holds a random token; the table holds only its sha256, so a
// copy of the database cannot be replayed as cookies.
import type Database from 'better-sqlite3';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isHttps } from '../http/client.ts';
import type { AppEnv } from '../http/env.ts';
import { newSecret, sha256 } from '../ids.ts';
import { prepared } from '../db/prepared.ts';

export const SESSION_COOKIE = 'flowdeck_session';

export function createSession(db: Database.Database, userId: string, now: number, ttlMs: number) {
  const token = newSecret();
  const expiresAt = now + ttlMs;
  prepared(db, 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    sha256(token),
    userId,
    now,
    expiresAt,
  );
  return { token, expiresAt };
}

export function findSession(db: Database.Database, token: string, now: number) {
  const tokenHash = sha256(token);
  const row = prepared(
    db,
    `SELECT s.token_hash, s.expires_at, u.id, u.email, u.name FROM sessions s
       JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
  ).get(tokenHash) as
    | { token_hash: string; expires_at: number; id: string; email: string; name: string }
    | undefined;
  if (!row) return undefined;
  if (row.expires_at <= now) {
    prepared(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    return undefined;
  }
  return row;
}

export function deleteSession(db: Database.Database, tokenHash: string): void {
  prepared(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

export function setSessionCookie(c: Context<AppEnv>, token: string, ttlMs: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export const readSessionCookie = (c: Context<AppEnv>): string | undefined => getCookie(c, SESSION_COOKIE);

export const clearSessionCookie = (c: Context<AppEnv>): void => {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Lax' });
};
