// `{% … %}` strings in params: where they are, whether they parse as JSONata, and which `$names`
// they read that they do not bind themselves.
import jsonata from 'jsonata';
import { readSimpleExpression } from './simple-expression.ts';

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

export interface FoundExpression {
  /** Dotted path relative to the node's params (`url`, `headers.Accept`, `cases.0.rule`). */
  path: string;
  text: string;
}

/** Every expression string anywhere inside `value` (object keys are not expressions). */
export function findExpressions(value: unknown, path = ''): FoundExpression[] {
  if (isExpression(value)) return [{ path, text: value }];
  const join = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(value)) return value.flatMap((item, index) => findExpressions(item, join(index)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => findExpressions(item, join(key)));
  }
  return [];
}

export interface VariableUse {
  name: string;
  /** Position inside the expression text (JSONata counts from the start of the text between {% %}). */
  position?: number;
  /** For `$vars.x…`: `x`. */
  member?: string;
}

export type ParsedExpression =
  | { ok: true; variables: VariableUse[] }
  | { ok: false; message: string; position?: number };

type AstNode = { [key: string]: unknown };

function collect(ast: unknown, uses: VariableUse[], bound: Set<string>, seen: WeakSet<object>): void {
  if (typeof ast !== 'object' || ast === null || seen.has(ast)) return;
  seen.add(ast);
  if (Array.isArray(ast)) {
    for (const item of ast) collect(item, uses, bound, seen);
    return;
  }
  const node = ast as AstNode;
  if (node.type === 'variable' && typeof node.value === 'string') {
    uses.push({ name: node.value, position: typeof node.position === 'number' ? node.position : undefined });
  }
  if (node.type === 'path' && Array.isArray(node.steps)) {
    const [first, second] = node.steps as AstNode[];
    if (first?.type === 'variable' && first.value === 'vars' && second?.type === 'name') {
      uses.push({ name: 'vars', member: String(second.value), position: second.position as number });
    }
  }
  // Names the expression binds itself: `$x := …`, `function($a, $b)`, `@$focus`, `#$index`.
  if (node.type === 'bind' && (node.lhs as AstNode | undefined)?.type === 'variable') {
    bound.add(String((node.lhs as AstNode).value));
  }
  if (node.type === 'lambda' && Array.isArray(node.arguments)) {
    for (const argument of node.arguments as AstNode[]) bound.add(String(argument.value));
  }
  if (typeof node.focus === 'string') bound.add(node.focus);
  if (typeof node.index === 'string') bound.add(node.index);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'position' && key !== 'value') collect(value, uses, bound, seen);
  }
}

/**
 * Parses the text of a `{% … %}` string. Returns the variables it reads and does not bind
 * (`$` and `$$` are left out: they are the current and root context). Scoping is approximate: a
 * name bound anywhere in the expression counts as bound everywhere in it.
 */
export function parseExpression(text: string): ParsedExpression {
  const cached = parsedCache.get(text);
  if (cached) return cached;
  const parsed = parseUncached(text);
  // Bounded: drop the oldest entry (Map keeps insertion order).
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(text, parsed);
  return parsed;
}

// jsonata() costs ~60 µs per expression (it also builds an environment): simple expressions are
// read by simple-expression.ts instead, and since the editor saves the same expressions again and
// again, results are kept by text.
const CACHE_LIMIT = 10_000;
const parsedCache = new Map<string, ParsedExpression>();

function parseUncached(text: string): ParsedExpression {
  const body = text.slice(2, -2);
  if (body.trim() === '') return { ok: false, message: 'the expression is empty' };
  const simple = readSimpleExpression(body);
  return simple ? { ok: true, variables: simple } : parseWithJsonata(body);
}

/** Reads an expression body with jsonata's own parser: the authority on every expression. */
export function parseWithJsonata(body: string): ParsedExpression {
  let ast: unknown;
  try {
    ast = jsonata(body).ast();
  } catch (err) {
    const error = err as { message?: string; position?: number };
    return { ok: false, message: error.message ?? String(err), position: error.position };
  }
  const uses: VariableUse[] = [];
  const bound = new Set<string>();
  collect(ast, uses, bound, new WeakSet());
  return {
    ok: true,
    variables: uses.filter((use) => use.name !== '' && use.name !== '$' && !bound.has(use.name)),
  };
}
