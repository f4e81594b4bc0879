// Polling triggers: seen-sets, RSS/Atom and HTTP/JSON sources.
export { createPoller } from './poller.ts';
export type { Poller, PollerOptions } from './poller.ts';
export { createMemorySeenStore } from './seen-store.ts';
export type { MarkSeenResult, SeenStore } from './seen-store.ts';
export { FeedParseError, parseFeed } from './feed.ts';
export type { FeedItem } from './feed.ts';
export { feedSource, jsonSource, PollSourceError } from './sources.ts';
export type { FetchLike, JsonSourceOptions } from './sources.ts';
