// Events room: the local EventBridge bus (rules, PutEvents, archive and replay, wait for event)
// and the EventArchiveStore port with its memory adapter.
export type {
  Deliver,
  DeliveredEvent,
  DeliveryContext,
  EventBus,
  PutEventsResult,
  PutEventsResultEntry,
  PutRuleInput,
  ReplayInput,
  ReplayResult,
  RuleDescription,
  RuleState,
  RuleTarget,
  TimeInput,
  WaitForEventInput,
} from './bus.ts';
export type {
  ArchivedEvent,
  DeliveryRecord,
  DeliveryStatus,
  EventArchiveChanges,
  EventArchiveStore,
  EventWaitRecord,
  ListArchivedEventsQuery,
  NewArchivedEvent,
} from './archive-store.ts';
export { createMemoryEventArchiveStore } from './memory-archive.ts';
export {
  createLocalEventBus,
  DEFAULT_RETENTION_DAYS,
  type LocalEventBus,
  type LocalEventBusOptions,
} from './local-bus.ts';
export {
  type BackoffOptions,
  DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
  DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
  retryDelayMs,
} from './delivery.ts';
export { EVENT_WAIT_TIMEOUT_ERROR, type TaskTokenCallbacks } from './waits.ts';
export { RuleIndex, pinnedValues } from './rule-index.ts';
export { MAX_PUT_EVENTS_ENTRIES } from './put-events-request.ts';
export { MAX_TARGETS_PER_RULE } from './rules.ts';
export { testEventPattern } from './test-event-pattern.ts';
export {
  EventBridgeApiError,
  LimitExceededException,
  ResourceNotFoundException,
  ValidationException,
} from './errors.ts';
export {
  PLATFORM_EVENT_SOURCE,
  PLATFORM_EVENT_TYPES,
  type PlatformEventDetails,
  type PlatformEventOptions,
  type PlatformEventType,
  platformEvent,
} from './platform-events.ts';
