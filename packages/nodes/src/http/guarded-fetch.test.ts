// The guard end to end, against real servers on loopback. 127.0.0.2 stands in for "the public
// internet": these tests pass a policy that treats only that address as public, so a connection
// can succeed while 127.0.0.1 (the "internal" server an attacker wants) stays forbidden. Names are
// answered by an injected resolver, which is how DNS rebinding is simulated without a DNS server.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeFailure } from '../define/errors.ts';
import { isForbiddenAddress } from './forbidden-addresses.ts';
import { type GuardOptions, createHttpClient } from './guarded-fetch.ts';

const PUBLIC = '127.0.0.2';
const INTERNAL = '127.0.0.1';
const publicStandIn = (address: string) => address !== PUBLIC && isForbiddenAddress(address);

interface Hit {
  server: 'public' | 'internal';
  url: string;
  authorization?: string;
}
const hits: Hit[] = [];
let port: number;
const servers: Server[] = [];

function publicRoutes(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (chain) {
    const left = Number(chain[1]);
    res.writeHead(left === 0 ? 200 : 302, left === 0 ? {} : { location: `/chain/${left - 1}` });
    res.end(left === 0 ? 'end of chain' : '');
    return;
  }
  if (url.pathname === '/redirect') {
    res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
    res.end();
    return;
  }
  // `connection: close` makes the client open (and so look up) a new connection for every request.
  res.writeHead(200, { connection: 'close', 'content-type': 'text/plain' });
  res.end('public');
}

function listen(host: string, wanted: number, name: Hit['server']): Promise<Server> {
  const server = createServer((req, res) => {
    hits.push({ server: name, url: req.url ?? '', authorization: req.headers.authorization });
    if (name === 'public') publicRoutes(req, res);
    else res.end('internal secrets');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, host, () => resolve(server));
  });
}

