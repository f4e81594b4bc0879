// `fetch` that refuses loopback, private and link-local destinations (SSRF guard).
// The check sits in the connection itself (guarded-agent.ts): the socket's DNS lookup resolves the
// name once, refuses it when ANY answer is forbidden, and connects to exactly the addresses it
// checked, so a DNS server that answers "public" to a check and "127.0.0.1" to the connection
// (rebinding) has no second lookup to answer. IP literals in every spelling (`2130706433`,
// `0x7f.1`, `[::ffff:127.0.0.1]`) are normalised by the URL parser and checked before connecting.
// Redirects are followed by hand (at most 20, as fetch does) so credentials are dropped across
// sites; every hop opens its connection through the same guarded agent, so every hop is checked.
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import type { HttpClient } from '../define/context.ts';
import { NodeFailure } from '../define/errors.ts';
import { isForbiddenAddress } from './forbidden-addresses.ts';
import { createGuardedAgent } from './guarded-agent.ts';
import {
  type AddressPolicy,
  FORBIDDEN_ADDRESS,
  type LookupAll,
  defaultPolicy,
  resolveAllowedAddresses,
  systemResolve,
} from './guarded-lookup.ts';

export { FORBIDDEN_ADDRESS, type LookupAll };

export interface GuardOptions {
  /** Allow private addresses (tests, self-hosted intranets). Default: `FLOWDECK_HTTP_ALLOW_PRIVATE=true`. */
  allowPrivate?: boolean;
  /**
   * The resolver the connection's own lookup uses; defaults to the system resolver (`dns.lookup`,
   * all addresses). Tests inject one to simulate DNS rebinding.
   */
  resolve?: LookupAll;
  /** Which addresses are refused; defaults to `isForbiddenAddress`. */
  isForbidden?: (address: string) => boolean;
  /** Redirects followed before giving up; default 20, as fetch does. */
  maxRedirects?: number;
}

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

/**
 * Throws `Http.ForbiddenAddress` unless every address of the URL's host is public. Advisory only:
 * it resolves the name on its own, so it proves nothing about a later connection — the client
 * below does not rely on it (its check is inside the connection).
 */
export async function assertPublicDestination(url: URL, lookup: LookupAll = systemResolve): Promise<void> {
  try {
    await resolveAllowedAddresses(url.hostname, { resolve: lookup, isForbidden: isForbiddenAddress });
  } catch (err) {
    if (err instanceof NodeFailure) throw err;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    throw new NodeFailure(CONNECTION_FAILED, `The address “${host}” could not be found.`, {
      reason: (err as Error).message,
    });
  }
}

/** The guard's refusal inside fetch's `TypeError('fetch failed', { cause })`, if that is what failed. */
function guardRefusal(err: unknown): NodeFailure | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof NodeFailure && current.error === FORBIDDEN_ADDRESS) return current;
    current = current.cause;
  }
  return undefined;
}

// Shared agents keep connection pools across runs. Private-allowed and guarded traffic never share
// a pool, so a socket opened while private addresses were allowed is never reused by a guarded call.
let sharedGuardedAgent: Agent | undefined;
let sharedOpenAgent: Agent | undefined;

function guardedAgentFor(options: GuardOptions): () => Agent {
  if (options.resolve === undefined && options.isForbidden === undefined) {
    return () => {
      sharedGuardedAgent ??= createGuardedAgent(defaultPolicy);
      return sharedGuardedAgent;
    };
  }
  const policy: AddressPolicy = {
    resolve: options.resolve ?? defaultPolicy.resolve,
    isForbidden: options.isForbidden ?? defaultPolicy.isForbidden,
  };
  let agent: Agent | undefined;
  return () => {
    agent ??= createGuardedAgent(policy);
    return agent;
  };
}

function openAgent(): Agent {
  sharedOpenAgent ??= new Agent();
  return sharedOpenAgent;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createHttpClient(options: GuardOptions = {}): HttpClient {
  const maxRedirects = options.maxRedirects ?? 20;
  const guardedAgent = guardedAgentFor(options);
  return async (input, init = {}) => {
    // Read per call: the operator's switch (and tests) may change between calls.
    const allowPrivate = options.allowPrivate ?? process.env.FLOWDECK_HTTP_ALLOW_PRIVATE === 'true';
    const dispatcher = allowPrivate ? openAgent() : guardedAgent();
    let url = parseUrl(input);
    let request: RequestInit = { ...init };
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = (await undiciFetch(url, {
          ...(request as UndiciRequestInit),
          redirect: 'manual',
          dispatcher,
        })) as unknown as Response;
      } catch (err) {
        throw guardRefusal(err) ?? err;
      }
      const location = response.headers.get('location');
      if (init.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null) {
        return response;
      }
      if (init.redirect === 'error' || hop >= maxRedirects) {
        await response.body?.cancel();
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
