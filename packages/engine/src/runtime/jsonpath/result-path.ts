// ResultPath: where a state's result goes in its input. Copies along the path only, so the
// caller's input is never mutated and untouched branches are shared.

import { StatesError } from '../errors.ts';
import { parsePath, type PathSegment } from './path-syntax.ts';
import { isObject } from './query.ts';

/**
 * `undefined` or `'$'` → the result replaces the input; `null` → the input passes through;
 * `'$.a.b'` → the input with the result set at `a.b` (missing objects are created). A path that
 * cannot be applied fails with `States.ResultPathMatchFailure`.
 */
export function applyResultPath(
  input: unknown,
  result: unknown,
  resultPath: string | null | undefined,
): unknown {
  if (resultPath === undefined || resultPath === '$') return result;
  if (resultPath === null) return input;
  let segments: PathSegment[];
  try {
    const parsed = parsePath(resultPath);
    if (parsed.root.kind !== 'input') throw new Error('not rooted at $');
    segments = parsed.segments;
  } catch {
    throw matchFailure(resultPath, input);
  }
  if (segments.some((s) => s.kind === 'indefinite' || (s.kind === 'index' && s.index < 0))) {
    throw matchFailure(resultPath, input);
  }
  const updated = setAt(input, segments, 0, result);
  if (updated === FAILED) throw matchFailure(resultPath, input);
  return updated;
}

const FAILED = Symbol('failed');

function setAt(node: unknown, segments: PathSegment[], i: number, result: unknown): unknown {
  if (i === segments.length) return result;
  const segment = segments[i];
  if (segment.kind === 'name') {
    if (!isObject(node)) return FAILED;
    const child = Object.hasOwn(node, segment.name) ? node[segment.name] : {};
    const value = setAt(child, segments, i + 1, result);
    if (value === FAILED) return FAILED;
    return { ...node, [segment.name]: value };
  }
  if (segment.kind === 'index') {
    // Arrays are never created or grown: only an existing element can be replaced.
    if (!Array.isArray(node) || segment.index >= node.length) return FAILED;
    const value = setAt(node[segment.index], segments, i + 1, result);
    if (value === FAILED) return FAILED;
    const copy = node.slice();
    copy[segment.index] = value;
    return copy;
  }
  return FAILED;
}

function matchFailure(resultPath: string, input: unknown): StatesError {
  return new StatesError(
    'States.ResultPathMatchFailure',
    `Unable to apply ResultPath '${resultPath}' to input '${safeJson(input)}'`,
  );
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}
