// Paging tokens are opaque to callers: base64url JSON of the last key seen, tagged with what it
// pages so a history token cannot be replayed against listExecutions.

export type PageKey =
  | { kind: 'executions'; startDate: number; executionArn: string }
  | { kind: 'history'; id: number };

export function encodePageToken(key: PageKey): string {
  const body = key.kind === 'executions' ? ['x', key.startDate, key.executionArn] : ['h', key.id];
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes a token made by encodePageToken for `kind`; anything else is an `InvalidToken` error. */
export function decodePageToken<K extends PageKey['kind']>(
  token: string,
  kind: K,
): Extract<PageKey, { kind: K }> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  if (Array.isArray(body)) {
    if (
      kind === 'executions' &&
      body[0] === 'x' &&
      typeof body[1] === 'number' &&
      typeof body[2] === 'string'
    ) {
      return { kind, startDate: body[1], executionArn: body[2] } as Extract<PageKey, { kind: K }>;
    }
    if (kind === 'history' && body[0] === 'h' && Number.isInteger(body[1])) {
      return { kind, id: body[1] } as Extract<PageKey, { kind: K }>;
    }
  }
  const error = new Error(`Invalid nextToken for ${kind === 'history' ? 'getHistory' : 'listExecutions'}.`);
  error.name = 'InvalidToken';
  throw error;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Same rule as the memory store: absent, zero or negative means the default; capped at 1000. */
export function pageSize(maxResults: number | undefined): number {
  return Math.min(maxResults && maxResults > 0 ? maxResults : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}
