import { validateIntrinsic } from './jsonpath/index.ts';
import {
  type Template,
  compileExpression,
  compileTemplate,
  findExpressions,
  isExpression,
} from './jsonata.ts';

import {
  type Catcher,
  type ChoiceRule,
  type Problem,
  type QueryLanguage,
  type Retrier,
  type StateNode,
  isObject,
} from './definition.ts';

// Field-level checks and compilers of a definition: payload templates, Assign names, timeouts,
// ErrorEquals, Retry and Catch, Choice rules.

export function checkPayloadTemplate(value: unknown, path: string, problems: Problem[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkPayloadTemplate(v, `${path}[${i}]`, problems);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('.$') && typeof v === 'string' && v.startsWith('States.')) {
      const error = validateIntrinsic(v);
      if (error) problems.push({ path: `${path}.${key}`, message: error });
    } else checkPayloadTemplate(v, `${path}.${key}`, problems);
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Assign is an object whose keys are variable names (JSONPath keys may end in `.$`). */
export function checkAssignNames(
  assign: unknown,
  ql: QueryLanguage,
  field: string,
  problem: (f: string, m: string) => void,
) {
  if (!isObject(assign)) {
    problem(field, 'Assign must be a JSON object.');
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = ql === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name) || name.length > 80)
      problem(
        `${field}.${key}`,
        `"${name}" is not a valid variable name (letters, digits and _, at most 80, not starting with a digit).`,
      );
    else if (name === 'states') problem(`${field}.${key}`, '"states" is reserved for $states.');
  }
}

export function branchQl(
  machine: Record<string, any>,
  ql: QueryLanguage,
  problems: Problem[],
  path: string,
): QueryLanguage {
  const own = machine.QueryLanguage;
  if (own === undefined) return ql;
  if (own === 'JSONPath' && ql === 'JSONata') {
    problems.push({
      path: `${path}.QueryLanguage`,
      message: 'JSONPath cannot be used inside a JSONata scope.',
    });
    return ql;
  }
  return own === 'JSONata' ? 'JSONata' : 'JSONPath';
}

export function checkTimeouts(
  raw: Record<string, any>,
  ql: QueryLanguage,
  problem: (f: string, m: string) => void,
) {
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) {
    const v = raw[field];
    if (v === undefined || (ql === 'JSONata' && isExpression(v))) continue;
    if (!(Number.isInteger(v) && v > 0 && v <= 99_999_999))
      problem(field, `${field} must be a positive integer.`);
  }
  if (
    Number.isInteger(raw.TimeoutSeconds) &&
    Number.isInteger(raw.HeartbeatSeconds) &&
    raw.HeartbeatSeconds >= raw.TimeoutSeconds
  )
    problem('HeartbeatSeconds', 'HeartbeatSeconds must be smaller than TimeoutSeconds.');
}

export function checkErrorEquals(
  value: unknown,
  field: string,
  last: boolean,
  problem: (f: string, m: string) => void,
): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((e) => typeof e === 'string')) {
    problem(`${field}.ErrorEquals`, 'ErrorEquals must be a non-empty array of error names.');
    return [];
  }
  if (value.includes('States.ALL')) {
    if (value.length > 1) problem(`${field}.ErrorEquals`, 'States.ALL must appear alone in ErrorEquals.');
    if (!last) problem(`${field}.ErrorEquals`, 'A States.ALL entry must be the last one.');
  }
  return value as string[];
}

export function compileRetrier(
  raw: unknown,
  field: string,
  last: boolean,
  node: StateNode,
  problem: (f: string, m: string) => void,
) {
  if (!isObject(raw)) return problem(field, 'A retrier must be an object.');
  const errorEquals = checkErrorEquals(raw.ErrorEquals, field, last, problem);
  const num = (key: string, dflt: number, ok: (n: number) => boolean, rule: string) => {
    const v = raw[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !ok(v)) problem(`${field}.${key}`, rule);
    return v as number;
  };
  const retrier: Retrier = {
    errorEquals,
    intervalSeconds: num(
      'IntervalSeconds',
      1,
      (n) => Number.isInteger(n) && n >= 1 && n <= 99_999_999,
      'IntervalSeconds must be a positive integer.',
    ),
    maxAttempts: num(
      'MaxAttempts',
      3,
      (n) => Number.isInteger(n) && n >= 0 && n <= 99_999_999,
      'MaxAttempts must be a non-negative integer.',
    ),
    backoffRate: num('BackoffRate', 2, (n) => n >= 1, 'BackoffRate must be at least 1.0.'),
    maxDelaySeconds:
      raw.MaxDelaySeconds === undefined
        ? undefined
        : num(
            'MaxDelaySeconds',
            0,
            (n) => Number.isInteger(n) && n > 0 && n < 31_622_401,
            'MaxDelaySeconds must be an integer between 1 and 31622400.',
          ),
    jitter: raw.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
  };
  if (raw.JitterStrategy !== undefined && raw.JitterStrategy !== 'FULL' && raw.JitterStrategy !== 'NONE')
    problem(`${field}.JitterStrategy`, 'JitterStrategy must be FULL or NONE.');
  node.retry.push(retrier);
}

