// JSONPath Choice rules, driven by the guide's "Choice state" examples and AWS's documented
// semantics: type mismatches are false, a missing Variable fails unless tested with IsPresent.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatesError } from '../errors.ts';
import { evaluateChoiceRule, type JsonPathScope } from './index.ts';

const scopeOf = (input: unknown, variables: Record<string, unknown> = {}): JsonPathScope => ({
  input,
  context: { Execution: { StartTime: '2024-05-01T10:00:00Z' } },
  variables,
});
const check = (rule: Record<string, unknown>, input: unknown) => evaluateChoiceRule(rule, scopeOf(input));

describe('the guide example ChoiceStateX', () => {
  const choices = [
    { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
    { Variable: '$.value', NumericEquals: 0, Next: 'ValueIsZero' },
    {
      And: [
        { Variable: '$.value', NumericGreaterThanEquals: 20 },
        { Variable: '$.value', NumericLessThan: 30 },
      ],
      Next: 'ValueInTwenties',
    },
  ];
  const firstMatch = (input: unknown) => choices.find((rule) => check(rule, input))?.Next ?? 'DefaultState';

  it('goes to ValueInTwenties for {type: Private, value: 22}', () => {
    expect(firstMatch({ type: 'Private', value: 22 })).toBe('ValueInTwenties');
  });

  it('goes to Public, ValueIsZero or the default for other inputs', () => {
    expect(firstMatch({ type: 'Public', value: 22 })).toBe('Public');
    expect(firstMatch({ type: 'Private', value: 0 })).toBe('ValueIsZero');
    expect(firstMatch({ type: 'Private', value: 30 })).toBe('DefaultState');
  });

  it('fails the execution when $.type is missing, as the guide warns', () => {
    expect(() => firstMatch({ value: 22 })).toThrowError(StatesError);
  });
});

describe('comparisons', () => {
  it.each([
    [{ Variable: '$.foo', NumericEquals: 1 }, { foo: 1 }, true],
    [{ Variable: '$.foo', NumericEquals: 1 }, { foo: 1.0 }, true],
    [{ Variable: '$.foo', NumericEquals: 1 }, { foo: '1' }, false],
    [{ Variable: '$.foo', NumericLessThan: 1 }, { foo: 0.5 }, true],
    [{ Variable: '$.foo', NumericGreaterThan: 1 }, { foo: 1 }, false],
    [{ Variable: '$.foo', NumericLessThanEquals: 1 }, { foo: 1 }, true],
    [{ Variable: '$.foo', NumericGreaterThanEquals: 2 }, { foo: 1 }, false],
    [{ Variable: '$.foo', StringEquals: 'MyString' }, { foo: 'MyString' }, true],
    [{ Variable: '$.foo', StringEquals: 'MyString' }, { foo: 'mystring' }, false],
    [{ Variable: '$.foo', StringGreaterThan: 'MyStringABC' }, { foo: 'MyStringABD' }, true],
    [{ Variable: '$.foo', StringLessThan: 'b' }, { foo: 'B' }, true],
    [{ Variable: '$.foo', StringLessThanEquals: 'a' }, { foo: 'a' }, true],
    [{ Variable: '$.foo', StringGreaterThanEquals: 'b' }, { foo: 'a' }, false],
    [{ Variable: '$.foo', BooleanEquals: true }, { foo: true }, true],
    [{ Variable: '$.foo', BooleanEquals: true }, { foo: 'true' }, false],
    [{ Variable: '$.foo', TimestampEquals: '2001-01-01T12:00:00Z' }, { foo: '2001-01-01T12:00:00Z' }, true],
    [
      { Variable: '$.foo', TimestampEquals: '2001-01-01T12:00:00Z' },
      { foo: '2001-01-01T13:00:00+01:00' },
      true,
    ],
    [
      { Variable: '$.foo', TimestampEquals: '2001-01-01T12:00:00Z' },
      { foo: '2001-01-01T12:00:00.000Z' },
      true,
    ],
    [
      { Variable: '$.foo', TimestampLessThan: '2001-01-01T12:00:00Z' },
      { foo: '2001-01-01T11:59:59.999999999Z' },
      true,
    ],
    [
      { Variable: '$.foo', TimestampGreaterThan: '2001-01-01T12:00:00Z' },
      { foo: '2001-01-01T12:00:00.000000001Z' },
      true,
    ],
    [
      { Variable: '$.foo', TimestampLessThanEquals: '2001-01-01T12:00:00Z' },
      { foo: '2001-01-01T12:00:00Z' },
      true,
    ],
    [
      { Variable: '$.foo', TimestampGreaterThanEquals: '2001-01-01T12:00:00Z' },
      { foo: '2000-12-31T23:00:00Z' },
      false,
    ],
    [{ Variable: '$.foo', TimestampEquals: '2001-01-01T12:00:00Z' }, { foo: '2001-01-01t12:00:00z' }, false],
    [{ Variable: '$.foo', TimestampEquals: '2001-01-01T12:00:00Z' }, { foo: 'not a time' }, false],
  ])('%j on %j is %s', (rule, input, expected) => {
    expect(check(rule, input)).toBe(expected);
  });

  it('orders timestamps like the instants they name (property)', () => {
    const instant = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const input = { a: a.toISOString(), b: b.toISOString() };
        expect(check({ Variable: '$.a', TimestampLessThanPath: '$.b' }, input)).toBe(
          a.getTime() < b.getTime(),
        );
        expect(check({ Variable: '$.a', TimestampEqualsPath: '$.b' }, input)).toBe(
          a.getTime() === b.getTime(),
        );
        expect(check({ Variable: '$.a', IsTimestamp: true }, input)).toBe(true);
      }),
    );
  });

  it('rejects impossible dates as timestamps', () => {
    expect(check({ Variable: '$.t', IsTimestamp: true }, { t: '2023-02-29T00:00:00Z' })).toBe(false);
    expect(check({ Variable: '$.t', IsTimestamp: true }, { t: '2024-02-29T00:00:00Z' })).toBe(true);
    expect(check({ Variable: '$.t', IsTimestamp: true }, { t: '2024-01-01T24:00:00Z' })).toBe(false);
    expect(check({ Variable: '$.t', IsTimestamp: true }, { t: '2024-01-01 10:00:00Z' })).toBe(false);
  });

  it('compares against another field with the *Path variants', () => {
    const input = {
      a: 5,
      b: 5,
      c: 'x',
      d: 'y',
      t1: '2020-01-01T00:00:00Z',
      t2: '2021-01-01T00:00:00Z',
      yes: true,
    };
    expect(check({ Variable: '$.a', NumericEqualsPath: '$.b' }, input)).toBe(true);
    expect(check({ Variable: '$.a', NumericLessThanPath: '$.b' }, input)).toBe(false);
    expect(check({ Variable: '$.c', StringLessThanPath: '$.d' }, input)).toBe(true);
    expect(check({ Variable: '$.c', StringEqualsPath: '$.a' }, input)).toBe(false);
    expect(check({ Variable: '$.t1', TimestampLessThanPath: '$.t2' }, input)).toBe(true);
    expect(check({ Variable: '$.yes', BooleanEqualsPath: '$.yes' }, input)).toBe(true);
    expect(
      evaluateChoiceRule(
        { Variable: '$.t1', TimestampLessThanPath: '$$.Execution.StartTime' },
        scopeOf(input),
      ),
    ).toBe(true);
  });

  it('fails when the *Path operand selects nothing', () => {
    expect(() => check({ Variable: '$.a', NumericEqualsPath: '$.missing' }, { a: 1 })).toThrowError(
      StatesError,
    );
  });

  it('reads variables with $name', () => {
    expect(
      evaluateChoiceRule(
        { Variable: '$limit.max', NumericGreaterThan: 3 },
        scopeOf({}, { limit: { max: 4 } }),
      ),
    ).toBe(true);
  });
});

