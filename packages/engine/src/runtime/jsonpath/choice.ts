// JSONPath Choice rules: comparisons, type tests and And/Or/Not. A type mismatch is simply
// false; a Variable (or *Path operand) pointing at nothing fails the execution with
// States.Runtime, except under IsPresent (AWS semantics).

import { StatesError } from '../errors.ts';
import { parseOrFail } from './paths.ts';
import { query } from './query.ts';
import type { JsonPathScope } from './scope.ts';
import { compareTimestamps, parseTimestamp } from './timestamps.ts';

type Compare = (variable: unknown, operand: unknown) => boolean;

const bothStrings =
  (f: (a: string, b: string) => boolean): Compare =>
  (a, b) =>
    typeof a === 'string' && typeof b === 'string' && f(a, b);
const bothNumbers =
  (f: (a: number, b: number) => boolean): Compare =>
  (a, b) =>
    typeof a === 'number' && typeof b === 'number' && f(a, b);
const bothTimestamps =
  (f: (order: number) => boolean): Compare =>
  (a, b) => {
    const ta = parseTimestamp(a);
    const tb = parseTimestamp(b);
    return ta !== undefined && tb !== undefined && f(compareTimestamps(ta, tb));
  };

const COMPARISONS: Record<string, Compare> = {
  StringEquals: bothStrings((a, b) => a === b),
  StringLessThan: bothStrings((a, b) => a < b),
  StringGreaterThan: bothStrings((a, b) => a > b),
  StringLessThanEquals: bothStrings((a, b) => a <= b),
  StringGreaterThanEquals: bothStrings((a, b) => a >= b),
  NumericEquals: bothNumbers((a, b) => a === b),
  NumericLessThan: bothNumbers((a, b) => a < b),
  NumericGreaterThan: bothNumbers((a, b) => a > b),
  NumericLessThanEquals: bothNumbers((a, b) => a <= b),
  NumericGreaterThanEquals: bothNumbers((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && typeof b === 'boolean' && a === b,
  TimestampEquals: bothTimestamps((o) => o === 0),
  TimestampLessThan: bothTimestamps((o) => o < 0),
  TimestampGreaterThan: bothTimestamps((o) => o > 0),
  TimestampLessThanEquals: bothTimestamps((o) => o <= 0),
  TimestampGreaterThanEquals: bothTimestamps((o) => o >= 0),
};

const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

/** Every comparison operator name (with and without `Path`), for definition validation. */
export const CHOICE_OPERATORS: readonly string[] = [
  ...Object.keys(COMPARISONS),
  ...Object.keys(COMPARISONS).map((k) => `${k}Path`),
  'StringMatches',
  ...Object.keys(TYPE_TESTS),
  'IsPresent',
];

/** Evaluates one Choice rule (top-level or nested); `Next`, `Assign` and `Comment` are ignored. */
export function evaluateChoiceRule(rule: Record<string, unknown>, scope: JsonPathScope): boolean {
  if ('And' in rule) return subRules(rule.And, 'And').every((r) => evaluateChoiceRule(r, scope));
  if ('Or' in rule) return subRules(rule.Or, 'Or').some((r) => evaluateChoiceRule(r, scope));
  if ('Not' in rule) return !evaluateChoiceRule(asRule(rule.Not, 'Not'), scope);

  const operator = Object.keys(rule).find((key) => key !== 'Variable' && isOperator(key));
  if (operator === undefined) {
    throw new StatesError(
      'States.Runtime',
      `The choice rule ${JSON.stringify(rule)} has no comparison operator`,
    );
  }
  const variablePath = rule.Variable;
  if (typeof variablePath !== 'string') {
    throw new StatesError('States.Runtime', `The choice rule with ${operator} needs a Variable path`);
  }
  const operand = rule[operator];
  const variable = query(parseOrFail(variablePath, 'Variable'), scope);

  if (operator === 'IsPresent') return variable.found === (operand === true);
  if (!variable.found) throw invalidValue(variablePath);

  const typeTest = TYPE_TESTS[operator];
  if (typeTest) return typeTest(variable.value) === (operand === true);
  if (operator === 'StringMatches') {
    return (
      typeof variable.value === 'string' &&
      typeof operand === 'string' &&
      matchesWildcard(variable.value, operand)
    );
  }
  if (operator.endsWith('Path')) {
    if (typeof operand !== 'string') throw invalidValue(String(operand));
    const other = query(parseOrFail(operand, operator), scope);
    if (!other.found) throw invalidValue(operand);
    return COMPARISONS[operator.slice(0, -4)](variable.value, other.value);
  }
  return COMPARISONS[operator](variable.value, operand);
}

function isOperator(key: string): boolean {
  return (
    key in COMPARISONS ||
    key in TYPE_TESTS ||
    key === 'IsPresent' ||
    key === 'StringMatches' ||
    (key.endsWith('Path') && key.slice(0, -4) in COMPARISONS)
  );
}

function invalidValue(path: string): StatesError {
  return new StatesError(
    'States.Runtime',
    `Invalid path '${path}': The choice state's condition path references an invalid value.`,
  );
}

function subRules(value: unknown, operator: string): Record<string, unknown>[] {
  if (!Array.isArray(value))
    throw new StatesError('States.Runtime', `${operator} must be a list of choice rules`);
  return value.map((r) => asRule(r, operator));
}

function asRule(value: unknown, operator: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StatesError('States.Runtime', `${operator} must contain choice rules (JSON objects)`);
  }
  return value as Record<string, unknown>;
}

const STAR = Symbol('*');

/**
 * StringMatches: `*` matches any run of characters (including none); `\*` is a literal star and
 * `\\` a literal backslash. A linear two-pointer match, so hostile patterns cannot blow up.
 */
export function matchesWildcard(text: string, pattern: string): boolean {
  // Tokens: a literal code unit, or STAR.
  const tokens: (string | typeof STAR)[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      tokens.push(pattern[i + 1]);
      i += 1;
    } else {
      tokens.push(ch === '*' ? STAR : ch);
    }
  }
  let t = 0;
  let p = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (p < tokens.length && tokens[p] !== STAR && tokens[p] === text[t]) {
      t += 1;
      p += 1;
    } else if (p < tokens.length && tokens[p] === STAR) {
      starAt = p;
      resumeAt = t;
      p += 1;
    } else if (starAt !== -1) {
      p = starAt + 1;
      resumeAt += 1;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (p < tokens.length && tokens[p] === STAR) p += 1;
  return p === tokens.length;
}
