// `fetch` that refuses loopback, private and link-local destinations. The host name is resolved
// first and EVERY resolved address is checked (a name with one public and one private address is
// refused), and redirects are followed by hand so each hop is checked too.
// Known limit: the address fetch connects to comes from a second lookup; a DNS server that
// answers differently within milliseconds (rebinding) is not caught here. Hosts that need that
// guarantee run nodes behind an egress proxy.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { HttpClient } from '../define/context.ts';
import { NodeFailure } from '../define/errors.ts';
import { isForbiddenAddress } from './forbidden-addresses.ts';

export type LookupAll = (hostname: string) => Promise<string[]>;

export interface GuardOptions {
  /** Allow private addresses (tests, self-hosted intranets). Default: `FLOWDECK_HTTP_ALLOW_PRIVATE=true`. */
  allowPrivate?: boolean;
  /** DNS resolution; defaults to the system resolver (`dns.lookup`, all addresses). */
  lookup?: LookupAll;
  maxRedirects?: number;
}

const systemLookup: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export const FORBIDDEN_ADDRESS = 'Http.ForbiddenAddress';
export const INVALID_URL = 'Http.InvalidUrl';
export const CONNECTION_FAILED = 'Http.ConnectionFailed';

function parseUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NodeFailure(INVALID_URL, `“${String(url)}” is not a web address.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NodeFailure(
      INVALID_URL,
      `Only http:// and https:// addresses can be called, not “${parsed.protocol}”.`,
    );
  }
  return parsed;
}

/** Throws `Http.ForbiddenAddress` unless every address of the URL's host is public. */
export async function assertPublicDestination(url: URL, lookup: LookupAll = systemLookup): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch (err) {
    throw new NodeFailure(CONNECTION_FAILED, `The address “${host}” could not be found.`, {
      reason: (err as Error).message,
    });
  }
  const forbidden = addresses.filter(isForbiddenAddress);
  if (addresses.length === 0 || forbidden.length > 0) {
    throw new NodeFailure(
      FORBIDDEN_ADDRESS,
      `“${host}” points to a private or local network address (${forbidden.join(', ') || 'none'}), which workflows may not call.`,
      { host, addresses: forbidden },
    );
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createHttpClient(options: GuardOptions = {}): HttpClient {
  const maxRedirects = options.maxRedirects ?? 10;
  return async (input, init = {}) => {
    const allowPrivate = options.allowPrivate ?? process.env.FLOWDECK_HTTP_ALLOW_PRIVATE === 'true';
    let url = parseUrl(input);
    let request: RequestInit = { ...init };
    for (let hop = 0; ; hop++) {
      if (!allowPrivate) await assertPublicDestination(url, options.lookup);
      const response = await fetch(url, { ...request, redirect: 'manual' });
      const location = response.headers.get('location');
      if (init.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null) {
        return response;
      }
      if (init.redirect === 'error' || hop >= maxRedirects) {
        throw new NodeFailure(CONNECTION_FAILED, `Too many redirects, last to “${location}”.`);
      }
      await response.body?.cancel();
      const next = parseUrl(new URL(location, url));
      if (next.origin !== url.origin) {
        // Like browsers: credentials are not sent on to another site.
        const headers = new Headers(request.headers);
        headers.delete('authorization');
        headers.delete('cookie');
        request = { ...request, headers };
      }
      url = next;
      // Fetch standard: 303 (and 301/302 after POST) continue as GET without a body.
      const method = (request.method ?? 'GET').toUpperCase();
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        request = { ...request, method: method === 'HEAD' ? 'HEAD' : 'GET', body: undefined };
      }
    }
  };
}
