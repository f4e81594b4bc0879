import { XMLParser } from 'fast-xml-parser';

// RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 into one item shape. Items keep the document's order.

export interface FeedItem {
  /** RSS guid, Atom id; else the link; else the title. */
  id: string;
  title: string | null;
  link: string | null;
  /** ISO 8601, or null when the feed gives no (parseable) date. */
  published: string | null;
  summary: string | null;
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Entities inside CDATA/HTML summaries stay as text; no DTD expansion (no entity bombs).
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

export function parseFeed(xml: string): FeedItem[] {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new FeedParseError(`The feed is not well-formed XML: ${(error as Error).message}`);
  }
  const rss = doc.rss as { channel?: { item?: unknown[] } } | undefined;
  if (rss) return (rss.channel?.item ?? []).map((item) => rssItem(item as Record<string, unknown>));
  const rdf = doc['rdf:RDF'] as { item?: unknown[] } | undefined;
  if (rdf) return (rdf.item ?? []).map((item) => rssItem(item as Record<string, unknown>));
  const feed = doc.feed as { entry?: unknown[] } | undefined;
  if (feed) return (feed.entry ?? []).map((entry) => atomEntry(entry as Record<string, unknown>));
  throw new FeedParseError('The document is neither RSS (<rss>, <rdf:RDF>) nor Atom (<feed>).');
}

function rssItem(item: Record<string, unknown>): FeedItem {
  const links = (item.link as unknown[] | undefined) ?? [];
  const link = text(links[0]);
  const title = text(item.title);
  const guid = text(item.guid) ?? text(item['@rdf:about']);
  return {
    id: guid ?? link ?? title ?? '',
    title,
    link,
    published: date(text(item.pubDate) ?? text(item['dc:date'])),
    summary: text(item.description) ?? text(item['content:encoded']),
  };
}

function atomEntry(entry: Record<string, unknown>): FeedItem {
  const links = ((entry.link as unknown[] | undefined) ?? []) as Record<string, unknown>[];
  const alternate = links.find((l) => l['@rel'] === undefined || l['@rel'] === 'alternate') ?? links[0];
  const link = alternate ? (text(alternate['@href']) ?? null) : null;
  const title = text(entry.title);
  return {
    id: text(entry.id) ?? link ?? title ?? '',
    title,
    link,
    published: date(text(entry.published) ?? text(entry.updated)),
    summary: text(entry.summary) ?? text(entry.content),
  };
}

/** Text content of a parsed node: a string, a number, or an element with `#text`. */
function text(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in (node as object))
    return text((node as Record<string, unknown>)['#text']);
  return null;
}

function date(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
