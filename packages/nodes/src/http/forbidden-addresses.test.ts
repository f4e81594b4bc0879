import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeFailure } from '../define/errors.ts';
import { isForbiddenAddress } from './forbidden-addresses.ts';
import { assertPublicDestination } from './guarded-fetch.ts';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:2800:220:1::1', '::ffff:93.184.216.34'])(
    'allows %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );
});

describe('assertPublicDestination', () => {
  it('refuses a name when any one of its addresses is private', async () => {
    const lookup = async () => ['93.184.216.34', '10.0.0.1'];
    const err = await assertPublicDestination(new URL('https://mixed.example'), lookup).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NodeFailure);
    expect((err as NodeFailure).error).toBe('Http.ForbiddenAddress');
    await expect(
      assertPublicDestination(new URL('https://ok.example'), async () => ['93.184.216.34']),
    ).resolves.toBe(undefined);
  });
});

// Every textual form a URL or a resolver may carry for one IPv4 address.
function spellings(ip: number): string[] {
  const octets = [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
  const hex = (n: number) => `0x${n.toString(16)}`;
  const oct = (n: number) => `0${n.toString(8)}`;
  const high = ((octets[0] << 8) | octets[1]).toString(16);
  const low = ((octets[2] << 8) | octets[3]).toString(16);
  return [
    octets.join('.'),
    String(ip), // decimal: http://2130706433/
    hex(ip), // http://0x7f000001/
    oct(ip), // http://017700000001/
    octets.map(hex).join('.'),
    octets.map(oct).join('.'),
    `${octets[0]}.${(ip & 0xffffff) >>> 0}`, // a.b-c-d short form: 127.1
    `${hex(octets[0])}.${octets[1]}.${(ip & 0xffff) >>> 0}`, // a.b.c-d, mixed bases
    `::ffff:${octets.join('.')}`, // IPv4-mapped IPv6
    `[::ffff:${octets.join('.')}]`,
    `::ffff:${high}:${low}`,
    `0:0:0:0:0:ffff:${high}:${low}`,
    `0000:0000:0000:0000:0000:FFFF:${high.toUpperCase()}:${low.toUpperCase()}`,
  ];
}

const toNumber = (dotted: string) => dotted.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

describe('isForbiddenAddress (properties)', () => {
  it('answers the same for every spelling of an IPv4 address', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (ip) => {
        const [dotted, ...others] = spellings(ip);
        const expected = isForbiddenAddress(dotted);
        for (const form of others) expect(isForbiddenAddress(form), form).toBe(expected);
      }),
    );
  });

  // The ranges the security standard names, written out independently of the classifier's table.
  const namedRanges: [string, number][] = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
  ];

  it('refuses every address of the private, loopback, CGNAT and link-local ranges in all its spellings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...namedRanges),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        ([network, prefix], noise) => {
          const hostBits = 32 - prefix;
          const ip = (toNumber(network) + (noise % 2 ** hostBits)) >>> 0;
          for (const form of spellings(ip)) expect(isForbiddenAddress(form), form).toBe(true);
          // …and as the host of a URL, which is what the connection is made from.
          for (const form of spellings(ip).filter((f) => !f.includes(':'))) {
            expect(isForbiddenAddress(new URL(`http://${form}/`).hostname), form).toBe(true);
          }
        },
      ),
    );
  });

  it('refuses every IPv6 unique-local and link-local address', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(group, { minLength: 7, maxLength: 7 }), fc.boolean(), (groups, linkLocal) => {
        const first = linkLocal
          ? (0xfe80 | (Number.parseInt(groups[0], 16) & 0x3f)).toString(16)
          : (0xfc00 | (Number.parseInt(groups[0], 16) & 0x1ff)).toString(16);
        const address = [first, ...groups.slice(1), '1'].join(':');
        expect(isForbiddenAddress(address), address).toBe(true);
        expect(isForbiddenAddress(`[${address}]`), address).toBe(true);
      }),
    );
  });
});
