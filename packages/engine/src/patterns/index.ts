// Event patterns room: EventBridge's pattern language and event envelope.
export { InvalidEventPatternError } from './errors.ts';
export { type IndexedEvent, indexEvent } from './event-index.ts';
export {
  compileEventPattern,
  DEFAULT_MAX_PATTERN_LENGTH,
  type EventPatternMatcher,
  type EventPatternOptions,
  matchesEventPattern,
  validateEventPattern,
} from './pattern.ts';
export {
  type CreateEventOptions,
  createEvent,
  type EventBridgeEvent,
  MAX_ENTRY_SIZE_BYTES,
  PutEventsEntryError,
  type PutEventsRequestEntry,
  putEventsEntrySize,
} from './event.ts';
