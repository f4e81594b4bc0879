// Reads a pattern's JSON text into match branches, following aws/event-ruler's
// `JsonRuleCompiler` step by step, so that every invalid pattern fails with the same reason at
// the same parser location as EventBridge. `$or` forks branches: the result is a list of
// branches, each mapping a dotted field path to the values that field may match (ORed).

import { CidrError, type IpRange, looksLikeIp, parseCidr, parseIp } from './ip.ts';
import { type JsonReader, JsonParseError, type JsonToken } from './json-reader.ts';
import { MAX_MILLIONTHS, NotComparable, toMillionths } from './numbers.ts';
import { wildcardSyntaxError } from './wildcard.ts';

/** One way a field's value may match. */
export type ValueMatcher =
  | { kind: 'exact-string'; value: string }
  | { kind: 'exact-number'; text: string; millionths?: number }
  | { kind: 'exact-literal'; value: null | boolean }
  | { kind: 'ip'; range: IpRange }
  | { kind: 'prefix' | 'suffix' | 'equals-ignore-case'; value: string; ignoreCase: boolean }
  | { kind: 'wildcard'; value: string }
  | { kind: 'anything-but'; strings: string[]; numbers: number[] }
  | {
      kind: 'anything-but-set';
      op: 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';
      values: string[];
    }
  | { kind: 'numeric'; bottom: number; openBottom: boolean; top: number; openTop: boolean }
  | { kind: 'exists'; exists: boolean };

export type Branch = Map<string, ValueMatcher[]>;

/** A failure whose reason carries no parser location (Java exceptions other than Jackson's). */
export class PlainRuleError extends Error {}

const OR = '$or';
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

export function compileRule(p: JsonReader): Branch[] {
  const rules: Branch[] = [];
  if (p.nextToken() !== 'START_OBJECT') p.fail('Filter is not an object');
  parseObject(rules, [], p, false);
  // Like Jackson's `close()`: anything after the root object is not read.
  return rules;
}

