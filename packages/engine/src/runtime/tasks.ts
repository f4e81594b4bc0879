import { randomUUID } from 'node:crypto';
import type { TaskHandler, TaskHandlers } from '../ports.ts';
import { StatesError, TaskFailure } from './errors.ts';

// Resolving a Task's Resource to a handler, and shaping its result like the AWS integration.

export interface ResolvedTask {
  handler?: TaskHandler;
  /** lambda:invoke by FunctionName: the handler receives `Payload`, not the whole parameters. */
  inputFromPayload: boolean;
  /** How history names the resource (taskScheduledEventDetails.resourceType/resource). */
  resourceType: string;
  resource: string;
  /** A plain Lambda ARN: history uses LambdaFunction* events. */
  plainLambda: boolean;
  waitForToken: boolean;
  /** lambda:invoke via FunctionName: wrap the result as the optimized integration does. */
  wrapLambda: boolean;
  /** Error raised when no handler is registered. */
  missing?: { error: string; cause: string };
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

function functionShortName(name: string): string {
  // arn:aws:lambda:region:acct:function:name[:qualifier] → name
  const m = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(name);
  if (m) return m[1];
  return name.split(':')[0];
}

const resolved = new WeakMap<TaskHandlers, Map<string, ResolvedTask>>();

/** The handler for a Resource (and lambda:invoke FunctionName); cached per handler table. */
export function resolveTask(tasks: TaskHandlers, resource: string, parameters: unknown): ResolvedTask {
  const fn =
    parameters !== null &&
    typeof parameters === 'object' &&
    typeof (parameters as { FunctionName?: unknown }).FunctionName === 'string'
      ? (parameters as { FunctionName: string }).FunctionName
      : '';
  let byTable = resolved.get(tasks);
  if (!byTable) {
    byTable = new Map();
    resolved.set(tasks, byTable);
  }
  const key = `${resource}\u0000${fn}`;
  let r = byTable.get(key);
  if (!r) {
    r = resolveUncached(tasks, resource, fn);
    if (byTable.size > 10_000) byTable.clear();
    byTable.set(key, r);
  }
  return r;
}

/** What the handler receives. */
export function taskInput(task: ResolvedTask, parameters: unknown): unknown {
  return task.inputFromPayload ? ((parameters as { Payload?: unknown }).Payload ?? {}) : parameters;
}

function resolveUncached(tasks: TaskHandlers, resource: string, fn: string): ResolvedTask {
  const waitForToken = resource.endsWith('.waitForTaskToken');
  const base = waitForToken
    ? resource.slice(0, -'.waitForTaskToken'.length)
    : resource.replace(/\.sync(:2)?$/, '');
  const { resourceType, resourceName } = describeResource(resource);
  const plainLambda = resourceType === 'lambda' && resourceName === resource;
  const own = tasks[resource] ?? (base !== resource ? tasks[base] : undefined);
  const common = {
    resourceType,
    resource: resourceName,
    plainLambda,
    waitForToken,
    inputFromPayload: false,
    wrapLambda: false,
  };
  if (base === LAMBDA_INVOKE) {
    const byName = tasks[fn] ?? tasks[functionShortName(fn)];
    if (byName) return { ...common, handler: byName, inputFromPayload: true, wrapLambda: !waitForToken };
    if (own) return { ...common, handler: own };
    return {
      ...common,
      missing: {
        error: 'Lambda.ResourceNotFoundException',
        cause: `Function not found: ${fn || '(no FunctionName)'}`,
      },
    };
  }
  if (own) return { ...common, handler: own };
  if (plainLambda) {
    const byName = tasks[functionShortName(resource)];
    if (byName) return { ...common, handler: byName };
    return {
      ...common,
      missing: { error: 'Lambda.ResourceNotFoundException', cause: `Function not found: ${resource}` },
    };
  }
  return {
    ...common,
    missing: {
      error: 'States.Runtime',
      cause: `No task handler is registered for the resource '${resource}'.`,
    },
  };
}

/** `arn:aws:states:::sns:publish` → sns / publish; a Lambda ARN → lambda / the ARN. */
const described = new Map<string, { resourceType: string; resourceName: string }>();

export function describeResource(resource: string): { resourceType: string; resourceName: string } {
  let d = described.get(resource);
  if (!d) {
    d = describeUncached(resource);
    if (described.size > 10_000) described.clear();
    described.set(resource, d);
  }
  return d;
}

function describeUncached(resource: string): { resourceType: string; resourceName: string } {
  const m = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource);
  if (m) {
    const parts = m[1].split(':');
    const action = parts.pop()!;
    return { resourceType: parts.join(':') || action, resourceName: action };
  }
  if (/^arn:aws[\w-]*:lambda:/.test(resource)) return { resourceType: 'lambda', resourceName: resource };
  const activity = /^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:(.+)$/.exec(resource);
  if (activity) return { resourceType: 'activity', resourceName: activity[1] };
  return { resourceType: 'local', resourceName: resource };
}

/** The optimized lambda:invoke integration's response around a function's result. */
export function wrapLambdaResult(payload: unknown): unknown {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload === undefined ? null : payload,
    SdkHttpMetadata: { HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: 200,
  };
}

/** A thrown value as an ASL error name and cause. */
export function failureOf(err: unknown): { error: string; cause?: string } {
  if (err instanceof TaskFailure) return { error: err.error, cause: err.causeText };
  if (err instanceof StatesError) return { error: err.error, cause: err.causeText };
  if (err instanceof Error) return { error: err.name || 'Error', cause: err.message };
  let cause: string;
  try {
    cause = typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
  } catch {
    cause = String(err);
  }
  return { error: 'Error', cause };
}
