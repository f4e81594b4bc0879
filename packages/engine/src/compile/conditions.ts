// json-logic rule → JSONata `Condition` with exactly json-logic-js's answer (docs/compiler.md).
//
// The condition is the rule's truthiness: `and`/`or`/`!` combine the truthiness of their parts,
// comparisons are JSONata booleans (conditions-compare.ts), every `var` is read once at the start
// (conditions-lookup.ts). Where a rule needs a value (an operand of `==`, what `or` returns), it
// compiles to JSONata computing the same JavaScript value json-logic-js would, plus a "ref"
// expression used where JavaScript compares arrays/objects by identity.

import { helperDeclarations } from './condition-helpers.ts';
import {
  affix,
  equality,
  includes,
  isEmpty,
  type JsType,
  jsType,
  not,
  type Operand,
  relational,
  truthy,
} from './conditions-compare.ts';
import { VarReads } from './conditions-lookup.ts';
import type { CompileProblem } from './errors.ts';
import { asExpression, jsonataLiteral } from './jsonata-text.ts';

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

interface Compiled {
  /** JSONata computing the value (null where json-logic has null or undefined). */
  expr: string;
  /** JSONata computing the value's identity (see condition-helpers.ts). */
  ref: string;
  /** The ref is a constant nobody else has: the value is new or a primitive. */
  fresh: boolean;
  /** The value's JavaScript type, when known before the run. */
  type?: JsType;
  /** The rule is a value written as is. */
  literal?: { value: unknown };
  /** A `var` without default: the name holding what it read, undefined when the field is absent. */
  read?: string;
}

/** Problems in a rule, empty when it compiles. Paths are relative to the rule (`and.0.var`). */
export function conditionProblems(rule: unknown, options: ConditionOptions = {}): CompileProblem[] {
  const compiler = new ConditionCompiler(options);
  compiler.test(rule, '');
  return compiler.problems;
}

/**
 * The JSONata expression (without `{% %}`) that is true exactly when json-logic-js finds the
 * rule truthy. Throws a `ConditionSyntaxError` listing every problem when the rule cannot be
 * compiled.
 */
