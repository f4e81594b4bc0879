import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

// `c.get`, not `c.var`: `c.var` copies every variable into a new object at each use.

/** The caller's IP: the socket's address, or the first `X-Forwarded-For` hop behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get('deps').config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) return forwarded.split(',')[0].trim();
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The origin the browser sees (`https://flowdeck.example`), honouring a trusted proxy's scheme. */
export function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.get('deps').config.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0].trim();
    if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`;
    const host = c.req.header('x-forwarded-host');
    if (host) url.host = host;
  }
  return url.origin;
}

export const isHttps = (c: Context<AppEnv>): boolean => requestOrigin(c).startsWith('https:');

/** Where links (invitations, webhooks) point: the configured public URL or the request's origin. */
export const publicBaseUrl = (c: Context<AppEnv>): string =>
  (c.get('deps').config.publicUrl ?? requestOrigin(c)).replace(/\/+$/, '');
