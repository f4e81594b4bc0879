import type { ExecutionRecord, Page } from '../ports.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Newest first by start date, ties broken by ARN so pages are stable. */
export function newestFirst(a: ExecutionRecord, b: ExecutionRecord): number {
  return b.startDate - a.startDate || (a.executionArn < b.executionArn ? -1 : 1);
}

/** Offset paging for stores that hold the whole list in memory. The token is the offset. */
export function pageOf<T>(items: T[], maxResults?: number, nextToken?: string): Page<T> {
  const size = Math.min(maxResults && maxResults > 0 ? maxResults : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = nextToken ? Number.parseInt(Buffer.from(nextToken, 'base64url').toString(), 10) || 0 : 0;
  const page = items.slice(start, start + size);
  const next =
    start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return next ? { items: page, nextToken: next } : { items: page };
}
