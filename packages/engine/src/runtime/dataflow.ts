import type { StateNode } from './definition.ts';
import { StatesError } from './errors.ts';
import { type Bindings, type Template, evaluateTemplate } from './jsonata.ts';
import {
  type JsonPathScope,
  applyPath,
  applyResultPath,
  evaluatePayloadTemplate,
  evaluateValuePath,
} from './jsonpath/index.ts';

// How data flows through one state in each query language:
//   JSONata : Arguments → (run) → Assign + Output, reading $states.{input,result,errorOutput,context}
//   JSONPath: InputPath → Parameters → (run) → Assign → ResultSelector → ResultPath → OutputPath

/** A value, or a promise when the JSONata evaluator had to run (the common cases stay synchronous). */
export type MaybePromise<T> = T | Promise<T>;

function then<T, U>(value: MaybePromise<T>, next: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** What expressions of a state can read besides its input. */
export interface StateEnv {
  /** Every variable visible to the state (outer scopes included), flat. */
  vars: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** `$states`; the context object is read through the env, which builds it on first use. */
class StatesBinding {
  result?: unknown;
  errorOutput?: unknown;
  constructor(
    readonly input: unknown,
    private readonly env: StateEnv,
  ) {}
  get context() {
    return this.env.context;
  }
}

export function jsonataBindings(
  env: StateEnv,
  input: unknown,
  extra?: { result?: unknown; errorOutput?: unknown },
): Bindings {
  const states = new StatesBinding(input, env);
  if (extra && 'result' in extra) states.result = extra.result;
  if (extra && 'errorOutput' in extra) states.errorOutput = extra.errorOutput;
  const bindings: Bindings = { ...env.vars };
  bindings.states = states;
  return bindings;
}

export function jsonPathScope(env: StateEnv, input: unknown): JsonPathScope {
  return {
    input,
    get context() {
      return env.context;
    },
    variables: env.vars,
  };
}

/** JSONPath InputPath (JSONata states use the raw input). */
export function effectiveInput(node: StateNode, raw: unknown, env: StateEnv): unknown {
  if (node.queryLanguage === 'JSONata' || !('InputPath' in node.raw)) return raw;
  return applyPath(node.raw.InputPath, raw, jsonPathScope(env, raw), 'InputPath');
}

/** Task/Parallel payload: JSONata Arguments or JSONPath Parameters (default: the effective input). */
export function stateArguments(node: StateNode, effective: unknown, env: StateEnv): MaybePromise<unknown> {
  if (node.queryLanguage === 'JSONata') {
    const t = node.templates.Arguments;
    return t ? evaluateTemplate(t, jsonataBindings(env, effective), 'Arguments') : effective;
  }
  if (!('Parameters' in node.raw)) return effective;
  return evaluatePayloadTemplate(node.raw.Parameters, jsonPathScope(env, effective), 'Parameters');
}

export interface StateCompletion {
  output: unknown;
  /** Variables assigned by the state (undefined when it has no Assign). */
  assigned?: Record<string, unknown>;
}

/**
 * Output and Assign of a state that finished normally. `hasResult`: Task, Parallel, Map and Pass
 * produce a result; the others pass their (effective) input on.
 */
export function completeState(
  node: StateNode,
  raw: unknown,
  effective: unknown,
  result: unknown,
  hasResult: boolean,
  env: StateEnv,
  overrides?: { assign?: Template; output?: Template },
): MaybePromise<StateCompletion> {
  if (node.queryLanguage === 'JSONata') {
    const bindings = jsonataBindings(env, raw, hasResult ? { result } : undefined);
    const assignT = overrides?.assign ?? node.templates.Assign;
    const outputT = overrides?.output ?? node.templates.Output;
    // Assign first, then Output (an error in Assign is the one reported).
    return then(
      assignT
        ? (evaluateTemplate(assignT, bindings, 'Assign') as MaybePromise<Record<string, unknown>>)
        : undefined,
      (assigned) =>
        then(
          outputT ? evaluateTemplate(outputT, bindings, 'Output') : hasResult ? result : raw,
          (output) => ({
            output,
            assigned,
          }),
        ),
    );
  }
  const r = node.raw;
  // Assign reads the state's result ($) before ResultSelector/ResultPath (AWS order).
  const assignRaw =
    overrides && 'rawAssign' in overrides ? (overrides as { rawAssign: unknown }).rawAssign : r.Assign;
  const assigned =
    assignRaw !== undefined
      ? (evaluatePayloadTemplate(
          assignRaw,
          jsonPathScope(env, hasResult ? result : effective),
          'Assign',
        ) as Record<string, unknown>)
      : undefined;
  if (!hasResult) {
    return {
      output:
        'OutputPath' in r
          ? applyPath(r.OutputPath, effective, jsonPathScope(env, effective), 'OutputPath')
          : effective,
      assigned,
    };
  }
  const selected =
    'ResultSelector' in r
      ? evaluatePayloadTemplate(r.ResultSelector, jsonPathScope(env, result), 'ResultSelector')
      : result;
  const combined = applyResultPath(raw, selected, 'ResultPath' in r ? r.ResultPath : '$');
  const output =
    'OutputPath' in r
      ? applyPath(r.OutputPath, combined, jsonPathScope(env, combined), 'OutputPath')
      : combined;
  return { output, assigned };
}

/** A numeric field: a literal or JSONata expression, or a JSONPath `…Path` reference. */
export function numberField(
  node: StateNode,
  name: string,
  input: unknown,
  env: StateEnv,
  opts: { integer?: boolean; min?: number } = {},
): MaybePromise<number | undefined> {
  let value: unknown;
  if (node.queryLanguage === 'JSONata' && node.templates[name]) {
    return then(evaluateTemplate(node.templates[name], jsonataBindings(env, input), name), (v) =>
      checkedNumber(node, name, v, opts),
    );
  } else if (node.queryLanguage === 'JSONPath' && typeof node.raw[`${name}Path`] === 'string') {
    value = evaluateValuePath(node.raw[`${name}Path`], jsonPathScope(env, input), `${name}Path`);
    if (!isValidNumber(value, opts)) {
      throw new StatesError(
        'States.Runtime',
        `The value for the field '${name}Path' must be a ${opts.integer ? 'non-negative integer' : 'number'}, got ${JSON.stringify(value)}.`,
      );
    }
    return value as number;
  } else {
    value = node.raw[name];
    if (value === undefined) return undefined;
  }
  return checkedNumber(node, name, value, opts);
}

function checkedNumber(
  node: StateNode,
  name: string,
  value: unknown,
  opts: { integer?: boolean; min?: number },
): number {
  if (!isValidNumber(value, opts)) {
    throw new StatesError(
      node.queryLanguage === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
      `The value for the field '${name}' must be a ${opts.integer ? 'non-negative integer' : 'number'}, got ${JSON.stringify(value)}.`,
    );
  }
  return value as number;
}

function isValidNumber(value: unknown, opts: { integer?: boolean; min?: number }): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (opts.integer && !Number.isInteger(value)) return false;
  return value >= (opts.min ?? 0);
}
