// The address check that lives inside the connection's own DNS lookup. The addresses that are
// checked are the very addresses the socket connects to: there is no second lookup a rebinding DNS
// server could answer differently.
// Policy: a name is refused when ANY of its answers is forbidden, not only when all are. A name
// answering one public and one private address is a rebinding trick in itself (the connection may
// pick either, e.g. by Happy Eyeballs), so serving the public half would still be unsafe.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NodeFailure } from '../define/errors.ts';
import { isForbiddenAddress, isLocalhostName } from './forbidden-addresses.ts';

export const FORBIDDEN_ADDRESS = 'Http.ForbiddenAddress';

/** DNS resolution: every address of a host name. */
export type LookupAll = (hostname: string) => Promise<string[]>;

export interface AddressPolicy {
  /** Resolves a host name; the system resolver (`dns.lookup`, all addresses) unless a test injects one. */
  resolve: LookupAll;
  /** True for an address that may not be called; `isForbiddenAddress` unless a test injects one. */
  isForbidden: (address: string) => boolean;
}

export const systemResolve: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export const defaultPolicy: AddressPolicy = { resolve: systemResolve, isForbidden: isForbiddenAddress };

function refusal(host: string, addresses: string[], why: string): NodeFailure {
  return new NodeFailure(FORBIDDEN_ADDRESS, `“${host}” ${why}, which workflows may not call.`, {
    host,
    addresses,
  });
}

/** Throws `Http.ForbiddenAddress` unless `addresses` is non-empty and every one of them is allowed. */
export function assertAllowedAddresses(
  host: string,
  addresses: string[],
  isForbidden: AddressPolicy['isForbidden'],
): void {
  const forbidden = addresses.filter(isForbidden);
  if (addresses.length === 0 || forbidden.length > 0) {
    throw refusal(
      host,
      forbidden,
      `points to a private or local network address (${forbidden.join(', ') || 'none'})`,
    );
  }
}

/**
 * The addresses of `hostname`, all checked. `localhost` names are refused without asking DNS; an IP
 * literal is checked as it is. DNS failures are passed on untouched (ENOTFOUND stays ENOTFOUND).
 */
export async function resolveAllowedAddresses(hostname: string, policy: AddressPolicy): Promise<string[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isLocalhostName(host)) throw refusal(host, [], 'names this machine itself');
  const addresses = isIP(host) !== 0 ? [host] : await policy.resolve(host);
  assertAllowedAddresses(host, addresses, policy.isForbidden);
  return addresses;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** Node's `family` option as 4, 6 or 0 (any). */
function wantedFamily(family: LookupOptions['family']): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return typeof family === 'number' ? family : 0;
}

/**
 * A `lookup` for `net.connect`/`tls.connect`: resolves with the policy's resolver, refuses the
 * connection when any answer is forbidden, and otherwise hands the checked addresses to the socket.
 * Answers both call shapes Node uses (`all: true` with Happy Eyeballs, a single address without).
 */
export function createGuardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveAllowedAddresses(hostname, policy).then(
      (addresses) => {
        const family = wantedFamily(options.family);
        const entries = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => family === 0 || entry.family === family);
        if (entries.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`No IPv${family} address for “${hostname}”.`);
          err.code = 'ENOTFOUND';
          callback(err, options.all ? [] : '');
        } else if (options.all) {
          callback(null, entries);
        } else {
          callback(null, entries[0].address, entries[0].family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : ''),
    );
  };
}
