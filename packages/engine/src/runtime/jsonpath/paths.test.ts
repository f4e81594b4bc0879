// InputPath / OutputPath / ItemsPath and the `*Path` value fields, with Jayway's result shapes
// and AWS's causes. Examples from the guide's "InputPath and Parameters" and "Paths" pages.

import { describe, expect, it } from 'vitest';
import { StatesError } from '../errors.ts';
import { applyPath, evaluateValuePath, isReferencePath, type JsonPathScope } from './index.ts';

const scopeOf = (input: unknown, variables: Record<string, unknown> = {}): JsonPathScope => ({
  input,
  context: { Execution: { Id: 'exec-1', Input: { first: true } }, State: { Name: 'Step' } },
  variables,
});

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StatesError);
    return err as StatesError;
  }
  throw new Error('expected a StatesError');
}

describe('applyPath', () => {
  it('selects a node, as in the InputPath example of the guide', () => {
    const input = {
      comment: 'Example for InputPath.',
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: 'a', val2: 'b', val3: 'c' },
    };
    expect(applyPath('$.dataset2', input, scopeOf(input), 'InputPath')).toEqual({
      val1: 'a',
      val2: 'b',
      val3: 'c',
    });
  });

  it('returns the reference-path values of the Paths page', () => {
    const input = { foo: 123, bar: ['a', 'b', 'c'], car: { cdr: true } };
    const scope = scopeOf(input);
    expect(applyPath('$.foo', input, scope, 'InputPath')).toBe(123);
    expect(applyPath('$.bar', input, scope, 'InputPath')).toEqual(['a', 'b', 'c']);
    expect(applyPath('$.car.cdr', input, scope, 'InputPath')).toBe(true);
    expect(applyPath("$['car']['cdr']", input, scope, 'InputPath')).toBe(true);
    expect(applyPath('$.bar[1]', input, scope, 'InputPath')).toBe('b');
    expect(applyPath('$.bar[-1]', input, scope, 'InputPath')).toBe('c');
  });

  it('leaves the value unchanged for an absent path or $, and gives {} for null', () => {
    const input = { a: 1 };
    expect(applyPath(undefined, input, scopeOf(input), 'InputPath')).toBe(input);
    expect(applyPath('$', input, scopeOf(input), 'OutputPath')).toBe(input);
    expect(applyPath(null, input, scopeOf(input), 'OutputPath')).toEqual({});
  });

  it('reads the value being filtered, not the scope input', () => {
    expect(applyPath('$.x', { x: 'output' }, scopeOf({ x: 'input' }), 'OutputPath')).toBe('output');
  });

  it('returns lists for indefinite paths, as Jayway does', () => {
    const input = { items: [{ n: 1, tag: 'a' }, { n: 2 }, { n: 3, tag: 'c' }] };
    const scope = scopeOf(input);
    expect(applyPath('$.items[*].n', input, scope, 'ItemsPath')).toEqual([1, 2, 3]);
    expect(applyPath('$..tag', input, scope, 'ItemsPath')).toEqual(['a', 'c']);
    expect(applyPath('$.items[?(@.n >= 2)].n', input, scope, 'ItemsPath')).toEqual([2, 3]);
    expect(applyPath('$.items[1:]', input, scope, 'ItemsPath')).toEqual([{ n: 2 }, { n: 3, tag: 'c' }]);
    expect(applyPath('$.items[0,2].n', input, scope, 'ItemsPath')).toEqual([1, 3]);
    expect(applyPath('$.items[*].missing', input, scope, 'ItemsPath')).toEqual([]);
  });

  it('keeps null values: a field holding null is found', () => {
    expect(applyPath('$.a', { a: null }, scopeOf({}), 'InputPath')).toBeNull();
  });

  it('fails with States.Runtime and AWS cause when nothing matches', () => {
    const err = failure(() => applyPath('$.x', { a: 1 }, scopeOf({}), 'InputPath'));
    expect(err.error).toBe('States.Runtime');
    expect(err.causeText).toBe("Invalid path '$.x' : No results for path: $['x']");
    expect(failure(() => applyPath('$.a.b[0]', { a: { b: [] } }, scopeOf({}), 'OutputPath')).causeText).toBe(
      "Invalid path '$.a.b[0]' : No results for path: $['a']['b'][0]",
    );
  });

  it('words misses inside a path as Jayway does', () => {
    expect(failure(() => applyPath('$.a.b', { c: 1 }, scopeOf({}), 'InputPath')).causeText).toBe(
      "Invalid path '$.a.b' : Missing property in path $['a']",
    );
    expect(failure(() => applyPath('$.a.b', { a: 5 }, scopeOf({}), 'InputPath')).causeText).toMatch(
      /Expected to find an object with property \['b'\] in path \$\['a'\] but found 'number'/,
    );
  });

  it('fails an indefinite path whose definite start is missing or a scalar (ASL spec example)', () => {
    expect(failure(() => applyPath('$.missing[*]', {}, scopeOf({}), 'ItemsPath')).causeText).toMatch(
      /Missing property in path \$\['missing'\]|No results/,
    );
    expect(failure(() => applyPath('$.vals[3:]', { vals: 0 }, scopeOf({}), 'ItemsPath')).error).toBe(
      'States.Runtime',
    );
    expect(applyPath('$.vals..x', { vals: 0 }, scopeOf({}), 'ItemsPath')).toEqual([]);
  });

  it('does not treat array length or inherited properties as fields', () => {
    failure(() => applyPath('$.a.length', { a: [1, 2] }, scopeOf({}), 'InputPath'));
    failure(() => applyPath('$.toString', {}, scopeOf({}), 'InputPath'));
  });

  it('refuses a malformed path with a clear cause', () => {
    expect(failure(() => applyPath('$.a[', { a: 1 }, scopeOf({}), 'InputPath')).causeText).toMatch(
      /Invalid path '\$\.a\[' in InputPath/,
    );
    failure(() => applyPath('a.b', {}, scopeOf({}), 'InputPath'));
  });
});

