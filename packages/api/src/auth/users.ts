import type Database from 'better-sqlite3';
import { iso } from '../ids.ts';
import { prepared } from '../db/prepared.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function findUserByEmail(db: Database.Database, email: string): UserRow | undefined {
  return prepared(db, 'SELECT * FROM users WHERE email = ?').get(normalizeEmail(email)) as
    | UserRow
    | undefined;
}

export function findUser(db: Database.Database, id: string): UserRow | undefined {
  return prepared(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export const userJson = (u: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  createdAt: iso(u.created_at),
});
