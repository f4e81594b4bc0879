import { invalidToken } from './errors.ts';

// Paging tokens are opaque to callers: base64url of the last key returned (what DynamoDB's
// LastEvaluatedKey would be had the page ended there), tagged with what it pages so a history
// token cannot be replayed against listExecutions.

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Same rule as the other stores: absent, zero or negative means the default; capped at 1000. */
export function pageSize(maxResults: number | undefined): number {
  return Math.min(maxResults && maxResults > 0 ? Math.floor(maxResults) : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

export function encodeToken(kind: 'executions' | 'history', lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: kind, key: lastKey })).toString('base64url');
}

/** The last key of the previous page, or an `InvalidToken` error naming `operation`. */
export function decodeToken(token: string, kind: 'executions' | 'history', operation: string): string {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  const { k, key } = (body ?? {}) as { k?: unknown; key?: unknown };
  if (k !== kind || typeof key !== 'string') throw invalidToken(operation);
  return key;
}
