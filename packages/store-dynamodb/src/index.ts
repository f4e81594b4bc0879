// @flowdeck/store-dynamodb: the engine's ports on one DynamoDB table (docs/dynamodb.md).
export { createDynamoTable, INDEX, TTL_ATTRIBUTE } from './table.ts';
export type { DynamoTableOptions } from './options.ts';
export { LIMITS } from './errors.ts';
export { createDynamoStore, type DynamoStoreOptions } from './dynamo-store.ts';
export { createDynamoScheduleStore, type DynamoScheduleStoreOptions } from './schedule-store.ts';
export { createDynamoSeenStore, type DynamoSeenStoreOptions } from './seen-store.ts';
export { createDynamoEventArchiveStore, type DynamoEventArchiveOptions } from './event-archive-store.ts';
