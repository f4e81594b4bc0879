// The body size limit without building a web `Request` for every request: Hono's bodyLimit reads
// `c.req.raw.body`, which makes @hono/node-server construct a full Request (stream, abort
// controller) even for a GET. A declared Content-Length is checked from the header alone;
// only a chunked body (no length) goes through Hono's counting reader.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.ts';

export function fastBodyLimit(options: {
  maxSize: number;
  onError: Parameters<typeof bodyLimit>[0]['onError'];
}): MiddlewareHandler<AppEnv> {
  const counting = bodyLimit(options);
  return (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > options.maxSize
        ? (options.onError!(c) as Promise<Response>)
        : next();
    }
    return counting(c, next);
  };
}
