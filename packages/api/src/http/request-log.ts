// One pino line per request, with a request id (echoed as `X-Request-Id`). app.ts calls these
// from the one middleware that wraps every request.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from './env.ts';

const SAFE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The caller's `X-Request-Id` when well-formed, otherwise a new one. */
export function requestIdFor(c: Context<AppEnv>): string {
  const incoming = c.req.header('x-request-id');
  return incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/** Logs the answered request; `started` is `performance.now()` when it came in. */
export function logRequest(logger: Logger, c: Context<AppEnv>, requestId: string, started: number): void {
  logger.info(
    {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    },
    'request',
  );
}
