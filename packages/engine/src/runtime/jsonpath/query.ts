// Evaluates a parsed path against a scope with Jayway's result shapes: a definite path yields
// its one value (or nothing), an indefinite path yields the list of matches (possibly empty).
// Definite paths are walked directly (the hot path of every state); indefinite ones go to
// jsonpath-plus.

import { JSONPath } from 'jsonpath-plus';
import type { ParsedPath, PathSegment } from './path-syntax.ts';
import type { JsonPathScope } from './scope.ts';

export type QueryResult = { found: true; value: unknown } | { found: false };

const NOT_FOUND: QueryResult = { found: false };

/** The document a path's root names, or NOT_FOUND for an unknown variable. */
export function rootDocument(parsed: ParsedPath, scope: JsonPathScope): QueryResult {
  switch (parsed.root.kind) {
    case 'input':
      return { found: true, value: scope.input };
    case 'context':
      return { found: true, value: scope.context };
    case 'variable': {
      const vars = scope.variables;
      if (vars == null || !(parsed.root.name in vars)) return NOT_FOUND;
      return { found: true, value: vars[parsed.root.name] };
    }
  }
}

export function query(parsed: ParsedPath, scope: JsonPathScope): QueryResult {
  const root = rootDocument(parsed, scope);
  if (!root.found) return root;
  if (parsed.definite) return walk(root.value, parsed.segments);
  return { found: true, value: queryIndefinite(parsed.rootedText, root.value) };
}

function walk(document: unknown, segments: PathSegment[]): QueryResult {
  let current = document;
  for (const segment of segments) {
    if (segment.kind === 'name') {
      if (!isObject(current) || !Object.hasOwn(current, segment.name)) return NOT_FOUND;
      current = current[segment.name];
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) return NOT_FOUND;
      // Jayway accepts negative indexes, counted from the end.
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return NOT_FOUND;
      current = current[index];
    } else {
      return NOT_FOUND;
    }
  }
  return current === undefined ? NOT_FOUND : { found: true, value: current };
}

function queryIndefinite(rootedText: string, document: unknown): unknown[] {
  if (document === null || typeof document !== 'object') return [];
  const result = JSONPath({ path: rootedText, json: document, wrap: true, eval: 'safe' });
  return Array.isArray(result) ? result.filter((v) => v !== undefined) : [];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
