// The key acceptance test: on generated rules and data, json-logic-js and the compiled
// JSONata (evaluated by the `jsonata` package with the data bound as variables) always agree.
import fc from 'fast-check';
import jsonata from 'jsonata';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './conditions.ts';
import { registerEditorOperations } from './editor-operations.ts';

registerEditorOperations(jsonLogic);

const ROOTS = ['trigger', 'fetch', 'score'];
const KEYS = ['a', 'b', 'x', '0', '1', 'length', 'items'];

// Numbers whose 15-digit form is exact: JSONata's $string writes 15 significant digits where
// JavaScript may write 17 (see docs/compiler.md, "Known differences").
const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0, -0, 1, 0.5, 1.5, -2.25, 0.1, 100, 1e21, 123456789, -1e-7),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => Number(x.toPrecision(15)) === x),
);
const text = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '1',
    '10',
    '2',
    'a',
    'abc',
    'true',
    'false',
    'null',
    ' 12 ',
    '\t3\n',
    '1e3',
    '-5',
    '+5',
    '.5',
    '5.',
    '0x1F',
    '0b11',
    '0o7',
    '-0x1F',
    'Infinity',
    '-Infinity',
    '1e999',
    '1,2',
    '[object Object]',
    'a😀b',
    '1_0',
    '00012',
    '1e-999',
    '0.1e1',
    'e5',
    '.',
    '--1',
  ),
  fc.string({
    maxLength: 4,
    unit: fc.constantFrom('a', 'b', '0', '1', ' ', '.', 'e', '-', 'x', ',', '😀', '\t'),
  }),
);
const scalar = fc.oneof(number, text, fc.boolean(), fc.constant(null));
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;
const data = fc.dictionary(fc.constantFrom(...ROOTS), json, { maxKeys: 3, noNullPrototype: true });

const path = fc
  .tuple(fc.constantFrom(...ROOTS), fc.array(fc.constantFrom(...KEYS), { maxLength: 3 }))
  .map(([root, keys]) => [root, ...keys].join('.'));

const rules = fc
  .letrec<{ rule: unknown; value: unknown; literal: unknown }>((tie) => ({
    // Plain values, including literal arrays and objects.
    literal: fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.constantFrom({}, { a: 1, b: [2] }, [[1], 'a']),
    ),
    value: fc.oneof(
      { depthSize: 'small' },
      path.map((p) => ({ var: p })),
      fc.tuple(path, tie('literal')).map(([p, d]) => ({ var: [p, d] })),
      tie('literal'),
      fc.array(tie('value'), { minLength: 1, maxLength: 3 }),
      fc.array(path, { maxLength: 3 }).map((ps) => ({ missing: ps })),
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.array(path, { maxLength: 3 }))
        .map(([n, ps]) => ({ missing_some: [n, ps] })),
      tie('rule'),
    ),
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .tuple(
          fc.constantFrom(
            '==',
            '===',
            '!=',
            '!==',
            '<',
            '<=',
            '>',
            '>=',
            'in',
            'contains',
            'starts_with',
            'ends_with',
          ),
          tie('value'),
          tie('value'),
        )
        .map(([op, a, b]) => ({ [op]: [a, b] })),
      fc
        .tuple(fc.constantFrom('<', '<='), tie('value'), tie('value'), tie('value'))
        .map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
      fc
        .tuple(fc.constantFrom('and', 'or'), fc.array(tie('value'), { minLength: 1, maxLength: 3 }))
        .map(([op, xs]) => ({ [op]: xs })),
      fc.tuple(fc.constantFrom('!', '!!', 'is_empty'), tie('value')).map(([op, x]) => ({ [op]: [x] })),
      tie('value'),
    ),
  }))
  .rule.map((rule) => JSON.parse(JSON.stringify(rule)) as unknown); // rules arrive as JSON

async function compiledAnswer(rule: unknown, bindings: Record<string, unknown>): Promise<unknown> {
  return jsonata(compileCondition(rule)).evaluate({}, bindings);
}

describe('json-logic → JSONata agrees with json-logic-js', () => {
  it('on generated rules and data', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(rules, data, async (rule, bindings) => {
        const expected = jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, bindings));
        expect(await compiledAnswer(rule, bindings)).toBe(expected);
      }),
      { numRuns: Number(process.env.FLOWDECK_PROPERTY_RUNS ?? 2000) },
    );
  });

  it('on comparisons between generated values of every type', { timeout: 600_000 }, async () => {
    const op = fc.constantFrom('==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', 'contains');
    await fc.assert(
      fc.asyncProperty(op, json, json, async (operator, a, b) => {
        const rule = { [operator]: [{ var: 'trigger.a' }, { var: 'trigger.b' }] };
        const bindings = { trigger: { a, b } };
        const expected = jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, bindings));
        expect(await compiledAnswer(rule, bindings)).toBe(expected);
      }),
      { numRuns: Number(process.env.FLOWDECK_PROPERTY_RUNS ?? 2000) },
    );
  });
});
