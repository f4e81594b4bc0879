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