export function compileCatcher(
  raw: unknown,
  field: string,
  last: boolean,
  node: StateNode,
  ql: QueryLanguage,
  problem: (f: string, m: string) => void,
  path: string,
  problems: Problem[],
) {
  if (!isObject(raw)) return problem(field, 'A catcher must be an object.');
  const errorEquals = checkErrorEquals(raw.ErrorEquals, field, last, problem);
  if (typeof raw.Next !== 'string') problem(`${field}.Next`, 'A catcher needs Next.');
  const catcher: Catcher = { errorEquals, next: raw.Next };
  if (ql === 'JSONata') {
    if ('ResultPath' in raw)
      problem(`${field}.ResultPath`, 'ResultPath is not supported in JSONata states; use Output.');
    catcher.output = 'Output' in raw ? templateOrProblem(raw.Output, `${path}.Output`, problems) : undefined;
    catcher.assign = 'Assign' in raw ? templateOrProblem(raw.Assign, `${path}.Assign`, problems) : undefined;
  } else {
    if ('Output' in raw)
      problem(`${field}.Output`, 'Output is not supported in JSONPath states; use ResultPath.');
    catcher.resultPath = 'ResultPath' in raw ? raw.ResultPath : '$';
    catcher.rawAssign = raw.Assign;
  }
  node.catch.push(catcher);
}

export function templateOrProblem(value: unknown, path: string, problems: Problem[]): Template | undefined {
  const found: { path: string; text: string }[] = [];
  findExpressions(value, path, found);
  let ok = true;
  for (const e of found) {
    try {
      compileExpression(e.text);
    } catch (err) {
      ok = false;
      problems.push({ path: e.path, message: `JSONata syntax error: ${(err as Error).message}` });
    }
  }
  return ok ? compileTemplate(value) : undefined;
}

export function compileChoices(node: StateNode, ql: QueryLanguage, problem: (f: string, m: string) => void) {
  const raw = node.raw;
  if ('Default' in raw) {
    if (typeof raw.Default !== 'string') problem('Default', 'Default must name a state.');
    else node.defaultNext = raw.Default;
  }
  if (!Array.isArray(raw.Choices) || raw.Choices.length === 0) {
    problem('Choices', 'A Choice state needs a non-empty Choices array.');
    return;
  }
  raw.Choices.forEach((rule: unknown, i: number) => {
    const field = `Choices[${i}]`;
    if (!isObject(rule)) {
      problem(field, 'A choice rule must be an object.');
      return;
    }
    if (typeof rule.Next !== 'string') problem(`${field}.Next`, 'A choice rule needs Next.');
    const compiled: ChoiceRule = { raw: rule, next: rule.Next };
    if (ql === 'JSONata') {
      if (!('Condition' in rule)) problem(`${field}.Condition`, 'A JSONata choice rule needs a Condition.');
      else if (typeof rule.Condition === 'boolean')
        compiled.condition = { kind: 'const', value: rule.Condition };
      else if (!isExpression(rule.Condition))
        problem(`${field}.Condition`, 'Condition must be a {% %} JSONata expression.');
      for (const f of ['Condition', 'Assign', 'Output'] as const) {
        if (!(f in rule) || (f === 'Condition' && !isExpression(rule.Condition))) continue;
        const found: { path: string; text: string }[] = [];
        findExpressions(rule[f], f, found);
        let ok = true;
        for (const e of found) {
          try {
            compileExpression(e.text);
          } catch (err) {
            ok = false;
            problem(`${field}.${e.path}`, `JSONata syntax error: ${(err as Error).message}`);
          }
        }
        if (ok)
          compiled[f === 'Condition' ? 'condition' : f === 'Assign' ? 'assign' : 'output'] = compileTemplate(
            rule[f],
          );
      }
    } else {
      if ('Condition' in rule) problem(`${field}.Condition`, 'Condition is only for JSONata states.');
      checkJsonPathRule(rule, field, problem, true);
    }
    node.choices.push(compiled);
  });
}

const COMPARISONS = new Set(
  ['String', 'Numeric', 'Timestamp'].flatMap((k) =>
    ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'].flatMap((op) => [
      `${k}${op}`,
      `${k}${op}Path`,
    ]),
  ),
);
for (const op of [
  'BooleanEquals',
  'BooleanEqualsPath',
  'StringMatches',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
])
  COMPARISONS.add(op);

export function checkJsonPathRule(
  rule: Record<string, any>,
  field: string,
  problem: (f: string, m: string) => void,
  top: boolean,
) {
  if (top && 'Assign' in rule && !isObject(rule.Assign))
    problem(`${field}.Assign`, 'Assign must be an object.');
  if (Array.isArray(rule.And) || Array.isArray(rule.Or)) {
    const key = Array.isArray(rule.And) ? 'And' : 'Or';
    for (const [i, r] of (rule[key] as unknown[]).entries()) {
      if (isObject(r)) checkJsonPathRule(r, `${field}.${key}[${i}]`, problem, false);
      else problem(`${field}.${key}[${i}]`, 'Must be a rule object.');
    }
    return;
  }
  if (isObject(rule.Not)) return checkJsonPathRule(rule.Not, `${field}.Not`, problem, false);
  const ops = Object.keys(rule).filter((k) => COMPARISONS.has(k));
  if (ops.length !== 1)
    problem(field, 'A choice rule needs exactly one comparison operator (or And, Or, Not).');
  if (typeof rule.Variable !== 'string') problem(`${field}.Variable`, 'A comparison needs a Variable path.');
}
