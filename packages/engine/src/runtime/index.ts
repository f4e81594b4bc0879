// The local ASL runtime: AWS Step Functions semantics in-process.
export { createRuntime } from './runtime.ts';
export type {
  ApiHistoryEvent,
  DescribeExecutionOutput,
  ExecutionListItem,
  Runtime,
  RuntimeOptions,
} from './runtime.ts';
export { runStateMachine } from './run-state-machine.ts';
export type { RunResult } from './run-state-machine.ts';
export { createVirtualClock, systemClock } from './clock.ts';
export type { VirtualClock } from './clock.ts';
export { loadDefinition } from './definition.ts';
export type { Definition, Problem } from './definition.ts';
export * from './api-errors.ts';
