import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type RuleGroup,
  type RuleRow,
  OPERATORS,
  describeRule,
  fromJsonLogic,
  parseValue,
  toJsonLogic,
} from './rule-model.ts';
import { testRule } from './rule-test.ts';

const row: fc.Arbitrary<RuleRow> = fc
  .record({
    kind: fc.constant('row' as const),
    field: fc.constantFrom('trigger.body.amount', 'trigger.body.title', 'fetch.status'),
    operator: fc.constantFrom(...OPERATORS.map((o) => o.id)),
    value: fc.oneof(fc.integer(), fc.string(), fc.boolean()),
  })
  .map((r) =>
    OPERATORS.find((o) => o.id === r.operator)!.arity === 1
      ? { kind: r.kind, field: r.field, operator: r.operator }
      : r,
  );

const group: fc.Arbitrary<RuleGroup> = fc.letrec((tie) => ({
  group: fc.record({
    kind: fc.constant('group' as const),
    combinator: fc.constantFrom('and' as const, 'or' as const),
    children: fc.array(fc.oneof({ depthSize: 'small' }, row, tie('group') as fc.Arbitrary<RuleGroup>), {
      maxLength: 3,
    }),
  }),
})).group;

describe('condition builder model', () => {
  it('turns groups and rows into json-logic', () => {
    const g: RuleGroup = {
      kind: 'group',
      combinator: 'or',
      children: [
        { kind: 'row', field: 'trigger.body.amount', operator: '>', value: 100 },
        { kind: 'row', field: 'trigger.body.tags', operator: 'not_empty' },
      ],
    };
    expect(toJsonLogic(g)).toEqual({
      or: [
        { '>': [{ var: 'trigger.body.amount' }, 100] },
        { '!': [{ is_empty: [{ var: 'trigger.body.tags' }] }] },
      ],
    });
  });

  it('reads back every rule it writes (property)', () => {
    fc.assert(
      fc.property(group, (g) => {
        expect(toJsonLogic(fromJsonLogic(toJsonLogic(g))!)).toEqual(toJsonLogic(g));
      }),
    );
  });

  it('starts an empty rule with no rows', () => {
    expect(fromJsonLogic(undefined)).toEqual({ kind: 'group', combinator: 'and', children: [] });
  });

  it('wraps a single comparison in an AND group and refuses rules it cannot show', () => {
    expect(fromJsonLogic({ '==': [{ var: 'trigger.x' }, 'a'] })).toEqual({
      kind: 'group',
      combinator: 'and',
      children: [{ kind: 'row', field: 'trigger.x', operator: '==', value: 'a' }],
    });
    expect(fromJsonLogic({ '+': [1, 2] })).toBeUndefined();
    expect(fromJsonLogic({ '==': [1, { var: 'x' }] })).toBeUndefined();
  });

  it('parses typed values from the value box', () => {
    expect([
      parseValue('100'),
      parseValue('-2.5'),
      parseValue('true'),
      parseValue('null'),
      parseValue('abc'),
      parseValue(''),
    ]).toEqual([100, -2.5, true, null, 'abc', '']);
  });

  it('describes a rule in words', () => {
    expect(describeRule({ and: [{ '>': [{ var: 'trigger.body.amount' }, 100] }] })).toBe(
      'trigger.body.amount is greater than 100',
    );
  });

  it('tests a rule against sample data with the editor operators', () => {
    const rule = toJsonLogic({
      kind: 'group',
      combinator: 'and',
      children: [
        { kind: 'row', field: 'trigger.body.amount', operator: '>', value: 100 },
        { kind: 'row', field: 'trigger.body.title', operator: 'starts_with', value: 'Launch' },
      ],
    });
    expect(testRule(rule, { trigger: { body: { amount: 150, title: 'Launch day' } } })).toEqual({
      ok: true,
      matches: true,
    });
    expect(testRule(rule, { trigger: { body: { amount: 50, title: 'Launch day' } } })).toEqual({
      ok: true,
      matches: false,
    });
    expect(testRule({ nope: [1] }, {})).toMatchObject({ ok: false });
  });
});
