import { isReferencePath } from './jsonpath/index.ts';
import { compileExpression, compileTemplate, findExpressions, isExpression } from './jsonata.ts';

import {
  type Problem,
  type QueryLanguage,
  type StateNode,
  STATE_TYPES,
  compileMachine,
  isObject,
} from './definition.ts';
import {
  branchQl,
  checkAssignNames,
  checkPayloadTemplate,
  checkTimeouts,
  compileCatcher,
  compileChoices,
  compileRetrier,
} from './definition-fields.ts';

// One state of a definition: its fields checked against its type and query language, its
// templates compiled.

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

export function compileState(
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
