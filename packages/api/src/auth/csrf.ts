// CSRF defence for cookie sessions (docs/api.md, "CSRF"). Browsers attach the cookie to
// cross-site requests, so a state-changing request authenticated by the cookie must prove it
// comes from our own pages: a same-origin `Origin`, or the custom header `X-Flowdeck-Client`
// (which a cross-site page cannot send without a CORS preflight, and we answer none).
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { requestOrigin } from '../http/client.ts';
import { problems } from '../http/problem.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-flowdeck-client';

/** Any unsafe request that names a foreign Origin is refused (this also stops login CSRF). */
export function refuseForeignOrigin(c: Context<AppEnv>): void {
  if (SAFE.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (origin && origin !== requestOrigin(c)) {
    throw problems.csrf(`Origin ${origin} does not match ${requestOrigin(c)}.`);
  }
}

/** A cookie-authenticated unsafe request needs a matching Origin or the custom header. */
export function requireSameOriginProof(c: Context<AppEnv>): void {
  if (SAFE.has(c.req.method)) return;
  refuseForeignOrigin(c);
  if (c.req.header('origin')) return;
  if (c.req.header(CSRF_HEADER)) return;
  if (c.req.header('sec-fetch-site') === 'same-origin') return;
  throw problems.csrf('Send an Origin header or `X-Flowdeck-Client` with cookie-authenticated changes.');
}
