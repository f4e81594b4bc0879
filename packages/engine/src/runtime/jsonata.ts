import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError } from './errors.ts';
import { cloneJson } from './json.ts';

// JSONata as Step Functions runs it: `{% … %}` strings anywhere in a field's value, `$states`
// plus workflow variables as bindings, AWS's extra functions, and undefined results as errors.

/** A field value with its `{% %}` expressions compiled once per definition. */
export type Template =
  | { kind: 'const'; value: unknown }
  | { kind: 'expr'; expr: CompiledExpression }
  | { kind: 'object'; entries: [string, Template][] }
  | { kind: 'array'; items: Template[] };

export interface CompiledExpression {
  /** The expression text without the `{% %}` braces. */
  text: string;
  /** `$name.a.b` shapes are read directly, without the JSONata evaluator (a hot path). */
  fastPath?: string[];
  /** `$name.a.b <op> <number>`: applied directly when the path reads a number (else JSONata runs). */
  fastOp?: { op: FastOperator; operand: number };
  compiled?: jsonata.Expression;
  /**
   * The `$names` the text mentions (a superset of the bindings it can read), or undefined when
   * it may read any (`$eval`). The evaluator binds each binding it is given into a new frame at
   * every evaluation, so handing it only these keeps that cost independent of the variable count.
   */
  names?: string[];
}

export type Bindings = Record<string, unknown>;

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

type FastOperator = '+' | '-' | '*' | '/' | '>' | '>=' | '<' | '<=' | '=' | '!=';
const PATH_OP_NUMBER =
  /^(\$[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(\+|-|\*|\/|>=|<=|!=|>|<|=)\s*((?:0|[1-9][0-9]*)(?:\.[0-9]+)?)$/;
const SIMPLE_PATH = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
const VARIABLE_NAME = /\$([\p{L}\p{N}_]+)/gu;
const expressionCache = new Map<string, CompiledExpression>();

/** Compiles (cached) an expression; a syntax error throws with JSONata's message. */
export function compileExpression(text: string): CompiledExpression {
  const cached = expressionCache.get(text);
  if (cached) return cached;
  const compiled = jsonata(text);
  for (const [name, fn] of Object.entries(awsFunctions)) compiled.assign(name, fn);
  const trimmed = text.trim();
  const withOp = PATH_OP_NUMBER.exec(trimmed);
  const match = SIMPLE_PATH.exec(withOp ? withOp[1] : trimmed);
  const names = new Set<string>();
  for (const m of text.matchAll(VARIABLE_NAME)) names.add(m[1]);
  const result: CompiledExpression = {
    text,
    compiled,
    names: names.has('eval') ? undefined : [...names],
    fastPath: match ? [match[1], ...match[2].split('.').filter(Boolean)] : undefined,
    fastOp: withOp ? { op: withOp[2] as FastOperator, operand: Number(withOp[3]) } : undefined,
  };
  expressionCache.set(text, result);
  return result;
}

/** The JSONata text inside `{% … %}`. */
export function expressionText(value: string): string {
  return value.slice(2, -2).trim();
}

/** Compiles every `{% %}` string inside a field value. Throws on the first syntax error. */
export function compileTemplate(value: unknown): Template {
  if (isExpression(value)) return { kind: 'expr', expr: compileExpression(expressionText(value)) };
  if (Array.isArray(value)) {
    const items = value.map(compileTemplate);
    return items.every((t) => t.kind === 'const') ? { kind: 'const', value } : { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, compileTemplate(v)] as [string, Template]);
    return entries.every(([, t]) => t.kind === 'const')
      ? { kind: 'const', value }
      : { kind: 'object', entries };
  }
  return { kind: 'const', value };
}

/** Every `{% %}` string in a value, with its location, for definition validation. */
export function findExpressions(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (isExpression(value)) out.push({ path, text: expressionText(value) });
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) findExpressions(v, `${path}[${i}]`, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) findExpressions(v, `${path}.${k}`, out);
}

function queryError(expr: CompiledExpression, field: string, detail: string): StatesError {
  return new StatesError(
    'States.QueryEvaluationError',
    `The JSONata expression '${expr.text}' specified for the field '${field}' ${detail}`,
  );
}

/** Marks "needs the JSONata evaluator" in the synchronous fast path. */
const SLOW = Symbol('slow');

/** `$name.a.b` read directly; SLOW when the shape needs JSONata's own semantics. */
function fastValue(expr: CompiledExpression, bindings: Bindings): unknown {
  const path = expr.fastPath;
  if (!path) return SLOW;
  let value: unknown = bindings[path[0]];
  for (let i = 1; i < path.length; i++) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return SLOW;
    value = (value as Record<string, unknown>)[path[i]];
  }
  // Arrays and misses take JSONata's path so sequence semantics and errors stay exact.
  if (value === undefined || Array.isArray(value) || typeof value === 'function') return SLOW;
  return expr.fastOp ? applyFastOp(expr.fastOp, value) : value;
}

/**
 * A number operated with a number literal, as JSONata computes it. Anything else (a string, a
 * non-finite result JSONata reports as D1001) goes to the evaluator for its exact result or error.
 */
function applyFastOp(fast: { op: FastOperator; operand: number }, value: unknown): unknown {
  if (typeof value !== 'number') return SLOW;
  const b = fast.operand;
  let r: number;
  switch (fast.op) {
    case '+':
      r = value + b;
      break;
    case '-':
      r = value - b;
      break;
    case '*':
      r = value * b;
      break;
    case '/':
      r = value / b;
      break;
    case '>':
      return value > b;
    case '>=':
      return value >= b;
    case '<':
      return value < b;
    case '<=':
      return value <= b;
    case '=':
      return value === b;
    case '!=':
      return value !== b;
  }
  return Number.isFinite(r) ? r : SLOW;
}

