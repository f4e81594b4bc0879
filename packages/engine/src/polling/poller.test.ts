import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemorySeenStore,
  createPoller,
  type FeedItem,
  feedSource,
  jsonSource,
  PollSourceError,
  parseFeed,
} from './index.ts';

// A local site whose feed grows between polls.
const posts: { id: number; title: string; tag: string }[] = [];
let status = 200;
let server: Server;
let base = '';

function rss(): string {
  const items = [...posts]
    .reverse() // newest first, like real feeds
    .map(
      (p) => `<item><title>${p.title}</title><link>https://blog.example/${p.id}</link>
        <guid isPermaLink="false">post-${p.id}</guid><pubDate>Mon, 0${(p.id % 9) + 1} Jun 2025 10:00:00 GMT</pubDate>
        <description><![CDATA[<p>About ${p.title} &amp; more</p>]]></description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>${items}</channel></rss>`;
}

function atom(): string {
  const entries = [...posts]
    .reverse()
    .map(
      (p) => `<entry><id>urn:post:${p.id}</id><title type="text">${p.title}</title>
        <link rel="self" href="https://blog.example/api/${p.id}"/><link rel="alternate" href="https://blog.example/${p.id}"/>
        <updated>2025-06-0${(p.id % 9) + 1}T10:00:00Z</updated><summary>${p.tag}</summary></entry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>${entries}</feed>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (status !== 200) {
      res.writeHead(status).end('nope');
      return;
    }
    if (req.url === '/rss') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss());
    else if (req.url === '/atom') res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom());
    else if (req.url === '/api/posts')
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: { posts: [...posts].reverse() } }));
    else if (req.url === '/not-json') res.writeHead(200).end('<html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function publish(...titles: string[]) {
  for (const title of titles)
    posts.push({ id: posts.length + 1, title, tag: title.includes('launch') ? 'launch' : 'misc' });
}

describe('polling an RSS feed that grows', () => {
  it('emits nothing on the first poll, then each new post once, oldest new post last in feed order', async () => {
    posts.length = 0;
    publish('One', 'Two', 'Three');
    const poller = createPoller<FeedItem>({
      id: 'blog',
      seenStore: createMemorySeenStore(),
      fetchItems: feedSource({ url: `${base}/rss`, fetch }),
    });
    expect(await poller.poll()).toEqual([]);
    expect(await poller.poll()).toEqual([]);
    publish('Four', 'Five');
    const fresh = await poller.poll();
    expect(fresh.map((i) => i.title)).toEqual(['Five', 'Four']);
    expect(fresh[1]).toEqual({
      id: 'post-4',
      title: 'Four',
      link: 'https://blog.example/4',
      published: '2025-06-05T10:00:00.000Z',
      summary: '<p>About Four &amp; more</p>',
    });
    expect(await poller.poll()).toEqual([]);
  });

  it('filters new items with a json-logic rule and never emits a filtered item later', async () => {
    posts.length = 0;
    publish('Old');
    const poller = createPoller<FeedItem>({
      id: 'launches',
      seenStore: createMemorySeenStore(),
      fetchItems: feedSource({ url: `${base}/atom`, fetch }),
      filter: { '==': [{ var: 'summary' }, 'launch'] },
    });
    await poller.poll();
    publish('Weekly notes', 'Big launch', 'Another launch');
    expect((await poller.poll()).map((i) => [i.id, i.title, i.link])).toEqual([
      ['urn:post:4', 'Another launch', 'https://blog.example/4'],
      ['urn:post:3', 'Big launch', 'https://blog.example/3'],
    ]);
    expect(await poller.poll()).toEqual([]);
  });

  it('keeps its seen-set bounded but never forgets an item still in the feed', async () => {
    posts.length = 0;
    publish(...Array.from({ length: 30 }, (_, i) => `Post ${i + 1}`));
    const seenStore = createMemorySeenStore();
    const poller = createPoller<FeedItem>({
      id: 'big',
      seenStore,
      maxSeen: 10,
      fetchItems: feedSource({ url: `${base}/rss`, fetch }),
    });
    await poller.poll();
    expect(await seenStore.count('big')).toBe(30);
    publish('Post 31');
    expect((await poller.poll()).map((i) => i.title)).toEqual(['Post 31']);
    expect(await poller.poll()).toEqual([]);
  });

  it('reports an HTTP failure as PollSourceError and loses nothing', async () => {
    posts.length = 0;
    publish('A');
    const poller = createPoller<FeedItem>({
      id: 'flaky',
      seenStore: createMemorySeenStore(),
      fetchItems: feedSource({ url: `${base}/rss`, fetch }),
    });
    await poller.poll();
    publish('B');
    status = 503;
    try {
      await expect(poller.poll()).rejects.toMatchObject({ name: 'PollSourceError', status: 503 });
    } finally {
      status = 200;
    }
    expect((await poller.poll()).map((i) => i.title)).toEqual(['B']);
  });
});

describe('polling an HTTP/JSON source', () => {
  it('finds items with a JSONata path and keys them by a property', async () => {
    posts.length = 0;
    publish('x');
    const poller = createPoller({
      id: 'api',
      seenStore: createMemorySeenStore(),
      fetchItems: jsonSource({ url: `${base}/api/posts`, fetch, itemsPath: 'data.posts' }),
      itemKey: 'id',
    });
    await poller.poll();
    publish('y', 'z');
    expect(await poller.poll()).toEqual([
      { id: 3, title: 'z', tag: 'misc' },
      { id: 2, title: 'y', tag: 'misc' },
    ]);
  });

  it('explains a bad items path and a non-JSON answer', async () => {
    expect(() => jsonSource({ url: `${base}/api/posts`, fetch, itemsPath: 'data.[' })).toThrow(
      PollSourceError,
    );
    await expect(jsonSource({ url: `${base}/not-json`, fetch })()).rejects.toThrow(/did not answer JSON/);
  });
});

describe('seen-sets shared by two pollers', () => {
  it('gives each new item to exactly one of two pollers racing on the same id', async () => {
    const seenStore = createMemorySeenStore();
    let items = ['a', 'b'].map((id) => ({ id }));
    const make = () => createPoller({ id: 'shared', seenStore, fetchItems: async () => items });
    const [p1, p2] = [make(), make()];
    await p1.poll();
    items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const [r1, r2] = await Promise.all([p1.poll(), p2.poll()]);
    expect([...r1, ...r2].map((i) => i.id).sort()).toEqual(['c', 'd', 'e']);
  });
});

describe('parseFeed', () => {
  it('reads RSS 1.0 and falls back to the link as id', () => {
    const items =
      parseFeed(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <item rdf:about="https://x.example/1"><title>T</title><link>https://x.example/1</link><dc:date>2025-01-02T03:04:05Z</dc:date></item></rdf:RDF>`);
    expect(items).toEqual([
      {
        id: 'https://x.example/1',
        title: 'T',
        link: 'https://x.example/1',
        published: '2025-01-02T03:04:05.000Z',
        summary: null,
      },
    ]);
    expect(
      parseFeed('<rss><channel><item><link>https://y.example/a</link></item></channel></rss>')[0].id,
    ).toBe('https://y.example/a');
  });

  it('rejects documents that are not feeds', () => {
    expect(() => parseFeed('<html><body/></html>')).toThrow(/neither RSS .* nor Atom/);
    expect(() => parseFeed('not xml at all <')).toThrow();
  });
});
