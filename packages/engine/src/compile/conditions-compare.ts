// The comparisons of a compiled condition, each written as a typed fast path and a general branch:
//
//   $type($_0) = 'number' ? $_0 > 100 : (<helpers>; <general form>)
//
// The fast path decides with plain JSONata when the value has the type the rule expects (a number
// against a number, a text against a text…); the general branch reproduces JavaScript's coercions
// with the helpers of condition-helpers.ts, declared inside it so the fast path never binds them.
// Whatever can be decided by type alone (`=== 5`, `in` a written list, `starts_with` a written
// text, `is_empty`) has no general branch at all, and a comparison of literals is decided here.

import { helperDeclarations } from './condition-helpers.ts';
import { editorOperations } from './editor-operations.ts';
import { jsonataLiteral, jsonataText } from './jsonata-text.ts';

export type JsType = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object';

/** One value a comparison reads, written so that repeating it costs nothing: a name or a literal. */
export interface Operand {
  text: string;
  /** A `var` read without default: undefined when the field is absent, which json-logic reads as null. */
  missing: boolean;
  /** A value written in the rule. */
  literal?: { value: unknown };
  /** The JavaScript type, when known before the run. */
  type?: JsType;
  /** The value's identity (see condition-helpers.ts). */
  ref: string;
}

/** Gives fresh local names (`$_7`). */
export type NewLocal = () => string;
type Call = (helper: string, ...args: string[]) => string;

export type Relational = '<' | '<=' | '>' | '>=';
export type Equality = '==' | '!=' | '===' | '!==';

export function jsType(value: unknown): JsType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsType;
}

const isPrimitive = (value: unknown) => value === null || typeof value !== 'object';

/** `(<helper declarations>; expr)`: the helpers `build` calls, bound only when this branch runs. */
function general(build: (call: Call) => string): string {
  const used = new Set<string>();
  const expr = build((helper, ...args) => {
    used.add(helper);
    return `$${helper}(${args.join(',')})`;
  });
  const declarations = helperDeclarations(used);
  if (declarations.length === 0 || expr === 'true' || expr === 'false') return expr;
  return `(${declarations.join(';')};${expr})`;
}

/** The operand's value, with an absent field as null. */
function defined(a: Operand): string {
  return a.missing ? `($exists(${a.text})?${a.text}:null)` : a.text;
}

function knownType(a: Operand): JsType | undefined {
  return a.literal ? jsType(a.literal.value) : a.type;
}

function typeIs(a: Operand, type: JsType): string {
  const known = knownType(a);
  return known ? String(known === type) : `$type(${a.text})='${type}'`;
}

function typeIn(a: Operand, types: JsType[]): string {
  const known = knownType(a);
  if (known) return String(types.includes(known));
  return types.length === 1 ? typeIs(a, types[0]) : `$type(${a.text}) in ${jsonataLiteral(types)}`;
}

function choose(test: string, yes: string, no: string): string {
  if (test === 'true') return yes;
  if (test === 'false') return no;
  return `(${test}?${yes}:${no})`;
}

function and(...parts: string[]): string {
  if (parts.includes('false')) return 'false';
  const kept = parts.filter((p) => p !== 'true');
  if (kept.length === 0) return 'true';
  return kept.length === 1 ? kept[0] : `(${kept.join(' and ')})`;
}

function or(...parts: string[]): string {
  if (parts.includes('true')) return 'true';
  const kept = parts.filter((p) => p !== 'false');
  if (kept.length === 0) return 'false';
  return kept.length === 1 ? kept[0] : `(${kept.join(' or ')})`;
}

export function not(test: string): string {
  if (test === 'true' || test === 'false') return String(test === 'false');
  return `$not(${test})`;
}

/** null, or an absent field. */
function isNullish(a: Operand): string {
  const known = knownType(a);
  if (known) return String(known === 'null');
  return a.missing ? `($not($exists(${a.text})) or ${a.text}=null)` : `${a.text}=null`;
}

/** json-logic's truthiness: JavaScript's, except that an empty list is false. */
export function truthy(a: Operand): string {
  if (a.literal) return String(logicTruthy(a.literal.value));
  if (a.type === 'boolean') return a.text;
  // What JSONata finds true (`and`), JavaScript does too: a list it finds true has elements, an
  // object has keys. Of what it finds false, only lists with elements and objects are true.
  return `(${a.text} and true or $type(${a.text}) in ['object','array'] and ${a.text}!=[])`;
}

function logicTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** A comparison of values written in the rule, decided now, as json-logic-js would. */
function decide(op: string, values: unknown[]): string {
  // json-logic-js builds a new list for every list in the rule: none is identical to another.
  const [a, b, c] = values.map((v) => structuredClone(v)) as [number, number, number];
  const answers: Record<string, () => unknown> = {
    // biome-ignore lint/suspicious/noDoubleEquals: JavaScript's == is the semantics being reproduced
    '==': () => a == b,
    // biome-ignore lint/suspicious/noDoubleEquals: as above
    '!=': () => a != b,
    '===': () => a === b,
    '!==': () => a !== b,
    '<': () => (values.length === 3 ? a < b && b < c : a < b),
    '<=': () => (values.length === 3 ? a <= b && b <= c : a <= b),
    '>': () => a > b,
    '>=': () => a >= b,
    in: () => editorOperations.contains(b, a),
    contains: () => editorOperations.contains(a, b),
    starts_with: () => editorOperations.starts_with(a, b),
    ends_with: () => editorOperations.ends_with(a, b),
    is_empty: () => editorOperations.is_empty(a),
  };
  return String(logicTruthy(answers[op]()));
}

