// json-logic rule → JSONata `Condition` with exactly json-logic-js's answer (docs/compiler.md).
//
// Each rule compiles to a JSONata expression that computes the same JavaScript value json-logic-js
// would (including what `and`/`or` return), plus a "ref" expression used where JavaScript compares
// arrays/objects by identity. The condition is the truthiness of the rule's value.

import type { CompileProblem } from './errors.ts';
import { helperDeclarations } from './condition-helpers.ts';
import { asExpression, jsonataLiteral, jsonataText } from './jsonata-text.ts';

export interface ConditionOptions {
  /**
   * Names a `var` path may start with (e.g. `trigger`, `vars` and node ids). When absent, any
   * name matching `^[a-z][a-z0-9_]*$` is accepted.
   */
  roots?: ReadonlySet<string>;
}

/** The operations a compiled condition understands, json-logic's own and the editor's. */
export const CONDITION_OPERATIONS = [
  'var',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  '!',
  '!!',
  'in',
  'missing',
  'missing_some',
  'contains',
  'starts_with',
  'ends_with',
  'is_empty',
] as const;

const ROOT_PATTERN = /^[a-z][a-z0-9_]*$/;
const BOOLEAN_OPS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '!', '!!', 'in']);
const EDITOR_BOOLEAN_OPS = new Set(['contains', 'starts_with', 'ends_with', 'is_empty']);

interface Compiled {
  /** JSONata computing the value. */
  expr: string;
  /** JSONata computing the value's identity (see condition-helpers.ts). */
  ref: string;
  /** The ref is a constant nobody else has: the value is new or a primitive. */
  fresh: boolean;
}

/** Problems in a rule, empty when it compiles. Paths are relative to the rule (`and.0.var`). */
export function conditionProblems(rule: unknown, options: ConditionOptions = {}): CompileProblem[] {
  const compiler = new ConditionCompiler(options);
  compiler.value(rule, '');
  return compiler.problems;
}

/**
 * The JSONata expression (without `{% %}`) that is true exactly when json-logic-js finds the
 * rule truthy. Throws a `ConditionSyntaxError` listing every problem when the rule cannot be
 * compiled.
 */
export function compileCondition(rule: unknown, options: ConditionOptions = {}): string {
  const compiler = new ConditionCompiler(options);
  const compiled = compiler.value(rule, '');
  if (compiler.problems.length > 0) throw new ConditionSyntaxError(compiler.problems);
  const body = returnsBoolean(rule) ? compiled.expr : compiler.call('_truthy', compiled.expr);
  const declarations = helperDeclarations(compiler.helpers);
  return declarations.length === 0 ? body : `(${declarations.join(';')};${body})`;
}

/** `compileCondition` wrapped for an ASL field: `{% … %}`. */
export function conditionField(rule: unknown, options: ConditionOptions = {}): string {
  return asExpression(compileCondition(rule, options));
}

export class ConditionSyntaxError extends Error {
  constructor(readonly problems: CompileProblem[]) {
    super(`Invalid condition: ${problems.map((p) => `${p.path || '(rule)'}: ${p.message}`).join('; ')}`);
    this.name = 'ConditionSyntaxError';
  }
}

function returnsBoolean(rule: unknown): boolean {
  const op = operationOf(rule);
  return op !== undefined && (BOOLEAN_OPS.has(op) || EDITOR_BOOLEAN_OPS.has(op));
}

/** json-logic treats an object with exactly one key as an operation. */
function operationOf(rule: unknown): string | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  return keys.length === 1 ? keys[0] : undefined;
}

function isPlainLiteral(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.every(isPlainLiteral);
  return operationOf(rule) === undefined;
}

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

class ConditionCompiler {
  readonly problems: CompileProblem[] = [];
  readonly helpers = new Set<string>();
  private nextId = 0;

  constructor(private readonly options: ConditionOptions) {}

  call(helper: string, ...args: string[]): string {
    this.helpers.add(helper);
    return `$${helper}(${args.join(',')})`;
  }

  private fresh(): string {
    return `'n:${this.nextId++}'`;
  }

  private local(): string {
    return `$_${this.nextId++}`;
  }

  private problem(path: string, message: string): Compiled {
    this.problems.push({ path, message });
    return { expr: 'null', ref: "''", fresh: true };
  }

