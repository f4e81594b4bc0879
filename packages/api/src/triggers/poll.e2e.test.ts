// Poll triggers end to end: a local RSS server that grows between polls, driven by a stepped
// clock. The first poll only remembers; each new item then starts exactly one run with the item
// as $trigger; the filter keeps only matching items; disabling stops polling.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/fixtures.ts';
import type { TestApp } from '../testing/harness.ts';
import { clockedApp, deployed, finishedRuns, line, runsOf } from './test-support.ts';

const items: { guid: string; title: string }[] = [];
let requests = 0;
let server: Server;
let feedUrl = '';
const allowPrivate = process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;

const rss = () => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Blog</title>
${items
  .slice()
  .reverse()
  .map(
    (i) =>
      `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://blog.example/${i.guid}</link></item>`,
  )
  .join('\n')}
</channel></rss>`;

beforeAll(async () => {
  process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = 'true'; // the feed is on loopback
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (allowPrivate === undefined) delete process.env.FLOWDECK_HTTP_ALLOW_PRIVATE;
  else process.env.FLOWDECK_HTTP_ALLOW_PRIVATE = allowPrivate;
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('trigger.poll through the API', () => {
  it('starts one run per new feed item, never floods on the first poll, filters, and stops when disabled', async () => {
    items.push({ guid: 'p1', title: 'Old news' }, { guid: 'p2', title: 'Older launch' });
    const app = clockedApp('2026-03-02T09:00:00Z');
    t = app;
    const owner = await app.signup();
    const wf = await deployed(
      app,
      owner,
      'New posts',
      line(
        {
          id: 'feed',
          type: 'trigger.poll',
          params: {
            source: 'rss',
            url: feedUrl,
            everyMinutes: 5,
            filter: { '!': [{ starts_with: [{ var: 'trigger.title' }, 'Draft'] }] },
          },
        },
        { id: 'title', type: 'data.transform', params: { output: '{% $trigger.title %}' } },
      ),
    );
    const scheduler = app.deps.host!.scheduler;
    const polled = async (count: number) => {
      await waitFor(async () => {
        const record = await scheduler.get(`poll:${wf}`);
        return requests >= count && record?.inFlight === undefined && record?.lastFiredAt !== undefined;
      });
    };
    scheduler.start();
    const before = requests;
    // A rate schedule fires when created: the first poll, which only records what is there.
    await app.hostClock.advance(1000);
    await polled(before + 1);
    expect(await runsOf(app, owner, wf)).toEqual([]);

    items.push(
      { guid: 'p3', title: 'Launch day' },
      { guid: 'p4', title: 'Draft: secret' },
      { guid: 'p5', title: 'Recap' },
    );
    await app.hostClock.advance(5 * 60_000);
    await polled(before + 2);
    const two = await finishedRuns(app, owner, wf, 2);
    expect(two.map((r) => r.output).sort()).toEqual(['Launch day', 'Recap']);
    expect(two.every((r) => r.trigger === 'poll')).toBe(true);
    expect(two.find((r) => r.output === 'Recap')?.input).toMatchObject({
      id: 'p5',
      title: 'Recap',
      link: 'https://blog.example/p5',
    });

    // Nothing new: nothing starts.
    await app.hostClock.advance(5 * 60_000);
    await polled(before + 3);
    items.push({ guid: 'p6', title: 'Part two' });
    await app.hostClock.advance(5 * 60_000);
    await polled(before + 4);
    const three = await finishedRuns(app, owner, wf, 3);
    expect(three.map((r) => r.output).sort()).toEqual(['Launch day', 'Part two', 'Recap']);

    await app.call('POST', `/api/v1/workflows/${wf}/disable`, { as: owner });
    const whileOff = requests;
    items.push({ guid: 'p7', title: 'Unseen' });
    await app.hostClock.advance(30 * 60_000);
    await scheduler.stop();
    expect(requests).toBe(whileOff);
    expect(await runsOf(app, owner, wf)).toHaveLength(3);
  });
});
