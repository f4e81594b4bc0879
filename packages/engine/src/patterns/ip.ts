// IP addresses as event-ruler's `CIDR` class reads them: a string is an address only if it
// matches one of two loose regexes (IPv4 dotted quad, or hex digits and colons) and then parses
// as Java's `InetAddress` literal. IPv4-mapped IPv6 addresses become 4 bytes, as in Java.

const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export function looksLikeIp(text: string): boolean {
  return IPV4.test(text) || IPV6.test(text);
}

/** The address bytes, or undefined when `text` is not an address literal. */
export function parseIp(text: string): Uint8Array | undefined {
  if (IPV4.test(text)) return parseIpv4(text);
  if (IPV6.test(text)) return parseIpv6(text);
  return undefined;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const n = Number(parts[i]);
    if (!(n <= 255)) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (g.length === 0 || g.length > 4) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const count = head.length + tail.length;
  if (halves.length === 2 ? count > 7 : count !== 8) return undefined;
  const words = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** An inclusive address range; both ends have the same length (4 or 16 bytes). */
export interface IpRange {
  bottom: Uint8Array;
  top: Uint8Array;
}

export function inRange(address: Uint8Array, range: IpRange): boolean {
  if (address.length !== range.bottom.length) return false;
  return compareBytes(address, range.bottom) >= 0 && compareBytes(address, range.top) <= 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** Thrown for a bad `cidr` operand; event-ruler reports it without a location. */
export class CidrError extends Error {}

/**
 * `CIDR.cidr`: note AWS keeps the address as given as the bottom of the range (it does not
 * clear host bits), and accepts mask bits only below the address width (/32 is rejected).
 */
export function parseCidr(cidr: string): IpRange {
  const slashed = javaSplit(cidr, '/');
  if (slashed.length !== 2) throw new CidrError("Malformed CIDR, one '/' required");
  const maskText = slashed[1] as string;
  if (!/^[+-]?\d+$/.test(maskText) || Math.abs(Number(maskText)) > 2147483647) {
    throw new CidrError('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) throw new CidrError('Malformed CIDR, mask bits must not be negative');
  const ip = ipBytesOrThrow(slashed[0] as string);
  if (ip.length === 4 && maskBits > 31) throw new CidrError('IPv4 mask bits must be < 32');
  if (ip.length === 16 && maskBits > 127) throw new CidrError('IPv6 mask bits must be < 128');
  const top = new Uint8Array(ip.length);
  let hostBits = ip.length * 8 - maskBits;
  for (let i = ip.length - 1; i >= 0; i--) {
    const base = ip[i] as number;
    if (hostBits >= 8) top[i] = 0xff;
    else if (hostBits <= 0) top[i] = base;
    else top[i] = base | ((1 << hostBits) - 1);
    hostBits -= 8;
  }
  return { bottom: ip, top };
}

function ipBytesOrThrow(text: string): Uint8Array {
  if (!looksLikeIp(text)) throw new CidrError(`Nonstandard IP address: ${text}`);
  const bytes = parseIp(text);
  if (!bytes) throw new CidrError(`Invalid IP address: ${text}`);
  return bytes;
}

/** Java's `String.split(regex)` for a literal one-char separator: trailing empties dropped. */
function javaSplit(text: string, sep: string): string[] {
  const parts = text.split(sep);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1 && parts[0] === '' && text.length > 0) return [];
  return parts;
}
