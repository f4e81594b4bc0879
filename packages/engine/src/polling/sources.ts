import jsonata from 'jsonata';
import { type FeedItem, parseFeed } from './feed.ts';

// Where a poller's items come from. The engine does no I/O of its own: the host passes `fetch`
// (Node's global fetch, or one behind its SSRF guard).

export type FetchLike = (
  url: string,
  init?: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export class PollSourceError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the source answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PollSourceError';
  }
}

interface HttpSourceOptions {
  url: string;
  fetch: FetchLike;
  headers?: Record<string, string>;
  /** Default 30 s. */
  timeoutMs?: number;
}

async function get(options: HttpSourceOptions, accept: string): Promise<string> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(options.url, {
      headers: { accept, ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new PollSourceError(`Could not reach ${options.url}: ${(error as Error).message}`);
  }
  if (!response.ok)
    throw new PollSourceError(`${options.url} answered HTTP ${response.status}.`, response.status);
  return response.text();
}

/** An RSS or Atom feed: items `{id, title, link, published, summary}`, key `id`. */
export function feedSource(options: HttpSourceOptions): () => Promise<FeedItem[]> {
  return async () =>
    parseFeed(
      await get(options, 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5'),
    );
}

export interface JsonSourceOptions extends HttpSourceOptions {
  /** JSONata expression selecting the items in the response, e.g. `data.posts`. Default: the
   *  response itself. A single object counts as one item. */
  itemsPath?: string;
}

/** An HTTP/JSON endpoint whose items are found with a JSONata expression. */
export function jsonSource(options: JsonSourceOptions): () => Promise<unknown[]> {
  let expression: ReturnType<typeof jsonata> | undefined;
  if (options.itemsPath) {
    try {
      expression = jsonata(options.itemsPath);
    } catch (error) {
      throw new PollSourceError(
        `The items path "${options.itemsPath}" is not valid JSONata: ${(error as Error).message}`,
      );
    }
  }
  return async () => {
    const body = await get(options, 'application/json');
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw new PollSourceError(`${options.url} did not answer JSON.`);
    }
    const items = expression ? await expression.evaluate(data) : data;
    if (items === undefined || items === null) return [];
    return Array.isArray(items) ? items : [items];
  };
}