/** The bindings an expression can read (see CompiledExpression.names). */
function usedBindings(expr: CompiledExpression, bindings: Bindings): Bindings {
  const names = expr.names;
  if (!names) return bindings;
  const used: Bindings = {};
  for (const name of names) if (name in bindings) used[name] = bindings[name];
  return used;
}

/** Evaluates one expression; undefined or a thrown JSONata error → `States.QueryEvaluationError`. */
export async function evaluateExpression(
  expr: CompiledExpression,
  bindings: Bindings,
  field: string,
): Promise<unknown> {
  const fast = fastValue(expr, bindings);
  if (fast !== SLOW) return fast;
  let result: unknown;
  try {
    const states = bindings.states as { input?: unknown } | undefined;
    result = await expr.compiled!.evaluate(states ? states.input : null, usedBindings(expr, bindings));
  } catch (err) {
    // jsonata throws plain objects ({ code, message, … }), not Error instances.
    const message =
      err !== null && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string'
        ? (err as { message: string }).message
        : String(err);
    const code = (err as { code?: unknown } | null)?.code;
    // AWS: "... threw an error during evaluation. T0410: Argument 1 of function ..."
    throw queryError(
      expr,
      field,
      `threw an error during evaluation. ${typeof code === 'string' ? `${code}: ${message}` : message}`,
    );
  }
  if (result === undefined) throw queryError(expr, field, 'returned nothing (undefined).');
  if (typeof result === 'function') throw queryError(expr, field, 'returned a function, which is not JSON.');
  return result;
}

/** The whole template without the evaluator, or SLOW. */
function evaluateSync(template: Template, bindings: Bindings): unknown {
  switch (template.kind) {
    case 'const':
      return cloneJson(template.value);
    case 'expr':
      return fastValue(template.expr, bindings);
    case 'array': {
      const out: unknown[] = [];
      for (const item of template.items) {
        const v = evaluateSync(item, bindings);
        if (v === SLOW) return SLOW;
        out.push(v);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, t] of template.entries) {
        const v = evaluateSync(t, bindings);
        if (v === SLOW) return SLOW;
        out[key] = v;
      }
      return out;
    }
  }
}

/**
 * Evaluates a compiled field value (a value, or a promise when JSONata must run). Constant parts
 * are copied so callers may own the result.
 */
export function evaluateTemplate(template: Template, bindings: Bindings, field: string): unknown {
  const quick = evaluateSync(template, bindings);
  return quick === SLOW ? evaluateSlow(template, bindings, field) : quick;
}

async function evaluateSlow(template: Template, bindings: Bindings, field: string): Promise<unknown> {
  switch (template.kind) {
    case 'const':
      return cloneJson(template.value);
    case 'expr':
      return evaluateExpression(template.expr, bindings, field);
    case 'array': {
      const out: unknown[] = [];
      for (let i = 0; i < template.items.length; i++)
        out.push(await evaluateSlow(template.items[i], bindings, `${field}[${i}]`));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, t] of template.entries) out[key] = await evaluateSlow(t, bindings, `${field}/${key}`);
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// AWS's JSONata functions: $partition $range $hash $random $uuid $parse.

function fail(fn: string, message: string): never {
  throw Object.assign(new Error(`${fn}: ${message}`), { code: 'D3137' });
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function seededRandom(seed: unknown): number {
  // mulberry32 over a hash of the seed: the same seed always gives the same number.
  let h = 0;
  for (const ch of JSON.stringify(seed)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  h = (h + 0x6d2b79f5) | 0;
  let t = Math.imul(h ^ (h >>> 15), 1 | h);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const awsFunctions: Record<string, (...args: never[]) => unknown> = {
  partition(array: unknown, size: unknown) {
    if (!Array.isArray(array)) fail('$partition', 'the first argument must be an array');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0)
      fail('$partition', 'the chunk size must be a positive integer');
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range(start: unknown, end: unknown, step: unknown) {
    if (![start, end, step].every((n) => typeof n === 'number' && Number.isInteger(n)))
      fail('$range', 'start, end and step must be integers');
    const [a, b, s] = [start, end, step] as number[];
    if (s === 0) fail('$range', 'step must not be 0');
    const out: number[] = [];
    for (let n = a; s > 0 ? n <= b : n >= b; n += s) {
      out.push(n);
      if (out.length > 1000) fail('$range', 'the result would have more than 1000 items');
    }
    return out;
  },
  hash(data: unknown, algorithm: unknown) {
    if (typeof data !== 'string') fail('$hash', 'the data must be a string');
    const alg = HASHES[String(algorithm)];
    if (!alg)
      fail('$hash', `unsupported algorithm ${String(algorithm)}; use ${Object.keys(HASHES).join(', ')}`);
    if (data.length > 10_000) fail('$hash', 'the data is longer than 10,000 characters');
    return createHash(alg).update(data).digest('hex');
  },
  random(seed?: unknown) {
    return seed === undefined ? Math.random() : seededRandom(seed);
  },
  uuid() {
    return randomUUID();
  },
  parse(text: unknown) {
    if (typeof text !== 'string') fail('$parse', 'the argument must be a string');
    try {
      return JSON.parse(text);
    } catch {
      fail('$parse', 'the argument is not valid JSON');
    }
  },
};