export function compileCondition(rule: unknown, options: ConditionOptions = {}): string {
  const compiler = new ConditionCompiler(options);
  const test = compiler.test(rule, '');
  if (compiler.problems.length > 0) throw new ConditionSyntaxError(compiler.problems);
  const reads = compiler.reads.bindings();
  const start = [...helperDeclarations(compiler.reads.helpers()), ...reads];
  return start.length === 0 ? test : `(${start.join(';')};${test})`;
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

const isName = (expr: string) => /^\$[A-Za-z0-9_]+$/.test(expr);

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

class ConditionCompiler {
  readonly problems: CompileProblem[] = [];
  private nextId = 0;
  readonly reads = new VarReads(() => this.local());

  constructor(private readonly options: ConditionOptions) {}

  private fresh(): string {
    return `'n:${this.nextId++}'`;
  }

  private readonly local = (): string => `$_${this.nextId++}`;

  private problem(path: string, message: string): Compiled {
    this.problems.push({ path, message });
    return { expr: 'null', ref: "''", fresh: true };
  }

  private boolean(expr: string): Compiled {
    return { expr, ref: this.fresh(), fresh: true, type: 'boolean' };
  }

  /** JSONata that is true exactly when json-logic finds the rule truthy. */
  test(rule: unknown, path: string): string {
    const op = operationOf(rule);
    if (op === 'and' || op === 'or' || op === '!' || op === '!!') {
      const raw = (rule as Record<string, unknown>)[op];
      const args = Array.isArray(raw) ? raw : [raw];
      const at = join(path, op);
      if (op === '!' || op === '!!') {
        if (args.length !== 1) return this.problem(at, 'takes exactly one value.').expr;
        const test = this.test(args[0], join(at, 0));
        return op === '!' ? not(test) : test;
      }
      // The truthiness of what `and` returns (the first falsy value, or the last) is the `and`
      // of its parts' truthiness; likewise for `or`.
      if (args.length === 0) return this.problem(at, `"${op}" needs at least one condition.`).expr;
      const tests = args.map((x, i) => this.test(x, join(at, i)));
      return tests.length === 1 ? tests[0] : `(${tests.join(` ${op} `)})`;
    }
    return this.truthy(this.value(rule, path));
  }

  private truthy(value: Compiled): string {
    if (value.type === 'boolean') return value.expr;
    const { lets, operands } = this.operands([value]);
    return withLets(lets, truthy(operands[0]));
  }

  /**
   * Comparison operands, each a name or a literal: a value that is neither is bound to a local
   * first (`lets`), so the comparison may repeat it at no cost.
   */
  private operands(values: Compiled[]): { lets: string[]; operands: Operand[] } {
    const lets: string[] = [];
    const operands = values.map((c): Operand => {
      const known = { ref: c.ref, type: c.type, literal: c.literal };
      if (c.literal) return { ...known, text: jsonataLiteral(c.literal.value), missing: false };
      if (c.read) return { ...known, text: c.read, missing: true };
      if (isName(c.expr)) return { ...known, text: c.expr, missing: false };
      const local = this.local();
      lets.push(`${local}:=${c.expr}`);
      return { ...known, text: local, missing: false };
    });
    return { lets, operands };
  }

  private compare(args: unknown[], at: string, emit: (operands: Operand[]) => string): Compiled {
    const { lets, operands } = this.operands(args.map((x, i) => this.value(x, join(at, i))));
    return this.boolean(withLets(lets, emit(operands)));
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
      return {
        expr: jsonataLiteral(rule),
        ref: this.fresh(),
        fresh: true,
        type: jsType(rule),
        literal: { value: rule },
      };
    }
    const raw = (rule as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const at = join(path, op);
    const two = 'compares exactly two values.';
    switch (op) {
      case 'var':
        return this.variable(args, at);
      case '==':
      case '!=':
      case '===':
      case '!==':
        if (args.length !== 2) return this.problem(at, two);
        return this.compare(args, at, ([a, b]) => equality(op, a, b, this.local));
      case '<':
      case '<=':
      case '>':
      case '>=':
        if (args.length !== 2 && !(args.length === 3 && op.startsWith('<'))) {
          return this.problem(at, op.startsWith('<') ? 'compares two values, or three (between).' : two);
        }
        return this.compare(args, at, (operands) => relational(op, operands, this.local));
      case 'and':
      case 'or':
        return this.logical(op, args, at);
      case '!':
      case '!!':
        return this.boolean(this.test(rule, path));
      case 'in':
      case 'contains':
        if (args.length !== 2) return this.problem(at, two);
        // contains(haystack, needle) is in(needle, haystack).
        return this.compare(args, at, ([a, b]) =>
          op === 'in' ? includes(a, b, this.local) : includes(b, a, this.local),
        );
      case 'starts_with':
      case 'ends_with':
        if (args.length !== 2) return this.problem(at, two);
        return this.compare(args, at, ([a, b]) => affix(op, a, b));
      case 'is_empty':
        if (args.length !== 1) return this.problem(at, 'takes exactly one value.');
        return this.compare(args, at, ([a]) => isEmpty(a));
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

  /** A literal array whose elements json-logic evaluates one by one. */
  private array(items: unknown[], path: string): Compiled {
    if (isPlainLiteral(items)) {
      return {
        expr: jsonataLiteral(items),
        ref: this.fresh(),
        fresh: true,
        type: 'array',
        literal: { value: items },
      };
    }
    const parts = items.map((item, i) => this.value(item, join(path, i)));
    const expr = helperBlock(
      ['_wrap'],
      parts.reduce(
        (acc, part) => (acc === '[]' ? `$_wrap(${part.expr})` : `$append(${acc},$_wrap(${part.expr}))`),
        '[]',
      ),
    );
    // The array is new, but its elements may be data the rule also reads elsewhere.
    const ref = `{"n": ${this.nextId++}, "items": [${parts.map((p) => p.ref).join(', ')}]}`;
    return { expr, ref, fresh: false, type: 'array' };
  }

  /** The name holding a dotted var path's value (see conditions-lookup.ts). */
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
    return this.reads.read(root, keys);
  }

  private variable(args: unknown[], at: string): Compiled {
    if (args.length < 1 || args.length > 2)
      return this.problem(at, 'takes a field path and an optional default.');
    const read = this.lookup(args[0], join(at, 0));
    if (read === undefined) return { expr: 'null', ref: this.fresh(), fresh: true };
    const fallback = args.length === 2 && args[1] !== null ? this.value(args[1], join(at, 1)) : undefined;
    const own = JSON.stringify(`v:${args[0]}`);
    const expr = `($exists(${read})?${read}:${fallback ? fallback.expr : 'null'})`;
    if (!fallback) return { expr, ref: own, fresh: false, read };
    // Absent data gives the default: only then does the default's identity matter.
    const ref =
      fallback.fresh && isPrimitiveRule(args[1]) ? own : `($exists(${read}) ? ${own} : ${fallback.ref})`;
    return { expr, ref, fresh: false };
  }

  /** `and` returns the first falsy value or the last; `or` the first truthy value or the last. */
  private logical(op: 'and' | 'or', args: unknown[], at: string): Compiled {
    if (args.length === 0) return this.problem(at, `"${op}" needs at least one condition.`);
    const parts = args.map((x, i) => this.value(x, join(at, i)));
    if (parts.every((p) => p.type === 'boolean')) {
      return this.boolean(
        parts.length === 1 ? parts[0].expr : `(${parts.map((p) => p.expr).join(` ${op} `)})`,
      );
    }
    const type = parts.every((p) => p.type === parts[0].type) ? parts[0].type : undefined;
    const build = (i: number): Compiled => {
      if (i === parts.length - 1) return parts[i];
      const rest = build(i + 1);
      const local = this.local();
      const test = this.truthy({ ...parts[i], expr: local, literal: undefined, read: undefined });
      const [onTruthy, onFalsy] = op === 'and' ? [rest.expr, local] : [local, rest.expr];
      const expr = `(${local}:=${parts[i].expr};${test}?${onTruthy}:${onFalsy})`;
      if (parts[i].fresh && rest.fresh) return { expr, ref: this.fresh(), fresh: true, type };
      const [refTruthy, refFalsy] = op === 'and' ? [rest.ref, parts[i].ref] : [parts[i].ref, rest.ref];
      const ref = `(${this.truthy(parts[i])}?${refTruthy}:${refFalsy})`;
      return { expr, ref, fresh: false, type };
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

  /** json-logic's `missing`: the keys whose value is null, absent or ''. */
  private missingArray(keys: string[], at: string): string {
    const entries = keys.map((key, i) => {
      const read = this.lookup(key, join(at, i)) ?? 'null';
      return `($not($exists(${read})) or ${read}=null or ${read}=''?${jsonataLiteral(key)})`;
    });
    return `[${entries.join(',')}]`;
  }

  private missing(args: unknown[], at: string): Compiled {
    const keys = this.missingKeys(args, at);
    if (!keys) return { expr: '[]', ref: this.fresh(), fresh: true };
    return { expr: this.missingArray(keys, at), ref: this.fresh(), fresh: true, type: 'array' };
  }

  private missingSome(args: unknown[], at: string): Compiled {
    const [need, options] = args;
    if (args.length !== 2 || typeof need !== 'number' || !Array.isArray(options)) {
      return this.problem(at, 'takes a number and a list of fields, e.g. [1, ["a", "b"]].');
    }
    const keys = this.missingKeys([options], join(at, 1));
    if (!keys) return { expr: '[]', ref: this.fresh(), fresh: true };
    const local = this.local();
    const expr = `(${local}:=${this.missingArray(keys, join(at, 1))};${keys.length}-$count(${local})>=${jsonataLiteral(need)}?[]:${local})`;
    return { expr, ref: this.fresh(), fresh: true, type: 'array' };
  }
}

/** `(lets; expr)`, or expr when nothing needs binding first. */
function withLets(lets: string[], expr: string): string {
  return lets.length === 0 ? expr : `(${lets.join(';')};${expr})`;
}

/** expr with the helpers it calls declared in front of it. */
function helperBlock(helpers: string[], expr: string): string {
  return `(${[...helperDeclarations(helpers), expr].join(';')})`;
}

function isPrimitiveRule(rule: unknown): boolean {
  return rule === null || typeof rule !== 'object';
}