describe('evaluateValuePath', () => {
  it('reads the input, the context object and variables', () => {
    const scope = scopeOf({ wait: 5 }, Object.create({ inherited: { deep: [7] } }));
    expect(evaluateValuePath('$.wait', scope, 'SecondsPath')).toBe(5);
    expect(evaluateValuePath('$$.Execution.Id', scope, 'CausePath')).toBe('exec-1');
    expect(evaluateValuePath('$inherited.deep[0]', scope, 'TimeoutSecondsPath')).toBe(7);
  });

  it('evaluates intrinsic functions (ErrorPath, CausePath)', () => {
    const scope = scopeOf({ code: 42 });
    expect(evaluateValuePath("States.Format('Failed with {}', $.code)", scope, 'CausePath')).toBe(
      'Failed with 42',
    );
  });

  it('fails with States.Runtime for a missing value or variable', () => {
    expect(failure(() => evaluateValuePath('$.nope', scopeOf({}), 'SecondsPath')).error).toBe(
      'States.Runtime',
    );
    expect(failure(() => evaluateValuePath('$unknown', scopeOf({}), 'SecondsPath')).error).toBe(
      'States.Runtime',
    );
  });
});

describe('isReferencePath', () => {
  it.each(['$', '$.a', '$.a.b[0]', "$['a b'].c", '$$.Execution.Id', '$var', '$var.x[2]'])(
    'accepts %s',
    (p) => {
      expect(isReferencePath(p)).toBe(true);
    },
  );

  it.each([
    '$.a[*]',
    '$..a',
    '$.a[?(@.x)]',
    '$.a[0:2]',
    '$.a[0,1]',
    '$.a.length()',
    '$.a[-1]',
    'a',
    '',
    '$.a[',
  ])('rejects %s', (p) => {
    expect(isReferencePath(p)).toBe(false);
  });
});