beforeAll(async () => {
  // Both servers share one port, so a URL's host alone decides which one is reached.
  for (let attempt = 0; servers.length === 0; attempt++) {
    const publicServer = await listen(PUBLIC, 0, 'public');
    port = (publicServer.address() as AddressInfo).port;
    try {
      servers.push(await listen(INTERNAL, port, 'internal'), publicServer);
    } catch (err) {
      publicServer.close();
      if (attempt > 5) throw err;
    }
  }
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

beforeEach(() => {
  hits.length = 0;
});

/** A fake DNS: fixed answers per name, and a counter of how often each name was asked. */
function fakeDns(answers: Record<string, string[] | ((call: number) => string[])>) {
  const calls: Record<string, number> = {};
  const resolve = async (hostname: string): Promise<string[]> => {
    calls[hostname] = (calls[hostname] ?? 0) + 1;
    const answer = answers[hostname];
    if (answer === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return typeof answer === 'function' ? answer(calls[hostname]) : answer;
  };
  return { resolve, calls };
}

function client(options: GuardOptions) {
  return createHttpClient({ allowPrivate: false, isForbidden: publicStandIn, ...options });
}

async function refusal(promise: Promise<unknown>): Promise<NodeFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NodeFailure);
  return err as NodeFailure;
}

describe('DNS rebinding', () => {
  const rebinding = (call: number) => (call === 1 ? [PUBLIC] : [INTERNAL]);

  it('checks the very answer the connection uses: a second, private answer is refused', async () => {
    const dns = fakeDns({ 'rebind.test': rebinding });
    const http = client({ resolve: dns.resolve });

    const first = await http(`http://rebind.test:${port}/`);
    expect(await first.text()).toBe('public');
    const refused = await refusal(http(`http://rebind.test:${port}/`));
    expect(refused.error).toBe('Http.ForbiddenAddress');
    expect(refused.details).toMatchObject({ host: 'rebind.test', addresses: [INTERNAL] });

    // One lookup per connection and no other: nothing resolves the name a second time.
    expect(dns.calls['rebind.test']).toBe(2);
    expect(hits.map((hit) => hit.server)).toEqual(['public']);
  });

  it('(control) without the check the same resolver does lead to the internal server', async () => {
    const dns = fakeDns({ 'rebind.test': rebinding });
    const http = client({ resolve: dns.resolve, isForbidden: () => false });
    await (await http(`http://rebind.test:${port}/`)).text();
    expect(await (await http(`http://rebind.test:${port}/`)).text()).toBe('internal secrets');
    expect(hits.map((hit) => hit.server)).toEqual(['public', 'internal']);
  });

  it('refuses a name when any one of its answers is private, before connecting', async () => {
    const dns = fakeDns({ 'mixed.test': [PUBLIC, INTERNAL], 'mixed6.test': [PUBLIC, '::1'] });
    const http = client({ resolve: dns.resolve });
    for (const name of ['mixed.test', 'mixed6.test']) {
      const refused = await refusal(http(`http://${name}:${port}/`));
      expect(refused.error).toBe('Http.ForbiddenAddress');
    }
    expect(hits).toEqual([]);
  });
});

describe('private answers', () => {
  it.each([
    ['loopback', ['127.0.0.1']],
    ['IPv6 loopback', ['::1']],
    ['IPv4-mapped IPv6 loopback', ['::ffff:127.0.0.1']],
    ['IPv4-mapped IPv6 in hex', ['::ffff:7f00:1']],
    ['IPv6 unique local', ['fd00::1']],
    ['IPv6 link-local', ['fe80::1']],
    ['this network', ['0.0.0.0']],
    ['carrier-grade NAT', ['100.64.12.34']],
    ['cloud metadata', ['169.254.169.254']],
    ['private', ['10.1.2.3', '192.168.0.10', '172.20.0.1']],
    ['no address at all', []],
  ])('refuses a name resolving to %s', async (_, addresses) => {
    const dns = fakeDns({ 'target.test': addresses });
    const refused = await refusal(client({ resolve: dns.resolve })(`http://target.test:${port}/`));
    expect(refused.error).toBe('Http.ForbiddenAddress');
    expect(dns.calls['target.test']).toBe(1);
    expect(hits).toEqual([]);
  });

  it('refuses localhost names without asking DNS', async () => {
    const dns = fakeDns({ localhost: [PUBLIC], 'app.localhost': [PUBLIC] });
    for (const host of ['localhost', 'LocalHost.', 'app.localhost']) {
      const refused = await refusal(client({ resolve: dns.resolve })(`http://${host}:${port}/`));
      expect(refused.error).toBe('Http.ForbiddenAddress');
    }
    expect(dns.calls).toEqual({});
    expect(hits).toEqual([]);
  });

  it('passes DNS failures on as connection failures, not as refusals', async () => {
    const err = await client({ resolve: fakeDns({}).resolve })(`http://nowhere.test:${port}/`).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(err).not.toBeInstanceOf(NodeFailure);
    expect(err?.cause?.code).toBe('ENOTFOUND');
  });
});

describe('redirects', () => {
  const dns = () => fakeDns({ 'public.test': [PUBLIC], 'other.test': [PUBLIC], 'internal.test': [INTERNAL] });
  const via = (to: string) => `http://public.test:${port}/redirect?to=${encodeURIComponent(to)}`;

  it('follows a redirect to another public host', async () => {
    const response = await client({ resolve: dns().resolve })(via(`http://other.test:${port}/`), {
      headers: { authorization: 'Bearer secret' },
    });
    expect(await response.text()).toBe('public');
    // Like browsers, credentials are not carried to another site.
    expect(hits.map((hit) => [hit.url, hit.authorization])).toEqual([
      [`/redirect?to=${encodeURIComponent(`http://other.test:${port}/`)}`, 'Bearer secret'],
      ['/', undefined],
    ]);
  });

  it.each([
    ['an internal name', () => `http://internal.test:${port}/`],
    ['a loopback literal', () => `http://127.0.0.1:${port}/`],
    ['a decimal IPv4 literal', () => `http://2130706433:${port}/`],
    ['a hex IPv4 literal', () => `http://0x7f.1:${port}/`],
    ['an octal IPv4 literal', () => `http://0177.0.0.1:${port}/`],
    ['an IPv4-mapped IPv6 literal', () => `http://[::ffff:127.0.0.1]:${port}/`],
    ['localhost', () => `http://localhost:${port}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses a redirect from a public host to %s', async (_, target) => {
    const refused = await refusal(client({ resolve: dns().resolve })(via(target())));
    expect(refused.error).toBe('Http.ForbiddenAddress');
    expect(hits.map((hit) => hit.server)).toEqual(['public']);
  });

  it('(control) with private addresses allowed the same redirect reaches the internal server', async () => {
    const http = createHttpClient({ allowPrivate: true });
    const response = await http(
      `http://${PUBLIC}:${port}/redirect?to=${encodeURIComponent(`http://2130706433:${port}/`)}`,
    );
    expect(await response.text()).toBe('internal secrets');
  });

  it('follows at most 20 redirects, as fetch does', async () => {
    const http = client({ resolve: dns().resolve });
    expect(await (await http(`http://public.test:${port}/chain/20`)).text()).toBe('end of chain');
    const tooMany = await refusal(http(`http://public.test:${port}/chain/21`));
    expect(tooMany.error).toBe('Http.ConnectionFailed');
    expect(tooMany.causeText).toContain('Too many redirects');
  });
});

describe('allowing private addresses', () => {
  it('reaches loopback with the allowPrivate option or FLOWDECK_HTTP_ALLOW_PRIVATE=true', async () => {
    expect(await (await createHttpClient({ allowPrivate: true })(`http://${INTERNAL}:${port}/`)).text()).toBe(
      'internal secrets',
    );
    const fromEnvironment = createHttpClient();
    process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = 'true';
    try {
      expect(await (await fromEnvironment(`http://localhost:${port}/`)).text()).toBe('internal secrets');
    } finally {
      delete process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;
    }
    // The switch is read per call: the same client refuses again once it is off.
    expect((await refusal(fromEnvironment(`http://localhost:${port}/`))).error).toBe('Http.ForbiddenAddress');
    expect(hits.map((hit) => hit.server)).toEqual(['internal', 'internal']);
  });
});
