// Evaluates a parsed path against a scope with Jayway's result shapes: a definite path yields
// its one value (or nothing), an indefinite path yields the list of matches (possibly empty).
// Definite parts are walked directly (the hot path of every state) with Jayway's failure rules;
// the indefinite rest goes to jsonpath-plus.

import { JSONPath } from 'jsonpath-plus';
import { normalizedPath, type ParsedPath } from './path-syntax.ts';
import type { JsonPathScope } from './scope.ts';

/** `reason` words a miss like Jayway does (AWS prints it after "Invalid path '…' : "). */
export type QueryResult = { found: true; value: unknown } | { found: false; reason: string };

/** The document a path's root names; an unknown variable is a miss. */
export function rootDocument(parsed: ParsedPath, scope: JsonPathScope): QueryResult {
  switch (parsed.root.kind) {
    case 'input':
      return { found: true, value: scope.input };
    case 'context':
      return { found: true, value: scope.context };
    case 'variable': {
      const vars = scope.variables;
      if (vars == null || !(parsed.root.name in vars)) {
        return { found: false, reason: `The variable '${parsed.root.name}' is not defined` };
      }
      return { found: true, value: vars[parsed.root.name] };
    }
  }
}

export function query(parsed: ParsedPath, scope: JsonPathScope): QueryResult {
  const root = rootDocument(parsed, scope);
  if (!root.found) return root;
  const firstIndefinite = parsed.segments.findIndex((s) => s.kind === 'indefinite');
  if (firstIndefinite === -1) return walk(root.value, parsed, parsed.segments.length);
  // Jayway fails when the definite prefix of an indefinite path is missing or is a scalar.
  const prefix = walk(root.value, parsed, firstIndefinite);
  if (!prefix.found) return prefix;
  const next = parsed.segments[firstIndefinite];
  const deepScan = next.kind === 'indefinite' && next.text.startsWith('..');
  if (!deepScan && (prefix.value === null || typeof prefix.value !== 'object')) {
    return {
      found: false,
      reason: `Filter: ${next.kind === 'indefinite' ? next.text : ''} can only be applied to arrays or objects. Current context is: ${JSON.stringify(prefix.value)}`,
    };
  }
  return { found: true, value: queryIndefinite(parsed.rootedText, root.value) };
}

/** Walks the first `count` segments (all definite). */
function walk(document: unknown, parsed: ParsedPath, count: number): QueryResult {
  const segments = parsed.segments;
  let current = document;
  for (let i = 0; i < count; i += 1) {
    const segment = segments[i];
    const isLeaf = i === segments.length - 1;
    if (segment.kind === 'name') {
      if (!isObject(current)) {
        return {
          found: false,
          reason: `Expected to find an object with property ['${segment.name}'] in path ${prefixText(parsed, i)} but found '${typeName(current)}'`,
        };
      }
      if (!Object.hasOwn(current, segment.name)) {
        return isLeaf
          ? { found: false, reason: `No results for path: ${normalizedPath(parsed)}` }
          : { found: false, reason: `Missing property in path ${prefixText(parsed, i + 1)}` };
      }
      current = current[segment.name];
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) {
        return {
          found: false,
          reason: `Filter: [${segment.index}] can only be applied to arrays. Current context is: ${JSON.stringify(current) ?? 'null'}`,
        };
      }
      // Jayway accepts negative indexes, counted from the end.
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) {
        return { found: false, reason: `No results for path: ${normalizedPath(parsed)}` };
      }
      current = current[index];
    }
  }
  return current === undefined
    ? { found: false, reason: `No results for path: ${normalizedPath(parsed)}` }
    : { found: true, value: current };
}

function prefixText(parsed: ParsedPath, count: number): string {
  return normalizedPath({ ...parsed, segments: parsed.segments.slice(0, count) });
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function queryIndefinite(rootedText: string, document: unknown): unknown[] {
  if (document === null || typeof document !== 'object') return [];
  const result = JSONPath({ path: rootedText, json: document, wrap: true, eval: 'safe' });
  return Array.isArray(result) ? result.filter((v) => v !== undefined) : [];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