const allLiteral = (operands: Operand[]) => operands.every((o) => o.literal);
const literalValues = (operands: Operand[]) => operands.map((o) => o.literal?.value);

/** `==`, `!=`, `===`, `!==`. */
export function equality(op: Equality, x: Operand, y: Operand, local: NewLocal): string {
  if (allLiteral([x, y])) return decide(op, literalValues([x, y]));
  // With one literal, put it second.
  const [a, b] = x.literal ? [y, x] : [x, y];
  const same = op.length === 3 ? strictEqual(a, b, local) : looseEqual(a, b, local);
  return op.startsWith('!') ? not(same) : same;
}

// x == a written primitive: `x = value` when x has the value's type (then JSONata's = is
// JavaScript's), or else the coercions of the general branch, which never hold for that type. So
// `x = value or <general>` is exact, and a match costs one comparison.
function looseEqual(a: Operand, b: Operand, local: NewLocal): string {
  if (!b.literal) return looseEqualValues(a, b, local);
  const v = b.literal.value;
  if (v === null) return isNullish(a);
  if (typeof v === 'number') {
    return or(`${a.text}=${jsonataLiteral(v)}`, sameNumber(a, v, ['string', 'array', 'boolean']));
  }
  // x == true compares x with 1.
  if (typeof v === 'boolean') {
    return or(`${a.text}=${v}`, sameNumber(a, v ? 1 : 0, ['number', 'string', 'array']));
  }
  if (typeof v === 'string') return sameText(a, v, true);
  // A list or object written in the rule is no other value, but a primitive equals its text.
  return sameText(a, String(v), false);
}

/** a == n for a of the types given (null and objects never equal a number). */
function sameNumber(a: Operand, n: number, types: JsType[]): string {
  return and(
    typeIn(a, types),
    general((call) => `${call('_num', a.text)}=${jsonataLiteral(n)}`),
  );
}

/** a == text; `containers`: whether a list or object a may equal it (not when text is a written list's). */
function sameText(a: Operand, text: string, containers: boolean): string {
  const n = Number(text);
  return or(
    `${a.text}=${jsonataText(text)}`,
    // A number or boolean equals a text whose number it is.
    Number.isFinite(n) ? `${a.text}=${jsonataLiteral(n)}` : 'false',
    n === 1 || n === 0 ? `${a.text}=${n === 1}` : 'false',
    containers && text === '[object Object]' ? typeIs(a, 'object') : 'false',
    containers
      ? and(
          typeIs(a, 'array'),
          general((call) => `${call('_str', a.text)}=${jsonataText(text)}`),
        )
      : 'false',
  );
}

function looseEqualValues(a: Operand, b: Operand, local: NewLocal): string {
  const t = local();
  const slow = general((call) => call('_leq', defined(a), defined(b), a.ref, b.ref));
  return `(${t}:=$type(${a.text});${t}=$type(${b.text}) and ${t} in ['string','number','boolean']?${a.text}=${b.text}:${slow})`;
}

function strictEqual(a: Operand, b: Operand, local: NewLocal): string {
  if (b.literal) {
    const v = b.literal.value;
    if (v === null) return isNullish(a);
    // A list or object written in the rule is identical to nothing else.
    if (!isPrimitive(v)) return 'false';
    const known = knownType(a);
    if (known && known !== jsType(v)) return 'false';
    return `${a.text}=${jsonataLiteral(v)}`;
  }
  const t = local();
  const sameType = `${t} in ['array','object']?${a.ref}=${b.ref}:${a.text}=${b.text}`;
  // Types differ, or both are undefined: equal only as null and an absent field.
  const nullish = a.missing || b.missing ? and(isNullish(a), isNullish(b)) : 'false';
  return `(${t}:=$type(${a.text});${t}=$type(${b.text})?(${sameType}):${nullish})`;
}

/** `<`, `<=`, `>`, `>=` over two operands, or three (between: a < b < c). */
export function relational(op: Relational, operands: Operand[], local: NewLocal): string {
  if (allLiteral(operands)) return decide(op, literalValues(operands));
  const pairs = operands.slice(1).map((y, i) => [operands[i], y] as const);
  const fast = and(
    ...pairs.map(([x, y]) =>
      allLiteral([x, y]) ? decide(op, literalValues([x, y])) : `${x.text}${op}${y.text}`,
    ),
  );
  const slow = general((call) => and(...pairs.map(([x, y]) => comparePair(call, op, x, y, local))));
  const literals = operands.filter((o) => o.literal).map((o) => o.literal?.value);
  const values = operands.filter((o) => !o.literal);
  // Numbers compare as numbers and texts by code units, in JavaScript as in JSONata.
  for (const type of ['number', 'string'] as const) {
    if (literals.length > 0 && literals.every((v) => typeof v === type)) {
      return choose(and(...values.map((o) => typeIs(o, type))), fast, slow);
    }
  }
  if (literals.length > 0) return slow;
  const t = local();
  const sameType = and(`${t} in ['number','string']`, ...values.slice(1).map((o) => `${t}=$type(${o.text})`));
  return `(${t}:=$type(${values[0].text});${choose(sameType, fast, slow)})`;
}

