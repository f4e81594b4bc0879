// Path fields that select a value: InputPath, OutputPath, ItemsPath and the `*Path` fields of
// Wait, Task, Map and Fail.

import { StatesError } from '../errors.ts';
import { isIntrinsic, evaluateIntrinsic } from './intrinsics/evaluate.ts';
import { type ParsedPath, PathSyntaxError, parsePath } from './path-syntax.ts';
import { query } from './query.ts';
import type { JsonPathScope } from './scope.ts';

/**
 * Applies InputPath, OutputPath or ItemsPath. `undefined` means `$` (value unchanged); `null`
 * gives `{}` (AWS discards the value). A path that matches nothing fails with `States.Runtime`.
 */
export function applyPath(
  path: string | null | undefined,
  value: unknown,
  scope: JsonPathScope,
  field: 'InputPath' | 'OutputPath' | 'ItemsPath',
): unknown {
  if (path === undefined || path === '$') return value;
  if (path === null) return {};
  // InputPath/OutputPath read the value they filter; `$$` and `$var` still read the scope.
  return selectOrFail(path, { ...scope, input: value }, field);
}

/**
 * Evaluates SecondsPath, TimestampPath, TimeoutSecondsPath, HeartbeatSecondsPath,
 * MaxConcurrencyPath, ToleratedFailure*Path, ErrorPath and CausePath (the last two may be
 * intrinsic functions). Type checks of the value are the caller's.
 */
export function evaluateValuePath(path: string, scope: JsonPathScope, field: string): unknown {
  if (isIntrinsic(path)) return evaluateIntrinsic(path, scope);
  return selectOrFail(path, scope, field);
}

function selectOrFail(path: string, scope: JsonPathScope, field: string): unknown {
  const parsed = parseOrFail(path, field);
  const result = query(parsed, scope);
  if (!result.found) {
    throw new StatesError('States.Runtime', `Invalid path '${parsed.text}' : ${result.reason}`);
  }
  return result.value;
}

export function parseOrFail(path: string, field: string): ParsedPath {
  try {
    return parsePath(path);
  } catch (err) {
    const reason = err instanceof PathSyntaxError ? err.message : String(err);
    throw new StatesError('States.Runtime', `Invalid path '${path}' in ${field}: ${reason}`);
  }
}

/** True for a Reference Path: `$`, `$$` or `$var` followed only by field names and indexes. */
export function isReferencePath(path: string): boolean {
  try {
    const parsed = parsePath(path);
    return parsed.segments.every((s) => s.kind === 'name' || (s.kind === 'index' && s.index >= 0));
  } catch {
    return false;
  }
}
