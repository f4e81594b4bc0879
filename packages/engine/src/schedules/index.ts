// Schedules: EventBridge Scheduler expressions and the durable local scheduler.
export { ScheduleValidationError } from './errors.ts';
export { nextFireTimes, parseScheduleExpression } from './expression.ts';
export type { NextFireTimesOptions, ParsedSchedule, ScheduleKind } from './expression.ts';
export { createScheduler } from './scheduler.ts';
export type {
  FireContext,
  FireFunction,
  ScheduleDefinition,
  Scheduler,
  SchedulerErrorEvent,
  SchedulerOptions,
} from './scheduler.ts';
export { dueAt } from './store.ts';
export type { InFlightFire, MissedPolicy, ScheduleRecord, ScheduleStore, ScheduleWrite } from './store.ts';
export { createMemoryScheduleStore } from './memory-store.ts';