const FLIPPED: Record<Relational, Relational> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** x op y the JavaScript way; against a number literal, only the other side's number matters. */
function comparePair(call: Call, op: Relational, x: Operand, y: Operand, local: NewLocal): string {
  if (allLiteral([x, y])) return decide(op, literalValues([x, y]));
  if (typeof x.literal?.value === 'number') return comparePair(call, FLIPPED[op], y, x, local);
  if (typeof y.literal?.value === 'number') {
    const n = local();
    const [high, low] = op.startsWith('>') ? ["'Infinity'", "'-Infinity'"] : ["'-Infinity'", "'Infinity'"];
    // NaN (undefined) compares false; ±Infinity are texts, decided before JSONata compares numbers.
    return `(${n}:=${call('_num', x.text)};${n}=${high} or (${n}!=${low} and ${n}${op}${y.text}))`;
  }
  const accepted = { '<': '=-1', '<=': ' in[-1,0]', '>': '=1', '>=': ' in[0,1]' }[op];
  return `${call('_cmp', defined(x), defined(y))}${accepted}`;
}

/** json-logic's `in`: a substring of a text, or an element (===) of a list. */
export function includes(needle: Operand, haystack: Operand, local: NewLocal): string {
  if (allLiteral([needle, haystack])) return decide('in', literalValues([needle, haystack]));
  if (haystack.literal) {
    const h = haystack.literal.value;
    if (Array.isArray(h)) {
      // Lists and objects written in the list are identical to no value.
      const candidates = h.filter(isPrimitive);
      if (candidates.length === 0) return 'false';
      const found = `${needle.text} in ${jsonataLiteral(candidates)}`;
      return needle.missing && candidates.includes(null)
        ? `($not($exists(${needle.text})) or ${found})`
        : found;
    }
    // Texts are searched for the needle's text; '' and non-texts have nothing to search.
    if (typeof h !== 'string' || h === '') return 'false';
    const text = jsonataText(h);
    return choose(
      typeIs(needle, 'string'),
      `$contains(${text},${needle.text})`,
      general((call) => `$contains(${text},${call('_str', defined(needle))})`),
    );
  }
  const hay = haystack.text;
  if (needle.literal) {
    const v = needle.literal.value;
    const text = String(v);
    const inText = text === '' ? `${hay}!=''` : `$contains(${hay},${jsonataText(text)})`;
    const inList = isPrimitive(v) ? `${jsonataLiteral(v)} in ${hay}` : 'false';
    return choose(typeIs(haystack, 'string'), inText, and(typeIs(haystack, 'array'), inList));
  }
  const t = local();
  const slow = general((call) => call('_in', defined(needle), hay, needle.ref, haystack.ref));
  return (
    `(${t}:=$type(${hay});${t}='string' and ${typeIs(needle, 'string')}?${hay}!='' and $contains(${hay},${needle.text}):` +
    `${t}='array' and ${typeIn(needle, ['string', 'number', 'boolean'])}?${needle.text} in ${hay}:` +
    `${t} in ['string','array'] and ${slow})`
  );
}

/** The editor's `starts_with`/`ends_with`: texts only, compared by code points. */
export function affix(op: 'starts_with' | 'ends_with', text: Operand, part: Operand): string {
  if (allLiteral([text, part])) return decide(op, literalValues([text, part]));
  const t = text.text;
  if (part.literal) {
    const p = part.literal.value;
    if (typeof p !== 'string') return 'false';
    const length = Array.from(p).length;
    if (length === 0) return typeIs(text, 'string');
    const piece = op === 'starts_with' ? `$substring(${t},0,${length})` : `$substring(${t},-${length})`;
    return and(typeIs(text, 'string'), `${piece}=${jsonataText(p)}`);
  }
  const p = part.text;
  const matches =
    op === 'starts_with'
      ? `$substring(${t},0,$length(${p}))=${p}`
      : `$length(${p})<=$length(${t}) and $substring(${t},$length(${t})-$length(${p}))=${p}`;
  return and(typeIs(text, 'string'), typeIs(part, 'string'), matches);
}

/** The editor's `is_empty`: null or absent, '', [] and {}. */
export function isEmpty(a: Operand): string {
  if (a.literal) return decide('is_empty', [a.literal.value]);
  const v = a.text;
  // Nothing JSONata finds true (`and`) is empty; of the rest, 0, false and lists with elements aren't.
  return `$not(${v} and true or $type(${v}) in ['number','boolean','array'] and ${v}!=[])`;
}
