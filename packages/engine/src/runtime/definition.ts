import { InvalidDefinitionError } from './errors.ts';
import { isReferencePath, validateIntrinsic } from './jsonpath/index.ts';
import {
  type Template,
  compileExpression,
  compileTemplate,
  findExpressions,
  isExpression,
} from './jsonata.ts';

// A definition parsed and validated once, with every JSONata template compiled, so the
// interpreter never re-reads the JSON text per transition.

export type QueryLanguage = 'JSONata' | 'JSONPath';
export type StateType = 'Task' | 'Choice' | 'Wait' | 'Parallel' | 'Map' | 'Pass' | 'Succeed' | 'Fail';
const STATE_TYPES = new Set<string>(['Task', 'Choice', 'Wait', 'Parallel', 'Map', 'Pass', 'Succeed', 'Fail']);

export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: 'FULL' | 'NONE';
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  resultPath?: string | null;
  output?: Template;
  assign?: Template;
  /** JSONPath-mode Assign template (raw). */
  rawAssign?: unknown;
}

export interface ChoiceRule {
  raw: Record<string, unknown>;
  next: string;
  condition?: Template;
  assign?: Template;
  output?: Template;
}

export interface StateNode {
  name: string;
  type: StateType;
  queryLanguage: QueryLanguage;
  /** The state's JSON as written. */
  raw: Record<string, any>;
  next?: string;
  end: boolean;
  /** JSONata fields compiled by name (Arguments, Output, Assign, Items, Seconds, …). */
  templates: Record<string, Template>;
  retry: Retrier[];
  catch: Catcher[];
  choices: ChoiceRule[];
  defaultNext?: string;
  branches: Machine[];
  processor?: Machine;
}

export interface Machine {
  startAt: string;
  states: Map<string, StateNode>;
}

export interface Definition {
  text: string;
  machine: Machine;
  queryLanguage: QueryLanguage;
  timeoutSeconds?: number;
}

export type Problem = { path: string; message: string };

const cache = new Map<string, Definition>();

/** Parses, validates (every problem at once) and compiles a definition. Cached by text. */
export function loadDefinition(definition: string | object): Definition {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const cached = cache.get(text);
  if (cached) return cached;
  let json: unknown;
  try {
    json = typeof definition === 'string' ? JSON.parse(definition) : definition;
  } catch (err) {
    throw new InvalidDefinitionError([{ path: '$', message: `Not valid JSON: ${(err as Error).message}` }]);
  }
  const problems: Problem[] = [];
  const result = compileRoot(json, problems);
  if (problems.length > 0 || !result) throw new InvalidDefinitionError(problems);
  const def: Definition = { text, ...result };
  if (cache.size > 500) cache.clear();
  cache.set(text, def);
  return def;
}

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function compileRoot(json: unknown, problems: Problem[]) {
  if (!isObject(json)) {
    problems.push({ path: '$', message: 'A state machine definition must be a JSON object.' });
    return undefined;
  }
  const ql = json.QueryLanguage ?? 'JSONPath';
  if (ql !== 'JSONata' && ql !== 'JSONPath')
    problems.push({
      path: 'QueryLanguage',
      message: `Must be "JSONata" or "JSONPath", got ${JSON.stringify(ql)}.`,
    });
  const timeout = json.TimeoutSeconds;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0))
    problems.push({ path: 'TimeoutSeconds', message: 'Must be a positive integer.' });
  const machine = compileMachine(json, '', ql === 'JSONata' ? 'JSONata' : 'JSONPath', problems);
  return { machine, queryLanguage: ql as QueryLanguage, timeoutSeconds: timeout as number | undefined };
}

function compileMachine(
  json: Record<string, any>,
  prefix: string,
  ql: QueryLanguage,
  problems: Problem[],
): Machine {
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const states = new Map<string, StateNode>();
  if (typeof json.StartAt !== 'string')
    problems.push({ path: at('StartAt'), message: 'StartAt must name a state.' });
  if (!isObject(json.States) || Object.keys(json.States).length === 0) {
    problems.push({ path: at('States'), message: 'States must be an object with at least one state.' });
    return { startAt: String(json.StartAt), states };
  }
  for (const [name, raw] of Object.entries(json.States)) {
    const node = compileState(name, raw, at(`States.${name}`), ql, problems);
    if (node) states.set(name, node);
  }
  if (typeof json.StartAt === 'string' && !(json.StartAt in json.States))
    problems.push({ path: at('StartAt'), message: `StartAt names "${json.StartAt}", which is not a state.` });
  // Transitions must land on states of this same machine, and every state must be reachable.
  const targets = (s: StateNode) => [
    ...(s.next !== undefined ? [['Next', s.next]] : []),
    ...(s.defaultNext !== undefined ? [['Default', s.defaultNext]] : []),
    ...s.choices.map((c, i) => [`Choices[${i}].Next`, c.next]),
    ...s.catch.map((c, i) => [`Catch[${i}].Next`, c.next]),
  ];
  for (const s of states.values())
    for (const [field, target] of targets(s))
      if (!states.has(target) && !(target in json.States))
        problems.push({
          path: at(`States.${s.name}.${field}`),
          message: `Names "${target}", which is not a state here.`,
        });
  const reached = new Set<string>();
  const queue = typeof json.StartAt === 'string' ? [json.StartAt] : [];
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    const s = states.get(name);
    if (s) for (const [, t] of targets(s)) queue.push(t);
  }
  for (const name of Object.keys(json.States))
    if (!reached.has(name) && typeof json.StartAt === 'string' && json.StartAt in json.States)
      problems.push({
        path: at(`States.${name}`),
        message: `State "${name}" is not reachable from StartAt.`,
      });
  return { startAt: json.StartAt, states };
}