describe('StringMatches', () => {
  it.each([
    ['log-*.txt', 'log-2024-05.txt', true],
    ['log-*.txt', 'log-.txt', true],
    ['log-*.txt', 'log-2024.csv', false],
    ['*', '', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXcYYb', false],
    ['literal\\*star', 'literal*star', true],
    ['literal\\*star', 'literalXstar', false],
    ['back\\\\slash*', 'back\\slash!', true],
    ['a.c', 'abc', false],
    ['(x)+[y]?', '(x)+[y]?', true],
  ])('%s on %s is %s', (pattern, value, expected) => {
    expect(check({ Variable: '$.v', StringMatches: pattern }, { v: value })).toBe(expected);
  });

  it('agrees with a regular-expression reference on generated patterns (property)', () => {
    const pattern = fc
      .array(fc.constantFrom('a', 'b', '*', '\\*'), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '*'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const source = p.replace(/\\\*|\*|[ab]/g, (tok) =>
          tok === '*' ? '.*' : tok === '\\*' ? '\\*' : tok,
        );
        expect(check({ Variable: '$.v', StringMatches: p }, { v: t })).toBe(
          new RegExp(`^${source}$`).test(t),
        );
      }),
    );
  });

  it('is false for non-strings', () => {
    expect(check({ Variable: '$.v', StringMatches: '*' }, { v: 1 })).toBe(false);
  });

  it('a pattern without wildcards matches only itself (property)', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('*') && !s.includes('\\')),
        fc.string(),
        (pattern, other) => {
          expect(check({ Variable: '$.v', StringMatches: pattern }, { v: pattern })).toBe(true);
          expect(check({ Variable: '$.v', StringMatches: pattern }, { v: other })).toBe(other === pattern);
        },
      ),
    );
  });
});