  value(rule: unknown, path: string): Compiled {
    if (rule === undefined || typeof rule === 'function' || typeof rule === 'bigint') {
      return this.problem(path, 'A condition may only hold JSON values.');
    }
    if (typeof rule === 'number' && !Number.isFinite(rule)) {
      return this.problem(path, 'A number in a condition must be finite.');
    }
    if (Array.isArray(rule)) return this.array(rule, path);
    const op = operationOf(rule);
    if (op === undefined) {
      return { expr: jsonataLiteral(rule), ref: this.fresh(), fresh: true };
    }
    const raw = (rule as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const at = join(path, op);
    switch (op) {
      case 'var':
        return this.variable(args, at);
      case '==':
      case '!=':
      case '===':
      case '!==':
        return this.equality(op, args, at);
      case '<':
      case '<=':
        return this.relational(op, args, at, [2, 3]);
      case '>':
      case '>=':
        return this.relational(op, args, at, [2]);
      case 'and':
      case 'or':
        return this.logical(op, args, at);
      case '!':
      case '!!': {
        if (!this.arity(args, [1], at)) return this.problem(at, 'takes exactly one value.');
        const truthy = this.call('_truthy', this.value(args[0], join(at, 0)).expr);
        return { expr: op === '!' ? `$not(${truthy})` : truthy, ref: this.fresh(), fresh: true };
      }
      case 'in':
      case 'contains': {
        if (!this.arity(args, [2], at)) return this.problem(at, 'compares exactly two values.');
        const [first, second] = args.map((a, i) => this.value(a, join(at, i)));
        // contains(haystack, needle) is in(needle, haystack).
        const [needle, haystack] = op === 'in' ? [first, second] : [second, first];
        const expr = this.call('_in', needle.expr, haystack.expr, needle.ref, haystack.ref);
        return { expr, ref: this.fresh(), fresh: true };
      }
      case 'starts_with':
      case 'ends_with': {
        if (!this.arity(args, [2], at)) return this.problem(at, 'compares exactly two values.');
        const [a, b] = args.map((x, i) => this.value(x, join(at, i)).expr);
        const expr = this.call(op === 'starts_with' ? '_starts' : '_ends', a, b);
        return { expr, ref: this.fresh(), fresh: true };
      }
      case 'is_empty': {
        if (!this.arity(args, [1], at)) return this.problem(at, 'takes exactly one value.');
        return {
          expr: this.call('_empty', this.value(args[0], join(at, 0)).expr),
          ref: this.fresh(),
          fresh: true,
        };
      }
      case 'missing':
        return this.missing(args, at);
      case 'missing_some':
        return this.missingSome(args, at);
      default:
        return this.problem(
          at,
          `Unknown operation "${op}". Conditions understand: ${CONDITION_OPERATIONS.join(', ')}.`,
        );
    }
  }

  private arity(args: unknown[], allowed: number[], _at: string): boolean {
    return allowed.includes(args.length);
  }

  /** A literal array whose elements json-logic evaluates one by one. */
  private array(items: unknown[], path: string): Compiled {
    if (isPlainLiteral(items)) return { expr: jsonataLiteral(items), ref: this.fresh(), fresh: true };
    const parts = items.map((item, i) => this.value(item, join(path, i)));
    const expr = parts.reduce(
      (acc, part) =>
        acc === '[]' ? this.call('_wrap', part.expr) : `$append(${acc}, ${this.call('_wrap', part.expr)})`,
      '[]',
    );
    // The array is new, but its elements may be data the rule also reads elsewhere.
    const ref = `{"n": ${this.nextId++}, "items": [${parts.map((p) => p.ref).join(', ')}]}`;
    return { expr, ref, fresh: false };
  }

  /** The JSONata reading a dotted var path: `$root` then one JavaScript-style step per key. */
  private lookup(path: unknown, at: string): string | undefined {
    if (typeof path !== 'string') {
      this.problems.push({
        path: at,
        message: 'A field must be written as text, e.g. "trigger.body.amount".',
      });
      return undefined;
    }
    const [root, ...keys] = path.split('.');
    if (!ROOT_PATTERN.test(root)) {
      this.problems.push({
        path: at,
        message: `"${path}" must start with "trigger" or a node id, e.g. "trigger.body.amount".`,
      });
      return undefined;
    }
    if (this.options.roots && !this.options.roots.has(root)) {
      this.problems.push({
        path: at,
        message: `"${path}" refers to "${root}", which is not an earlier step.`,
      });
      return undefined;
    }
    // JavaScript's data[key]: `length` and indexes need the general helper, other keys only
    // ever find something in an object.
    return keys.reduce(
      (acc, key) => this.call(/^(length|0|[1-9][0-9]*)$/.test(key) ? '_at' : '_get', acc, jsonataText(key)),
      `$${root}`,
    );
  }

  private variable(args: unknown[], at: string): Compiled {
    if (args.length < 1 || args.length > 2)
      return this.problem(at, 'takes a field path and an optional default.');
    const read = this.lookup(args[0], join(at, 0));
    if (read === undefined) return { expr: 'null', ref: this.fresh(), fresh: true };
    const fallback = args.length === 2 ? this.value(args[1], join(at, 1)) : undefined;
    const own = JSON.stringify(`v:${args[0]}`);
    const local = this.local();
    const expr = `(${local}:=${read};$exists(${local})?${local}:${fallback ? fallback.expr : 'null'})`;
    // Absent data gives the default: only then does the default's identity matter.
    const ref =
      !fallback || (fallback.fresh && isPrimitiveRule(args[1]))
        ? own
        : `($exists(${read}) ? ${own} : ${fallback.ref})`;
    return { expr, ref, fresh: false };
  }

  private equality(op: '==' | '!=' | '===' | '!==', args: unknown[], at: string): Compiled {
    if (!this.arity(args, [2], at)) return this.problem(at, 'compares exactly two values.');
    const [a, b] = args.map((x, i) => this.value(x, join(at, i)));
    const same = this.call(op.length === 3 ? '_seq' : '_leq', a.expr, b.expr, a.ref, b.ref);
    return { expr: op.startsWith('!') ? `$not(${same})` : same, ref: this.fresh(), fresh: true };
  }

  private relational(op: '<' | '<=' | '>' | '>=', args: unknown[], at: string, allowed: number[]): Compiled {
    if (!this.arity(args, allowed, at)) {
      return this.problem(
        at,
        allowed.length === 2 ? 'compares two values, or three (between).' : 'compares exactly two values.',
      );
    }
    const values = args.map((x, i) => ({
      expr: this.value(x, join(at, i)).expr,
      number: typeof args[i] === 'number',
    }));
    const accepted = { '<': '=-1', '<=': 'in[-1,0]', '>': '=1', '>=': 'in[0,1]' }[op];
    // Against a number literal JavaScript compares numbers (ToNumber of the other side, never
    // text order), which needs fewer helpers than the general comparison.
    const test = (x: (typeof values)[number], y: (typeof values)[number]) => {
      if (y.number) return `${this.call('_ncmp', this.call('_num', x.expr), y.expr)}${accepted}`;
      if (x.number) return `${this.call('_ncmp', x.expr, this.call('_num', y.expr))}${accepted}`;
      return `${this.call('_cmp', x.expr, y.expr)}${accepted}`;
    };
    if (values.length === 2) return { expr: test(values[0], values[1]), ref: this.fresh(), fresh: true };
    // Between: a < b < c, with b evaluated once.
    const middle = { expr: this.local(), number: values[1].number };
    const expr = `(${middle.expr}:=${values[1].expr};${test(values[0], middle)} and ${test(middle, values[2])})`;
    return { expr, ref: this.fresh(), fresh: true };
  }

  /** `and` returns the first falsy value or the last; `or` the first truthy value or the last. */
  private logical(op: 'and' | 'or', args: unknown[], at: string): Compiled {
    if (args.length === 0) return this.problem(at, `"${op}" needs at least one condition.`);
    const parts = args.map((x, i) => this.value(x, join(at, i)));
    const build = (i: number): Compiled => {
      if (i === parts.length - 1) return parts[i];
      const rest = build(i + 1);
      const local = this.local();
      const test = this.call('_truthy', local);
      const [onTruthy, onFalsy] = op === 'and' ? [rest.expr, local] : [local, rest.expr];
      const expr = `(${local}:=${parts[i].expr};${test}?${onTruthy}:${onFalsy})`;
      if (parts[i].fresh && rest.fresh) return { expr, ref: this.fresh(), fresh: true };
      const [refTruthy, refFalsy] = op === 'and' ? [rest.ref, parts[i].ref] : [parts[i].ref, rest.ref];
      const ref = `(${this.call('_truthy', parts[i].expr)}?${refTruthy}:${refFalsy})`;
      return { expr, ref, fresh: false };
    };
    return build(0);
  }

  /** The keys of `missing`: literal field paths, given as arguments or as one array. */
  private missingKeys(args: unknown[], at: string): string[] | undefined {
    const keys = args.length > 0 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const bad = keys.findIndex((k) => typeof k !== 'string');
    if (bad !== -1) {
      this.problems.push({ path: join(at, bad), message: 'Fields to check must be written as text.' });
      return undefined;
    }
    return keys as string[];
  }

  private missingArray(keys: string[], at: string): string {
    const entries = keys.map((key, i) => {
      const local = this.local();
      const read = this.lookup(key, join(at, i)) ?? 'null';
      const isMissing = `$type(${local}) = 'null' or ($type(${local}) = 'string' and ${local} = '')`;
      return `(${local} := ${read}; $not($exists(${local})) or ${isMissing} ? ${JSON.stringify(key)})`;
    });
    return `[${entries.join(', ')}]`;
  }

  private missing(args: unknown[], at: string): Compiled {
    const keys = this.missingKeys(args, at);
    if (!keys) return { expr: '[]', ref: this.fresh(), fresh: true };
    return { expr: this.missingArray(keys, at), ref: this.fresh(), fresh: true };
  }

  private missingSome(args: unknown[], at: string): Compiled {
    const [need, options] = args;
    if (args.length !== 2 || typeof need !== 'number' || !Array.isArray(options)) {
      return this.problem(at, 'takes a number and a list of fields, e.g. [1, ["a", "b"]].');
    }
    const keys = this.missingKeys([options], join(at, 1));
    if (!keys) return { expr: '[]', ref: this.fresh(), fresh: true };
    const local = this.local();
    const expr = `(${local} := ${this.missingArray(keys, join(at, 1))}; ${keys.length} - $count(${local}) >= ${jsonataLiteral(need)} ? [] : ${local})`;
    return { expr, ref: this.fresh(), fresh: true };
  }
}

function isPrimitiveRule(rule: unknown): boolean {
  return rule === null || typeof rule !== 'object';
}