const JSONPATH_ONLY = ['InputPath', 'OutputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'ItemsPath'];
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];
const PATH_FIELDS = [
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'ErrorPath',
  'CausePath',
];
const TEMPLATE_FIELDS = [
  'Arguments',
  'Output',
  'Assign',
  'Items',
  'ItemSelector',
  'Seconds',
  'Timestamp',
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'MaxConcurrency',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
  'Error',
  'Cause',
];

function compileState(
  name: string,
  raw: unknown,
  path: string,
  parentQl: QueryLanguage,
  problems: Problem[],
): StateNode | undefined {
  const problem = (field: string, message: string) =>
    problems.push({ path: field ? `${path}.${field}` : path, message });
  if (!isObject(raw)) {
    problem('', 'A state must be a JSON object.');
    return undefined;
  }
  if (name.length > 80) problem('', 'State names are at most 80 characters.');
  const type = raw.Type;
  if (!STATE_TYPES.has(type)) {
    problem(
      'Type',
      `Unknown state type ${JSON.stringify(type)}; expected one of ${[...STATE_TYPES].join(', ')}.`,
    );
    return undefined;
  }
  let ql: QueryLanguage = parentQl;
  if (raw.QueryLanguage !== undefined) {
    if (raw.QueryLanguage !== 'JSONata' && raw.QueryLanguage !== 'JSONPath')
      problem('QueryLanguage', 'Must be "JSONata" or "JSONPath".');
    else if (parentQl === 'JSONata' && raw.QueryLanguage === 'JSONPath')
      problem('QueryLanguage', 'A JSONPath state cannot be used when the state machine uses JSONata.');
    else ql = raw.QueryLanguage;
  }
  const node: StateNode = {
    name,
    type,
    queryLanguage: ql,
    raw,
    end: raw.End === true,
    templates: {},
    retry: [],
    catch: [],
    choices: [],
    branches: [],
  };

  // Field placement per query language.
  for (const f of ql === 'JSONata' ? [...JSONPATH_ONLY, ...PATH_FIELDS] : JSONATA_ONLY)
    if (f in raw) problem(f, `The field "${f}" is not supported in ${ql} states.`);
  if (ql === 'JSONata') {
    for (const field of TEMPLATE_FIELDS) {
      if (!(field in raw)) continue;
      const found: { path: string; text: string }[] = [];
      findExpressions(raw[field], `${path}.${field}`, found);
      let ok = true;
      for (const e of found) {
        try {
          compileExpression(e.text);
        } catch (err) {
          ok = false;
          problems.push({ path: e.path, message: `JSONata syntax error: ${(err as Error).message}` });
        }
      }
      if (ok) node.templates[field] = compileTemplate(raw[field]);
    }
  } else {
    if ('Assign' in raw) node.templates.Assign = { kind: 'const', value: raw.Assign };
    for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign'])
      if (field in raw) checkPayloadTemplate(raw[field], `${path}.${field}`, problems);
    if (typeof raw.ResultPath === 'string' && !isReferencePath(raw.ResultPath))
      problem('ResultPath', `"${raw.ResultPath}" is not a reference path (no filters or wildcards).`);
  }
  if ('Assign' in raw) checkAssignNames(raw.Assign, ql, 'Assign', problem);

  // Transitions.
  const terminal = type === 'Succeed' || type === 'Fail';
  if (type === 'Choice') {
    if ('Next' in raw || 'End' in raw) problem('', 'A Choice state cannot have Next or End.');
  } else if (terminal) {
    if ('Next' in raw || 'End' in raw) problem('', `A ${type} state cannot have Next or End.`);
  } else if ('Next' in raw && raw.End === true) problem('', 'A state cannot have both Next and End.');
  else if (typeof raw.Next === 'string') node.next = raw.Next;
  else if (raw.End !== true) problem('', 'A state needs Next or "End": true.');

  switch (type) {
    case 'Task':
      if (typeof raw.Resource !== 'string' || !raw.Resource)
        problem('Resource', 'A Task needs a Resource string.');
      checkTimeouts(raw, ql, problem);
      break;
    case 'Choice':
      compileChoices(node, ql, problem);
      break;
    case 'Wait': {
      const forms = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((f) => f in raw);
      if (forms.length !== 1)
        problem('', 'A Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath.');
      if (
        'Seconds' in raw &&
        !isExpression(raw.Seconds) &&
        !(Number.isInteger(raw.Seconds) && raw.Seconds >= 0)
      )
        problem('Seconds', 'Seconds must be a non-negative integer.');
      if ('Timestamp' in raw && !isExpression(raw.Timestamp) && Number.isNaN(Date.parse(raw.Timestamp)))
        problem('Timestamp', 'Timestamp must be an RFC 3339 timestamp such as 2016-08-18T17:33:00Z.');
      break;
    }
    case 'Parallel':
      if (!Array.isArray(raw.Branches) || raw.Branches.length === 0)
        problem('Branches', 'A Parallel state needs a non-empty Branches array.');
      else
        raw.Branches.forEach((b: unknown, i: number) => {
          if (!isObject(b)) problem(`Branches[${i}]`, 'A branch must be an object with StartAt and States.');
          else
            node.branches.push(
              compileMachine(
                b,
                `${path}.Branches[${i}]`,
                branchQl(b, ql, problems, `${path}.Branches[${i}]`),
                problems,
              ),
            );
        });
      break;
    case 'Map': {
      const proc = raw.ItemProcessor ?? raw.Iterator;
      const field = raw.ItemProcessor ? 'ItemProcessor' : 'Iterator';
      if (!isObject(proc))
        problem('ItemProcessor', 'A Map state needs an ItemProcessor with StartAt and States.');
      else {
        const mode = proc.ProcessorConfig?.Mode;
        if (mode !== undefined && mode !== 'INLINE')
          problem(
            `${field}.ProcessorConfig.Mode`,
            `Only INLINE Map runs locally; got ${JSON.stringify(mode)}.`,
          );
        node.processor = compileMachine(
          proc,
          `${path}.${field}`,
          branchQl(proc, ql, problems, `${path}.${field}`),
          problems,
        );
      }
      if (
        'MaxConcurrency' in raw &&
        !isExpression(raw.MaxConcurrency) &&
        !(Number.isInteger(raw.MaxConcurrency) && raw.MaxConcurrency >= 0)
      )
        problem('MaxConcurrency', 'MaxConcurrency must be a non-negative integer.');
      break;
    }
    case 'Fail':
      if ('Error' in raw && 'ErrorPath' in raw)
        problem('', 'A Fail state cannot have both Error and ErrorPath.');
      if ('Cause' in raw && 'CausePath' in raw)
        problem('', 'A Fail state cannot have both Cause and CausePath.');
      break;
  }
  if (type === 'Pass' && ql === 'JSONPath' && 'Result' in raw && raw.Result === undefined)
    problem('Result', 'Result must be JSON.');

  // Retry and Catch.
  const retries = raw.Retry;
  if (retries !== undefined) {
    if (!['Task', 'Parallel', 'Map'].includes(type)) problem('Retry', `A ${type} state cannot have Retry.`);
    else if (!Array.isArray(retries)) problem('Retry', 'Retry must be an array.');
    else
      for (const [i, r] of retries.entries())
        compileRetrier(r, `Retry[${i}]`, i === retries.length - 1, node, problem);
  }
  const catches = raw.Catch;
  if (catches !== undefined) {
    if (!['Task', 'Parallel', 'Map'].includes(type)) problem('Catch', `A ${type} state cannot have Catch.`);
    else if (!Array.isArray(catches)) problem('Catch', 'Catch must be an array.');
    else
      for (const [i, c] of (catches as unknown[]).entries())
        compileCatcher(
          c,
          `Catch[${i}]`,
          i === catches.length - 1,
          node,
          ql,
          problem,
          `${path}.Catch[${i}]`,
          problems,
        );
  }
  return node;
}

/** Intrinsic functions in `.$` values must parse (AWS rejects them at CreateStateMachine). */
function checkPayloadTemplate(value: unknown, path: string, problems: Problem[]): void {
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
function checkAssignNames(
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

function branchQl(
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

function checkTimeouts(raw: Record<string, any>, ql: QueryLanguage, problem: (f: string, m: string) => void) {
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

function checkErrorEquals(
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

function compileRetrier(
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

function compileCatcher(
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

function templateOrProblem(value: unknown, path: string, problems: Problem[]): Template | undefined {
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

function compileChoices(node: StateNode, ql: QueryLanguage, problem: (f: string, m: string) => void) {
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

function checkJsonPathRule(
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
