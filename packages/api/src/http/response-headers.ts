// Headers every answer carries: the security headers (what Hono's `secureHeaders` middleware set
// with Cross-Origin-Resource-Policy and Cross-Origin-Opener-Policy off, worked out once instead
// of per request) and `X-Request-Id`.
//
// Setting them on a finished response makes @hono/node-server turn its plain header object into
// a web `Headers` and back, per request. A hot route can answer with `respondJson` instead: one
// plain object holding every header, marked so the middleware leaves it alone.
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/** Header names in lower case, as a web `Headers` would write them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});
const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS);

/** Responses built with every standard header already in place. */
const complete = new WeakSet<Response>();

/**
 * A JSON answer carrying `extra` headers and the standard ones (the security headers win over
 * `extra`, as the middleware's did).
 */
export function respondJson(
  c: Context<AppEnv>,
  body: unknown,
  status: number,
  extra?: Record<string, string>,
): Response {
  return respondJsonText(c, JSON.stringify(body), status, extra);
}

/** `respondJson` for a body that already is JSON text. */
export function respondJsonText(
  c: Context<AppEnv>,
  json: string,
  status: number,
  extra?: Record<string, string>,
): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
  Object.assign(headers, SECURITY_HEADERS);
  headers['x-request-id'] = c.get('requestId');
  const res = new Response(json, { status, headers });
  complete.add(res);
  return res;
}

/** Puts the standard headers on the answer, unless `respondJson` built it with them. */
export function addStandardHeaders(c: Context<AppEnv>, requestId: string): void {
  const res = c.res;
  if (complete.has(res)) return;
  const headers = res.headers;
  for (const [name, value] of SECURITY_ENTRIES) headers.set(name, value);
  headers.delete('x-powered-by');
  headers.set('x-request-id', requestId);
}
