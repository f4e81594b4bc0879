// The intrinsic call syntax: literals, escapes, nesting, paths as arguments, and the messages
// definition validation shows for malformed calls.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateIntrinsic, validateIntrinsic } from '../index.ts';

const scope = {
  input: { a: [1, 2, 3], 'odd key': 'x', items: [{ n: 1 }, { n: 2 }] },
  context: {},
  variables: {},
};

describe('intrinsic syntax', () => {
  it('reads every literal kind', () => {
    expect(evaluateIntrinsic("States.Array('s', 0, -1.5, 2e3, true, false, null)", scope)).toEqual([
      's',
      0,
      -1.5,
      2000,
      true,
      false,
      null,
    ]);
  });

  it('tolerates spaces around arguments', () => {
    expect(evaluateIntrinsic('States.Array(  1 ,2,  States.Array( )  )', scope)).toEqual([1, 2, []]);
  });

  it('keeps commas and parentheses inside strings and path brackets', () => {
    expect(evaluateIntrinsic("States.Array('a, b)', $['odd key'], $.items[?(@.n > 1)])", scope)).toEqual([
      'a, b)',
      'x',
      [{ n: 2 }],
    ]);
  });

  it('round-trips any string through an escaped literal (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const literal = s.replace(/[\\'{}]/g, (c) => `\\${c}`);
        expect(evaluateIntrinsic(`States.Array('${literal}')`, scope)).toEqual([s]);
      }),
    );
  });
});

describe('validateIntrinsic', () => {
  it('accepts well-formed calls', () => {
    expect(validateIntrinsic("States.Format('{}', States.ArrayGetItem($.a, 0))")).toBeUndefined();
    expect(validateIntrinsic('States.UUID()')).toBeUndefined();
  });

  it.each([
    ["States.Format('x'", /missing '\)'/],
    ["States.Format('x)", /unterminated string/],
    ["States.Format('a \\n b')", /open escape/],
    ['States.Format(1 2)', /expected ',' or '\)'/],
    ['States.Format(1,)', /unexpected '\)'/],
    ['States.Nope(1)', /Unknown intrinsic function 'States.Nope'/],
    ['States.ArrayLength()', /takes 1 argument/],
    ['States.UUID() extra', /unexpected text/],
    ['States.ArrayLength($.a b)', /Invalid path/],
    ['format(1)', /expected a function name/],
  ])('reports %s', (expression, message) => {
    expect(validateIntrinsic(expression)).toMatch(message);
  });

  it('allows 10 nested functions and refuses 11', () => {
    const nest = (n: number): string => (n === 0 ? '1' : `States.Array(${nest(n - 1)})`);
    expect(validateIntrinsic(nest(10))).toBeUndefined();
    expect(validateIntrinsic(nest(11))).toMatch(/more than 10 nested/);
  });
});
