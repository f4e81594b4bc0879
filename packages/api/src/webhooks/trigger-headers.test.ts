import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serveOnSocket } from '../http/test-socket.ts';
import { createTestApp } from '../testing/harness.ts';
import { chain } from '../testing/test-engine.ts';
import { flatHeaders, triggerHeaders } from './trigger-headers.ts';

/** What the webhook did before: a web `Headers` from the raw list (as @hono/node-server builds it), listed. */
function viaWebHeaders(raw: string[]): Record<string, string> {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) if (!raw[i].startsWith(':')) headers.append(raw[i], raw[i + 1]);
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!['authorization', 'cookie', 'x-signature-256'].includes(name)) out[name] = value;
  });
  return out;
}

const name = fc.oneof(
  fc.constantFrom(
    'Host',
    'host',
    'Content-Type',
    'Accept',
    'accept',
    'ACCEPT',
    'X-Order',
    'x-order',
    'Cookie',
    'cookie',
    'Set-Cookie',
    'set-cookie',
    'Authorization',
    'X-Signature-256',
    'User-Agent',
    '1',
    ':authority',
  ),
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/),
);
// Visible ASCII and inner spaces/tabs; leading and trailing whitespace to trim.
const value = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '  '),
    fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e\t]{0,10}[\x21-\x7e])?$/),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([a, b, c]) => a + b + c);
const rawHeaders = fc.array(fc.tuple(name, value), { maxLength: 12 }).map((pairs) => pairs.flat());

describe('$trigger.headers', () => {
  it('lists the headers exactly as a web Headers would, key order included', () => {
    fc.assert(
      fc.property(rawHeaders, (raw) => {
        expect(Object.entries(triggerHeaders(raw))).toEqual(Object.entries(viaWebHeaders(raw)));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same from a web Headers as from the raw list it was built from', () => {
    fc.assert(
      fc.property(rawHeaders, (raw) => {
        const headers = new Headers();
        for (let i = 0; i < raw.length; i += 2)
          if (!raw[i].startsWith(':')) headers.append(raw[i], raw[i + 1]);
        expect(Object.entries(triggerHeaders(flatHeaders(headers)))).toEqual(
          Object.entries(triggerHeaders(raw)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('joins repeats, keeps the last Set-Cookie and hides credentials', () => {
    expect(
      triggerHeaders([
        'X-Order',
        ' 1 ',
        'x-order',
        '2',
        'Set-Cookie',
        'a=1',
        'set-cookie',
        'b=2',
        'Authorization',
        'Bearer s',
        'Cookie',
        'c=3',
        'X-Signature-256',
        'sha256=00',
      ]),
    ).toEqual({ 'set-cookie': 'b=2', 'x-order': '1, 2' });
  });

  it('reach a workflow the same in-process and over a socket (Node’s raw headers)', async () => {
    const t = createTestApp();
    const server = await serveOnSocket(t.app);
    try {
      const owner = await t.signup();
      const graph = chain(
        { type: 'trigger.webhook', params: { responseMode: 'sync' } },
        { type: 'data.transform', params: { output: '{% $trigger.headers %}' } },
      );
      const wf = await t.call('POST', '/api/v1/workflows', { as: owner, body: { name: 'Echo', graph } });
      const deployed = await t.call('POST', `/api/v1/workflows/${wf.body.id}/deploy`, { as: owner });
      const path = new URL(deployed.body.webhookUrl).pathname;
      const sent = {
        'content-type': 'application/json',
        'X-Order': ['1', ' 2 '],
        'x-mixed-Case': 'yes',
        'set-cookie': ['a=1', 'b=2'],
        authorization: 'Bearer secret',
        cookie: 'session=abc',
      };
      const overSocket = await new Promise<Record<string, string>>((resolve, reject) => {
        const req = request(`${server.base}${path}`, { method: 'POST', headers: sent }, (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve(JSON.parse(text)));
        });
        req.on('error', reject);
        req.end('{}');
      });
      expect(overSocket).toMatchObject({ 'x-order': '1, 2', 'x-mixed-case': 'yes', 'set-cookie': 'b=2' });
      for (const hidden of ['authorization', 'cookie']) expect(overSocket).not.toHaveProperty(hidden);
      expect(Object.keys(overSocket)).toEqual(Object.keys(overSocket).sort());

      // The same headers in-process (a web Request) give the same $trigger.headers.
      const inProcess = await t.call('POST', path, { body: '{}', headers: overSocket });
      expect(Object.entries(inProcess.body)).toEqual(Object.entries(overSocket));
    } finally {
      await server.close();
      await t.close();
    }
  });
});
