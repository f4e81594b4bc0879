import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { NodeFailure } from '../define/errors.ts';
import { isForbiddenAddress } from './forbidden-addresses.ts';
import { createGuardedLookup } from './guarded-lookup.ts';

type Answer = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

/** Calls the lookup the way `net.connect` does and collects its callback. */
function ask(resolve: (host: string) => Promise<string[]>, host: string, options: LookupOptions) {
  const lookup = createGuardedLookup({ resolve, isForbidden: isForbiddenAddress });
  return new Promise<Answer>((done) =>
    lookup(host, options, (err, address, family) => done({ err, address, family })),
  );
}

describe('createGuardedLookup', () => {
  it('hands every checked address to a Happy Eyeballs connect (all: true)', async () => {
    const answer = await ask(async () => ['93.184.216.34', '2606:2800:220:1::1'], 'example.test', {
      all: true,
    });
    expect(answer).toEqual({
      err: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
  });

  it('answers a single address of the wanted family otherwise', async () => {
    const resolve = async () => ['2606:2800:220:1::1', '93.184.216.34'];
    expect(await ask(resolve, 'example.test', { family: 4 })).toMatchObject({
      address: '93.184.216.34',
      family: 4,
    });
    expect(await ask(resolve, 'example.test', {})).toMatchObject({
      address: '2606:2800:220:1::1',
      family: 6,
    });
    const none = await ask(async () => ['93.184.216.34'], 'example.test', { family: 6 });
    expect(none.err?.code).toBe('ENOTFOUND');
  });

  it('resolves once per call, so a rebinding answer fails the connection that would use it', async () => {
    let calls = 0;
    const rebinding = async () => (++calls === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
    expect((await ask(rebinding, 'rebind.test', { all: true })).err).toBeNull();
    const second = await ask(rebinding, 'rebind.test', { all: true });
    expect(second.err).toBeInstanceOf(NodeFailure);
    expect((second.err as NodeFailure).error).toBe('Http.ForbiddenAddress');
    expect(calls).toBe(2);
  });

  it('refuses a name when any of its answers is private', async () => {
    const answer = await ask(async () => ['93.184.216.34', '169.254.169.254'], 'mixed.test', { all: true });
    expect((answer.err as NodeFailure).error).toBe('Http.ForbiddenAddress');
    expect((answer.err as NodeFailure).details).toEqual({
      host: 'mixed.test',
      addresses: ['169.254.169.254'],
    });
  });

  it('passes a DNS failure on unchanged', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    const answer = await ask(
      async () => {
        throw notFound;
      },
      'nowhere.test',
      { all: true },
    );
    expect(answer.err).toBe(notFound);
  });
});
