import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWithJsonata } from './expressions.ts';
import { readSimpleExpression } from './simple-expression.ts';

const runs = Number(process.env.FLOWDECK_PROPERTY_RUNS ?? 2000);

// Texts inside the subset: operands and operators the reader knows, with white space between.
const space = fc.constantFrom('', ' ', '  ', '\n', '\t');
const variable = fc.constantFrom('$trigger', '$vars', '$step_1', '$a', '$B2', '$and', '$true');
const field = fc.constantFrom('body', 'amount', 'x', 'n_2', 'Items', 'function');
const reference = fc
  .tuple(variable, fc.array(fc.tuple(space, field), { maxLength: 3 }))
  .map(([v, steps]) => v + steps.map(([s, f]) => `${s}.${s}${f}`).join(''));
const literal = fc.constantFrom(
  '0',
  '1',
  '42',
  '3.25',
  '1e3',
  '2E-2',
  '"text"',
  "'it'",
  "'a\"b'",
  'true',
  'false',
  'null',
  '""',
);
const operand = fc.oneof(reference, reference, literal);
const binary = fc.constantFrom('+', '-', '*', '/', '%', '&', '=', '!=', '<', '<=', '>', '>=', 'and', 'or');
const simple = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small' },
    operand,
    fc.tuple(tie('expr'), space, binary, space, tie('expr')).map(([a, s1, op, s2, b]) =>
      // word operators need a break from the words around them
      /\w/.test(op) ? `${a} ${op} ${b}` : `${a}${s1}${op}${s2}${b}`,
    ),
    fc.tuple(space, tie('expr'), space).map(([s1, e, s2]) => `(${s1}${e}${s2})`),
  ),
})).expr;

// Texts near the subset: its pieces plus pieces jsonata reads differently (comments, regexes,
// escapes, `..`, unary minus, calls, names glued to operators, numbers out of range…).
const piece = fc.constantFrom(
  '$a',
  '$vars',
  '$',
  '$$',
  '$a$b',
  '.',
  '..',
  '.b',
  '.0',
  '.and',
  '.true',
  '.null',
  'x',
  'and',
  'or',
  'in',
  'and$',
  'or"',
  '1',
  '0',
  '01',
  '1.',
  '1e999',
  '1.5.2',
  '"s"',
  "'s'",
  '"a\\"b"',
  '"\\u0041"',
  '"open',
  '+',
  '-',
  '*',
  '**',
  '/',
  '/*c*/',
  '/a/',
  '%',
  '&',
  '=',
  '!',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '~>',
  '?',
  ':',
  ';',
  ':=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '@',
  '#',
  '^',
  '|',
  'true',
  'null',
  ' ',
  '\n',
  '\u00a0',
  '`q`',
  'é',
);
const near = fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));

describe('readSimpleExpression', () => {
  it('reads the expressions people write most, without jsonata', () => {
    for (const body of [
      ' $trigger.body.amount + 1005 ',
      ' $step_3.n + 7 ',
      " 'big ' & $fetch.title ",
      ' $vars.limit > 10 and ($trigger.ok = true or $score.value <= 2.5) ',
    ]) {
      expect(readSimpleExpression(body), body).toEqual(
        (parseWithJsonata(body) as { variables: unknown }).variables,
      );
    }
  });

  it('leaves everything else to jsonata', () => {
    for (const body of [' $count($a) ', ' $x := 1 ', ' -$a ', ' $a /* note */ ', ' $a[0] ', ' "\\n" ']) {
      expect(readSimpleExpression(body), body).toBeUndefined();
    }
  });

  it('answers every text of its subset as jsonata does (names, members, positions, order)', () => {
    fc.assert(
      fc.property(simple, space, space, (expr, before, after) => {
        const body = `${before}${expr}${after}`;
        const fast = readSimpleExpression(body);
        expect(fast).toBeDefined();
        expect(parseWithJsonata(body)).toEqual({ ok: true, variables: fast });
      }),
      { numRuns: runs },
    );
  });

  it('never answers for a text jsonata reads otherwise or refuses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          near,
          fc.tuple(simple, near).map(([a, b]) => a + b),
        ),
        (body) => {
          const fast = readSimpleExpression(body);
          if (fast !== undefined) expect(parseWithJsonata(body)).toEqual({ ok: true, variables: fast });
        },
      ),
      { numRuns: runs * 5 },
    );
  });
});
