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

// The shapes the editor writes (a field against a written value, combined with and/or/!) on
// data whose fields hold every type: each typed fast path and its general branch get exercised.
const FIELDS = [
  'trigger.body.a',
  'trigger.body.b',
  'trigger.a',
  'fetch.0',
  'fetch.length',
  'trigger.body.a.length',
];
// Values that coincide often (a list holding a written text, a text spelling a written number,
// null in a written list) so equality and membership are true as often as false.
const POOL = [0, 1, 100, -2.5, '1', '100', ' 1 ', 'a', 'ab', '', 'true', true, false, null];
const pooled = fc.constantFrom(...POOL);
const pooledList = fc.array(fc.oneof(pooled, fc.array(pooled, { maxLength: 1 })), { maxLength: 2 });
const fieldValue = fc.oneof(
  { weight: 3, arbitrary: pooled },
  { weight: 2, arbitrary: pooledList },
  { weight: 2, arbitrary: number },
  { weight: 2, arbitrary: text }, // numeric-looking texts included
  { weight: 2, arbitrary: json }, // lists and objects
);
const body = fc.dictionary(fc.constantFrom('a', 'b'), fieldValue, { maxKeys: 2, noNullPrototype: true });
const editorData = fc.record(
  {
    trigger: fc.oneof(
      { weight: 6, arbitrary: fc.record({ body, a: fieldValue }, { requiredKeys: [] }) },
      // JSONata would map a path over these lists; JavaScript finds nothing in them.
      { weight: 1, arbitrary: fc.record({ body: fc.array(body, { maxLength: 2 }) }) },
      { weight: 1, arbitrary: fc.array(fc.record({ body }), { maxLength: 2 }) },
      { weight: 1, arbitrary: json },
    ),
    fetch: fc.oneof(fc.array(fieldValue, { maxLength: 2 }), fieldValue),
  },
  { requiredKeys: [] },
);
const field = fc.constantFrom(...FIELDS).map((p) => ({ var: p }));
const fieldOrDefault = fc.oneof(
  { weight: 4, arbitrary: field },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), pooled).map(([p, d]) => ({ var: [p, d] })) },
);
const written = fc.oneof(
  { weight: 3, arbitrary: pooled },
  { weight: 2, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(fc.oneof(pooled, scalar), { maxLength: 3 }) },
  { weight: 2, arbitrary: field },
);
const COMPARISONS = [
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
];
const comparison = fc
  .tuple(fc.constantFrom(...COMPARISONS), fieldOrDefault, written, fc.boolean())
  .map(([op, f, w, flip]) => ({ [op]: flip ? [w, f] : [f, w] }));
const between = fc
  .tuple(fc.constantFrom('<', '<='), fc.oneof(number, text), fieldOrDefault, fc.oneof(number, text))
  .map(([op, low, f, high]) => ({ [op]: [low, f, high] }));
const unary = fc
  .tuple(fc.constantFrom('!', '!!', 'is_empty'), fieldOrDefault)
  .map(([op, f]) => ({ [op]: [f] }));
const editorRules = fc.letrec<{ rule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    between,
    unary,
    field,
    fc
      .tuple(fc.constantFrom('and', 'or'), fc.array(tie('rule'), { minLength: 1, maxLength: 3 }))
      .map(([op, xs]) => ({ [op]: xs })),
    tie('rule').map((x) => ({ '!': [x] })),
    // What and/or return, and a comparison's boolean, used as values.
    fc
      .tuple(fc.constantFrom('and', 'or'), fc.array(fieldOrDefault, { minLength: 2, maxLength: 2 }), written)
      .map(([op, xs, w]) => ({ '==': [{ [op]: xs }, w] })),
    fc.tuple(comparison, fc.boolean()).map(([c, b]) => ({ '===': [c, b] })),
  ),
})).rule;

// The written value again, in another form JavaScript may or may not find equal: wrapped in
// lists, spelled as text (padded, prefixed, suffixed or not), as a number, or inside an object.
const RESHAPES: ((v: unknown) => unknown)[] = [
  (v) => v,
  (v) => [v],
  (v) => [[v], []],
  (v) => [[v]],
  (v) => String(v),
  (v) => ` ${String(v)}\n`,
  (v) => `a${String(v)}`,
  (v) => `${String(v)}😀`,
  (v) => (Number.isFinite(Number(v)) ? Number(v) : null),
  (v) => ({ v }),
  (v) => [v, v],
];
const reshaped = fc
  .tuple(fc.constantFrom(...COMPARISONS), fc.oneof(pooled, scalar), fc.nat(RESHAPES.length - 1), fc.boolean())
  .map(([op, w, reshape, flip]) => ({
    rule: { [op]: flip ? [w, { var: 'trigger.body.a' }] : [{ var: 'trigger.body.a' }, w] },
    bindings: { trigger: { body: { a: RESHAPES[reshape](w) } } },
  }));

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

  it('on the editor’s rule shapes, over fields of every type', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(editorRules, editorData, async (rule, bindings) => {
        const expected = jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, bindings));
        expect(await compiledAnswer(rule, bindings)).toBe(expected);
      }),
      { numRuns: Number(process.env.FLOWDECK_PROPERTY_RUNS ?? 2000) },
    );
  });

  it('when the field holds the written value in another form', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(reshaped, async ({ rule, bindings }) => {
        const expected = jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, bindings));
        expect(await compiledAnswer(rule, bindings)).toBe(expected);
      }),
      { numRuns: Number(process.env.FLOWDECK_PROPERTY_RUNS ?? 2000) },
    );
  });
});
