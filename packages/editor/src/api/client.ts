// The API client: JSON over fetch with the session cookie, the CSRF proof header, the current
// organisation header, and problem+json errors turned into `ApiError`.
import type { Problem } from './types.ts';

export type { Problem } from './types.ts';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** The route does not exist on this server (yet), as opposed to a missing resource. */
  get noRoute(): boolean {
    return this.status === 404 && /^No route /.test(this.problem.detail ?? '');
  }
}

let currentOrg: string | undefined;
export function setCurrentOrganization(id: string | undefined): void {
  currentOrg = id;
}

/** The headers every API request carries: the CSRF proof and the current organisation. */
export function apiHeaders(): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-flowdeck-client': 'editor' };
  if (currentOrg) headers['x-flowdeck-org'] = currentOrg;
  return headers;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers = apiHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({
      type: '/problems/network',
      title: 'The server cannot be reached',
      status: 0,
      detail: 'Check your connection and try again.',
    });
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const p = (data && typeof data === 'object' ? data : {}) as Partial<Problem>;
    throw new ApiError({
      type: p.type ?? 'about:blank',
      title: p.title ?? res.statusText,
      status: res.status,
      detail: p.detail,
      errors: p.errors,
    });
  }
  return data as T;
}

/** A readable sentence for any error, for toasts and form messages. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const fieldErrors = err.problem.errors?.map((e) => e.message).join(' ');
    return [err.problem.detail ?? err.problem.title, fieldErrors].filter(Boolean).join(' ');
  }
  return err instanceof Error ? err.message : String(err);
}
