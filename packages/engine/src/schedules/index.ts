// Schedules: EventBridge Scheduler expressions and the durable local scheduler.
export { ScheduleValidationError } from './errors.ts';
export { nextFireTimes, parseScheduleExpression } from './expression.ts';
export type { NextFireTimesOptions, ParsedSchedule, ScheduleKind } from './expression.ts';
