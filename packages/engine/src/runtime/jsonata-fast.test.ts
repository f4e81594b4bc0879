import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { type Bindings, compileExpression, evaluateExpression } from './jsonata.ts';

// `$path <op> <number>` is computed without the evaluator when the path reads a number: it must
// give exactly what JSONata gives, and leave every other case (and every error) to JSONata.

const OPS = ['+', '-', '*', '/', '>', '>=', '<', '<=', '=', '!='];

async function viaJsonata(text: string, bindings: Bindings): Promise<unknown> {
  try {
    const r = await jsonata(text).evaluate(null, bindings);
    return r === undefined ? 'undefined' : r;
  } catch (err) {
    return `error ${(err as { code?: string }).code}`;
  }
}

async function viaRuntime(text: string, bindings: Bindings): Promise<unknown> {
  try {
    return await evaluateExpression(compileExpression(text), bindings, 'Output');
  } catch (err) {
    const m = /(?:evaluation\. (\w+):|returned nothing)/.exec((err as Error).message);
    return m?.[1] ? `error ${m[1]}` : 'undefined';
  }
}

describe('JSONata fast path for `$path <op> <number>`', () => {
  it('matches the evaluator for numbers, strings, misses, and non-finite results', async () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer(),
      fc.constantFrom(0, 1e308, -1e308),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    const literal = fc.oneof(fc.nat({ max: 1000 }), fc.constantFrom('0', '0.5', '2.25', '100'));
    await fc.assert(
      fc.asyncProperty(value, fc.constantFrom(...OPS), literal, fc.boolean(), async (v, op, lit, spaced) => {
        const text = spaced ? `$x.a ${op} ${lit}` : `$x.a${op}${lit}`;
        const bindings = { x: { a: v } };
        expect(await viaRuntime(text, bindings)).toEqual(await viaJsonata(text, bindings));
      }),
      { numRuns: 400 },
    );
  });

  it('uses the fast path for a number (the result is the plain arithmetic)', () => {
    const e = compileExpression('$states.input.n + 1');
    expect(e.fastOp).toEqual({ op: '+', operand: 1 });
    expect(e.fastPath).toEqual(['states', 'input', 'n']);
  });
});