describe('type tests and presence', () => {
  const input = { n: 1, s: 'x', b: false, z: null, t: '2016-08-18T17:33:00Z', o: {} };

  it.each([
    ['IsNull', '$.z', true],
    ['IsNull', '$.n', false],
    ['IsNumeric', '$.n', true],
    ['IsNumeric', '$.s', false],
    ['IsString', '$.s', true],
    ['IsString', '$.t', true],
    ['IsString', '$.o', false],
    ['IsBoolean', '$.b', true],
    ['IsBoolean', '$.z', false],
    ['IsTimestamp', '$.t', true],
    ['IsTimestamp', '$.s', false],
    ['IsPresent', '$.z', true],
    ['IsPresent', '$.missing', false],
  ])('%s on %s is %s', (operator, path, expected) => {
    expect(check({ Variable: path, [operator]: true }, input)).toBe(expected);
    expect(check({ Variable: path, [operator]: false }, input)).toBe(!expected);
  });

  it('guards a missing field with IsPresent, as the guide recommends', () => {
    const rule = {
      And: [
        { Variable: '$.value', IsPresent: true },
        { Variable: '$.value', IsNumeric: true },
        { Variable: '$.value', NumericGreaterThanEquals: 20 },
        { Variable: '$.value', NumericLessThan: 30 },
      ],
    };
    expect(check(rule, { value: 25 })).toBe(true);
    expect(check(rule, { value: '25' })).toBe(false);
    expect(check(rule, {})).toBe(false);
  });

  it('fails with States.Runtime when a Variable points at nothing', () => {
    try {
      check({ Variable: '$.missing', IsNull: true }, input);
      expect.unreachable();
    } catch (err) {
      expect((err as StatesError).error).toBe('States.Runtime');
      expect((err as StatesError).causeText).toBe(
        "Invalid path '$.missing': The choice state's condition path references an invalid value.",
      );
    }
  });
});

describe('combinators', () => {
  it('Or is true when any rule is, Not negates', () => {
    const rule = {
      Or: [{ Variable: '$.n', NumericEquals: 2 }, { Not: { Variable: '$.s', StringEquals: 'x' } }],
    };
    expect(check(rule, { n: 2, s: 'x' })).toBe(true);
    expect(check(rule, { n: 1, s: 'y' })).toBe(true);
    expect(check(rule, { n: 1, s: 'x' })).toBe(false);
  });

  it('And short-circuits, so a later missing field is not reached', () => {
    const rule = {
      And: [
        { Variable: '$.a', IsPresent: true },
        { Variable: '$.a', NumericEquals: 1 },
      ],
    };
    expect(check(rule, {})).toBe(false);
  });

  it('refuses a rule without an operator', () => {
    expect(() => check({ Variable: '$.a', Next: 'X' }, { a: 1 })).toThrowError(/no comparison operator/);
  });
});
