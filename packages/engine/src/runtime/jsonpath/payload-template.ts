// Payload templates: Parameters, ResultSelector, ItemSelector and JSONPath-mode Assign. A key
// ending in `.$` takes a path or an intrinsic function; everything else is copied as is.

import { StatesError } from '../errors.ts';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics/evaluate.ts';
import { parsePath } from './path-syntax.ts';
import { query, rootDocument } from './query.ts';
import type { JsonPathScope } from './scope.ts';

/**
 * Builds the payload a template describes. A path that selects nothing fails with
 * `States.Runtime` (as AWS does); a failing intrinsic with `States.IntrinsicFailure`.
 * `field` names the template (e.g. `Parameters`) in messages about malformed entries.
 */
export function evaluatePayloadTemplate(template: unknown, scope: JsonPathScope, field: string): unknown {
  if (Array.isArray(template)) return template.map((item) => evaluatePayloadTemplate(item, scope, field));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const name = key.slice(0, -2);
      out[name] = evaluateDynamic(key, value, scope, field);
    } else {
      out[key] = evaluatePayloadTemplate(value, scope, field);
    }
  }
  return out;
}

function evaluateDynamic(key: string, expression: unknown, scope: JsonPathScope, field: string): unknown {
  if (typeof expression !== 'string') {
    throw new StatesError(
      'States.ParameterPathFailure',
      `The value of the field '${key}' in ${field} must be a path or an intrinsic function, got ${JSON.stringify(expression)}`,
    );
  }
  if (isIntrinsic(expression)) return evaluateIntrinsic(expression, scope);
  let parsed: ReturnType<typeof parsePath>;
  try {
    parsed = parsePath(expression);
  } catch (err) {
    throw new StatesError(
      'States.ParameterPathFailure',
      `The JSONPath '${expression}' specified for the field '${key}' is not valid: ${(err as Error).message}`,
    );
  }
  const result = query(parsed, scope);
  if (result.found) return result.value;
  const root = rootDocument(parsed, scope);
  const where = root.found
    ? `in the input '${safeJson(root.value)}'`
    : `because the variable '${variableName(expression)}' is not defined`;
  // AWS fails the execution with States.Runtime (not catchable) for a path that selects nothing.
  throw new StatesError(
    'States.Runtime',
    `The JSONPath '${expression}' specified for the field '${key}' could not be found ${where}`,
  );
}

function variableName(expression: string): string {
  const parsed = parsePath(expression);
  return parsed.root.kind === 'variable' ? parsed.root.name : expression;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}
