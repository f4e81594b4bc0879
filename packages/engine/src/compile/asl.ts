// The slice of Amazon States Language (JSONata mode) the compiler emits.

export type AslState = Record<string, unknown> & { Type: string };

export interface StateMachineDefinition {
  Comment: string;
  QueryLanguage: 'JSONata';
  StartAt: string;
  States: Record<string, AslState>;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Next: string;
}

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
export const DEFAULT_NODE_RUNNER = 'flowdeck-node-runner';
