import { InvalidDefinitionError } from './errors.ts';
import type { Template } from './jsonata.ts';

import { checkVariableScopes } from './definition-scopes.ts';
import { compileState } from './definition-state.ts';
// A definition parsed and validated once, with every JSONata template compiled, so the
// interpreter never re-reads the JSON text per transition.

export type QueryLanguage = 'JSONata' | 'JSONPath';
export type StateType = 'Task' | 'Choice' | 'Wait' | 'Parallel' | 'Map' | 'Pass' | 'Succeed' | 'Fail';
export const STATE_TYPES = new Set<string>([
  'Task',
  'Choice',
  'Wait',
  'Parallel',
  'Map',
  'Pass',
  'Succeed',
  'Fail',
]);

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

export function isObject(v: unknown): v is Record<string, any> {
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
  checkVariableScopes(machine, problems);
  return { machine, queryLanguage: ql as QueryLanguage, timeoutSeconds: timeout as number | undefined };
}

export function compileMachine(
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