function parseObject(rules: Branch[], path: string[], p: JsonReader, insideOr: boolean): void {
  let fieldsPresent = false;
  while (p.nextToken() !== 'END_OBJECT') {
    fieldsPresent = true;
    const name = p.currentName;
    if (name === OR) {
      parseOr(rules, path, p);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(name)) {
      p.fail(`${name} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    }
    switch (p.nextToken()) {
      case 'START_OBJECT':
        path.push(name);
        parseObject(rules, path, p, insideOr);
        path.pop();
        break;
      case 'START_ARRAY':
        writeRules(rules, [...path, name].join('.'), p);
        break;
      default:
        p.fail(`"${name}" must be an object or an array`);
    }
  }
  if (!fieldsPresent) p.fail('Empty objects are not allowed');
}

function parseOr(rules: Branch[], path: string[], p: JsonReader): void {
  const current = rules.map((r) => new Map(r));
  rules.length = 0;
  if (p.nextToken() !== 'START_ARRAY') p.fail(`It must be an Array followed with ${OR}.`);
  let count = 0;
  let token: JsonToken | null;
  for (;;) {
    token = p.nextToken();
    if (token === 'END_ARRAY') break;
    count++;
    if (token !== 'START_OBJECT') {
      p.fail(`Only JSON object is allowed in array of ${OR} relationship.`);
    }
    const forked = current.map((r) => new Map(r));
    if (forked.length === 0) forked.push(new Map());
    parseObject(forked, path, p, true);
    rules.push(...forked);
  }
  if (count < 2) p.fail(`There must have at least 2 Objects in ${OR} relationship.`);
}

function writeRules(rules: Branch[], name: string, p: JsonReader): void {
  const values: ValueMatcher[] = [];
  for (;;) {
    const token = p.nextToken();
    if (token === 'END_ARRAY') break;
    switch (token) {
      case 'START_OBJECT':
        values.push(matchExpression(p));
        break;
      case 'VALUE_STRING': {
        const text = p.getText();
        const ip = looksLikeIp(text) ? parseIp(text) : undefined;
        values.push(
          ip ? { kind: 'ip', range: { bottom: ip, top: ip } } : { kind: 'exact-string', value: text },
        );
        break;
      }
      case 'VALUE_NUMBER_INT':
      case 'VALUE_NUMBER_FLOAT': {
        const text = p.getText();
        let millionths: number | undefined;
        try {
          millionths = toMillionths(text);
        } catch {
          // Not comparable (an account number, say): it still matches by its text.
        }
        values.push({ kind: 'exact-number', text, millionths });
        break;
      }
      case 'VALUE_NULL':
        values.push({ kind: 'exact-literal', value: null });
        break;
      case 'VALUE_TRUE':
      case 'VALUE_FALSE':
        values.push({ kind: 'exact-literal', value: token === 'VALUE_TRUE' });
        break;
      default:
        p.fail('Match value must be String, number, true, false, or null');
    }
  }
  if (values.length === 0) p.fail('Empty arrays are not allowed');
  if (rules.length === 0) rules.push(new Map());
  // A repeated key replaces the earlier one (AWS: "the last reference will be the one used").
  for (const rule of rules) rule.set(name, values);
}

function endOfExpression(p: JsonReader): void {
  if (p.nextToken() !== 'END_OBJECT') p.fail('Only one key allowed in match expression');
}

function stringOperand(p: JsonReader, message: string): string {
  if (p.nextToken() !== 'VALUE_STRING') p.fail(message);
  return p.getText();
}

function matchExpression(p: JsonReader): ValueMatcher {
  if (p.nextToken() !== 'FIELD_NAME') p.fail('Match expression name not found');
  const op = p.currentName;
  switch (op) {
    case 'exactly': {
      const value = stringOperand(p, 'exact match pattern must be a string');
      endOfExpression(p);
      return { kind: 'exact-string', value };
    }
    case 'prefix':
    case 'suffix': {
      const token = p.nextToken();
      if (token === 'START_OBJECT') return affixIgnoreCase(p, op);
      if (token !== 'VALUE_STRING') p.fail(`${op} match pattern must be a string`);
      const value = p.getText();
      endOfExpression(p);
      return { kind: op, value, ignoreCase: false };
    }
    case 'numeric': {
      if (p.nextToken() !== 'START_ARRAY') p.fail('Value of numeric must be an array.');
      const range = numericExpression(p);
      if (p.nextToken() !== 'END_OBJECT') tooManyElements(p);
      return range;
    }
    case 'anything-but':
      return anythingBut(p);
    case 'exists': {
      const token = p.nextToken();
      if (token !== 'VALUE_TRUE' && token !== 'VALUE_FALSE') {
        p.fail('exists match pattern must be either true or false.');
      }
      endOfExpression(p);
      return { kind: 'exists', exists: token === 'VALUE_TRUE' };
    }
    case 'cidr': {
      // event-ruler's message here really does say "prefix".
      const text = stringOperand(p, 'prefix match pattern must be a string');
      let range: IpRange;
      try {
        range = parseCidr(text);
      } catch (e) {
        if (e instanceof CidrError) throw new PlainRuleError(e.message);
        throw e;
      }
      endOfExpression(p);
      return { kind: 'ip', range };
    }
    case 'equals-ignore-case': {
      const value = stringOperand(p, 'equals-ignore-case match pattern must be a string');
      endOfExpression(p);
      return { kind: 'equals-ignore-case', value, ignoreCase: true };
    }
    case 'wildcard': {
      const value = stringOperand(p, 'wildcard match pattern must be a string');
      const error = wildcardSyntaxError(value);
      if (error) p.fail(error);
      endOfExpression(p);
      return { kind: 'wildcard', value };
    }
    default:
      return p.fail(`Unrecognized match type ${op}`);
  }
}

function affixIgnoreCase(p: JsonReader, op: 'prefix' | 'suffix'): ValueMatcher {
  const label = op === 'prefix' ? 'Prefix' : 'Suffix';
  if (p.nextToken() !== 'FIELD_NAME') p.fail(`${label} expression name not found`);
  if (p.currentName !== 'equals-ignore-case') p.fail(`Unsupported ${op} pattern: ${p.currentName}`);
  const value = stringOperand(p, 'equals-ignore-case match pattern must be a string');
  endOfExpression(p);
  endOfExpression(p);
  return { kind: op, value, ignoreCase: true };
}

function tooManyElements(p: JsonReader): never {
  return p.fail('Too many elements in numeric expression');
}

/** Runs `generate`, turning its Java exceptions into what the compiler reports. */
function millionths(p: JsonReader, text: string): number {
  try {
    return toMillionths(text);
  } catch (e) {
    if (e instanceof NotComparable && e.javaType === 'IllegalArgumentException') {
      return p.fail(e.message);
    }
    if (e instanceof NotComparable) throw new PlainRuleError(e.message);
    throw e;
  }
}

function isNumber(token: JsonToken | null): boolean {
  return token === 'VALUE_NUMBER_INT' || token === 'VALUE_NUMBER_FLOAT';
}

function range(
  p: JsonReader,
  bottom: number,
  openBottom: boolean,
  top: number,
  openTop: boolean,
): ValueMatcher {
  if (bottom >= top) p.fail('Bottom must be less than top');
  return { kind: 'numeric', bottom, openBottom, top, openTop };
}

function numericExpression(p: JsonReader): ValueMatcher {
  if (p.nextToken() !== 'VALUE_STRING') p.fail(`Invalid member in numeric match: ${p.getText()}`);
  const operator = p.getText();
  let token = p.nextToken();
  // Like event-ruler, operands are converted only once the whole expression is read, so a
  // conversion error is reported after the closing bracket.
  switch (operator) {
    case '=': {
      if (!isNumber(token)) p.fail('Value of equals must be numeric');
      const text = p.getText();
      if (p.nextToken() !== 'END_ARRAY') tooManyElements(p);
      const value = millionths(p, text);
      return { kind: 'numeric', bottom: value, openBottom: false, top: value, openTop: false };
    }
    case '>=':
    case '>': {
      if (!isNumber(token)) p.fail(`Value of ${operator} must be numeric`);
      const bottomText = p.getText();
      token = p.nextToken();
      if (token === 'END_ARRAY') {
        return range(p, millionths(p, bottomText), operator === '>', MAX_MILLIONTHS, false);
      }
      if (token !== 'VALUE_STRING') p.fail(`Bad value in numeric range: ${p.getText()}`);
      const upper = p.getText();
      if (upper !== '<' && upper !== '<=') p.fail(`Bad numeric range operator: ${upper}`);
      if (!isNumber(p.nextToken())) p.fail(`Value of ${upper} must be numeric`);
      const topText = p.getText();
      if (p.nextToken() !== 'END_ARRAY') p.fail('Too many terms in numeric range expression');
      const bottom = millionths(p, bottomText);
      const top = millionths(p, topText);
      return range(p, bottom, operator === '>', top, upper === '<');
    }
    case '<=':
    case '<': {
      if (!isNumber(token)) p.fail(`Value of ${operator} must be numeric`);
      const topText = p.getText();
      if (p.nextToken() !== 'END_ARRAY') tooManyElements(p);
      return range(p, -MAX_MILLIONTHS, false, millionths(p, topText), operator === '<');
    }
    default:
      return p.fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

type AnythingButOp = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';

function anythingBut(p: JsonReader): ValueMatcher {
  let op: AnythingButOp | undefined;
  let token = p.nextToken();
  if (token === 'START_OBJECT') {
    if (p.nextToken() !== 'FIELD_NAME') p.fail('Anything-But expression name not found');
    const name = p.currentName;
    if (name !== 'equals-ignore-case' && name !== 'prefix' && name !== 'suffix' && name !== 'wildcard') {
      p.fail(`Unsupported anything-but pattern: ${name}`);
    }
    op = name;
    token = p.nextToken();
  }
  if (token !== 'START_ARRAY' && token !== 'VALUE_STRING' && !isNumber(token)) {
    p.fail('Value of anything-but must be an array or single string/number value.');
  }
  let matcher: ValueMatcher;
  if (token === 'START_ARRAY') {
    matcher = op ? anythingButSetList(p, op) : anythingButList(p);
  } else if (op) {
    matcher = anythingButSetSingle(p, token, op);
  } else {
    matcher = anythingButSingle(p, token);
  }
  if (p.nextToken() !== 'END_OBJECT') tooManyElements(p);
  if (op && p.nextToken() !== 'END_OBJECT') tooManyElements(p);
  return matcher;
}

/**
 * event-ruler catches the JsonParseException it throws inside these list loops and throws a
 * new one from its message: the reason then carries the location twice. We do the same.
 */
function rethrowWithLocation(p: JsonReader, e: unknown): never {
  if (e instanceof JsonParseError) return p.fail(e.message);
  if (e instanceof NotComparable && e.javaType === 'IllegalArgumentException') {
    return p.fail(e.message);
  }
  if (e instanceof NotComparable) throw new PlainRuleError(e.message);
  throw e;
}

function anythingButList(p: JsonReader): ValueMatcher {
  const strings: string[] = [];
  const numbers: number[] = [];
  try {
    for (;;) {
      const token = p.nextToken();
      if (token === 'END_ARRAY') break;
      if (token === 'VALUE_STRING') strings.push(p.getText());
      else if (isNumber(token)) numbers.push(toMillionths(p.getText()));
      else p.fail('Inside anything but list, start|null|boolean is not supported.');
    }
  } catch (e) {
    rethrowWithLocation(p, e);
  }
  if (strings.length > 0 === numbers.length > 0) {
    p.fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return { kind: 'anything-but', strings, numbers };
}

function anythingButSingle(p: JsonReader, token: JsonToken | null): ValueMatcher {
  if (token === 'VALUE_STRING') return { kind: 'anything-but', strings: [p.getText()], numbers: [] };
  // Outside a try block in event-ruler: a bad number escapes without a location.
  let value: number;
  try {
    value = toMillionths(p.getText());
  } catch (e) {
    if (e instanceof NotComparable) throw new PlainRuleError(e.message);
    throw e;
  }
  return { kind: 'anything-but', strings: [], numbers: [value] };
}

function wrongTypeInSet(op: AnythingButOp): string {
  if (op === 'equals-ignore-case') {
    return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
  }
  if (op === 'wildcard') return 'wildcard match pattern must be a string';
  return 'prefix/suffix match pattern must be a string';
}

function checkSetValue(p: JsonReader, op: AnythingButOp, text: string): void {
  if ((op === 'prefix' || op === 'suffix') && text === '') p.fail('Null prefix/suffix not allowed');
}

function anythingButSetList(p: JsonReader, op: AnythingButOp): ValueMatcher {
  const values: string[] = [];
  try {
    for (;;) {
      const token = p.nextToken();
      if (token === 'END_ARRAY') break;
      if (token !== 'VALUE_STRING') p.fail(wrongTypeInSet(op));
      const text = p.getText();
      checkSetValue(p, op, text);
      values.push(text);
    }
  } catch (e) {
    rethrowWithLocation(p, e);
  }
  if (op === 'wildcard') {
    for (const value of values) {
      const error = wildcardSyntaxError(value);
      if (error) p.fail(error);
    }
  }
  return { kind: 'anything-but-set', op, values };
}

function anythingButSetSingle(p: JsonReader, token: JsonToken | null, op: AnythingButOp): ValueMatcher {
  if (token !== 'VALUE_STRING') p.fail(wrongTypeInSet(op));
  const text = p.getText();
  checkSetValue(p, op, text);
  if (op === 'wildcard') {
    const error = wildcardSyntaxError(text);
    if (error) p.fail(error);
  }
  return { kind: 'anything-but-set', op, values: [text] };
}
