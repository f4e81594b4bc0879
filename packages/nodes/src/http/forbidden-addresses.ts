// Addresses a workflow may not call: loopback, private, link-local, and other special-purpose
// ranges (IANA IPv4/IPv6 special-purpose registries). Blocks SSRF into the host's own network,
// e.g. the cloud metadata service at 169.254.169.254.
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64 well-known prefix: may reach private IPv4
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: embeds an IPv4 address
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`). */
function mappedIPv4(address: string): string | undefined {
  const match = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (!match) return undefined;
  const rest = match[1];
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * The canonical text of an IP address, or undefined when `text` is not one. The WHATWG URL parser
 * does the canonicalising, exactly as it does for a URL a workflow calls: IPv4 in decimal, octal,
 * hex or short form (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) becomes `127.0.0.1`, IPv6 in any
 * spelling becomes its compressed form (`0:0:0:0:0:ffff:7f00:1` → `::ffff:7f00:1`).
 */
export function canonicalIp(text: string): string | undefined {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (bare === '') return undefined;
  const host = (() => {
    try {
      return new URL(`http://${isIP(bare) === 6 ? `[${bare}]` : bare}/`).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return undefined;
    }
  })();
  return host !== undefined && isIP(host) !== 0 ? host : undefined;
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS answers. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** True for any address a workflow may not reach (or that is not an IP address at all). */
export function isForbiddenAddress(address: string): boolean {
  const ip = canonicalIp(address);
  if (ip === undefined) return true;
  if (isIP(ip) === 4) return blocked.check(ip, 'ipv4');
  const v4 = mappedIPv4(ip);
  if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  return blocked.check(ip, 'ipv6');
}
