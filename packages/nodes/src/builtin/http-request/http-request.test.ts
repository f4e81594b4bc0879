import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeFailure } from '../../define/errors.ts';
import { runNode } from '../../define/run-node.ts';
import { httpRequestNode, retryAfterSeconds } from './http-request.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const routes: Record<string, Route> = {
  '/json': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-answer': '42' });
    res.end(JSON.stringify({ items: [{ title: 'Launch' }] }));
  },
  '/echo': (req, res) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        method: req.method,
        contentType: req.headers['content-type'],
        body: seen.at(-1)?.body,
      }),
    );
  },
  '/text': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello');
  },
  '/missing': (_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  },
  '/broken': (_req, res) => {
    res.writeHead(503);
    res.end('down');
  },
  '/busy': (_req, res) => {
    res.writeHead(429, { 'retry-after': '7' });
    res.end();
  },
  '/moved': (_req, res) => {
    res.writeHead(302, { location: '/json' });
    res.end();
  },
  '/silent': () => {
    // never answers: the node's timeout must end the wait
  },
};

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      (routes[path] ?? routes['/missing'])(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = 'true';
});

afterEach(() => {
  delete process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;
});

async function failure(promise: Promise<unknown>): Promise<NodeFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NodeFailure);
  return err as NodeFailure;
}

describe('http.request', () => {
  it('performs a GET with query and headers and parses a JSON answer', async () => {
    const output = await runNode(httpRequestNode, {
      params: { url: `${base}/json`, query: { page: 2, q: 'a b' }, headers: { Authorization: 'Bearer t' } },
    });
    expect(output).toMatchObject({ status: 200, body: { items: [{ title: 'Launch' }] } });
    expect(output.headers['x-answer']).toBe('42');
    expect(seen[0]?.url).toBe('/json?page=2&q=a+b');
    expect(seen[0]?.headers.authorization).toBe('Bearer t');
  });

  it('sends a JSON body for POST', async () => {
    const output = await runNode(httpRequestNode, {
      params: { method: 'POST', url: `${base}/echo`, body: { title: 'Launch' } },
    });
    expect(output).toMatchObject({
      status: 201,
      body: { method: 'POST', contentType: 'application/json', body: '{"title":"Launch"}' },
    });
  });

  it('returns text answers as text and follows redirects', async () => {
    expect((await runNode(httpRequestNode, { params: { url: `${base}/text` } })).body).toBe('hello');
    const moved = await runNode(httpRequestNode, { params: { url: `${base}/moved` } });
    expect(moved.body).toEqual({ items: [{ title: 'Launch' }] });
    expect(seen.map((request) => request.url)).toEqual(['/text', '/moved', '/json']);
  });

  it('fails with named errors for 4xx, 5xx and 429 with retry-after', async () => {
    const missing = await failure(runNode(httpRequestNode, { params: { url: `${base}/missing` } }));
    expect(missing.error).toBe('Http.ClientError');
    expect(missing.details).toMatchObject({ status: 404, body: { error: 'not found' } });

    const broken = await failure(runNode(httpRequestNode, { params: { url: `${base}/broken` } }));
    expect(broken.error).toBe('Http.ServerError');
    expect(broken.details.status).toBe(503);

    const busy = await failure(runNode(httpRequestNode, { params: { url: `${base}/busy` } }));
    expect(busy.error).toBe('Http.RateLimited');
    expect(busy.details.retryAfterSeconds).toBe(7);
    expect(busy.causeText).toContain('try again in 7 seconds');
  });

  it('gives up with Http.Timeout when the server does not answer in time', async () => {
    const timeout = await failure(
      runNode(httpRequestNode, { params: { url: `${base}/silent`, timeoutSeconds: 1 } }),
    );
    expect(timeout.error).toBe('Http.Timeout');
  });

  it('refuses loopback and private addresses in every spelling unless FLOWDECK_HTTP_ALLOW_PRIVATE=true', async () => {
    const port = new URL(base).port;
    const loopbackForms = [
      `${base}/json`,
      `http://localhost:${port}/json`,
      `http://LOCALHOST.:${port}/json`,
      `http://api.localhost:${port}/json`,
      `http://2130706433:${port}/json`, // decimal
      `http://0x7f.1:${port}/json`, // hex, short form
      `http://0x7f000001:${port}/json`,
      `http://017700000001:${port}/json`, // octal
      `http://0177.0.0.1:${port}/json`,
      `http://127.1:${port}/json`,
      `http://[::ffff:127.0.0.1]:${port}/json`, // IPv4-mapped IPv6
      `http://[0:0:0:0:0:ffff:7f00:1]:${port}/json`,
    ];
    const otherForbidden = [
      'http://[::1]:40080/',
      'http://[fd12:3456::1]:40080/', // IPv6 unique local
      'http://[fe80::1]:40080/', // IPv6 link-local
      'http://0.0.0.0:40080/',
      'http://100.64.0.1:40080/', // carrier-grade NAT
      'http://169.254.169.254/latest/meta-data/', // cloud metadata
      'http://10.0.0.1:40080/',
      'http://192.168.1.1:40080/',
    ];
    delete process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;
    for (const url of [...loopbackForms, ...otherForbidden]) {
      const refused = await failure(runNode(httpRequestNode, { params: { url } }));
      expect(refused.error, url).toBe('Http.ForbiddenAddress');
    }
    expect(seen).toEqual([]);

    // The same spellings do reach the local IPv4 server once the operator allows it (the
    // `*.localhost` names and the IPv6 forms are left out: this machine's resolver and the server's
    // IPv4-only socket do not answer them).
    process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = 'true';
    const reachable = loopbackForms.filter((u) => !/\[|localhost\.|\.localhost/i.test(u));
    for (const url of reachable) {
      expect((await runNode(httpRequestNode, { params: { url } })).status, url).toBe(200);
    }
    expect(seen.length).toBe(reachable.length);
  });

  it('checks params before calling: a bad URL never leaves the machine', async () => {
    const invalid = await failure(runNode(httpRequestNode, { params: { url: 'ftp://example.com' } }));
    expect(invalid.error).toBe('Node.InvalidInput');
    expect(invalid.causeText).toContain('URL must be a web address starting with http:// or https://.');
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds or an HTTP date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
