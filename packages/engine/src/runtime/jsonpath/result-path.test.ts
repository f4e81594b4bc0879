// ResultPath, driven by the guide's "ResultPath" examples, plus invariants checked on generated
// inputs: the result is readable at its path, and the input is never mutated.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatesError } from '../errors.ts';
import { applyPath, applyResultPath } from './index.ts';

const tutorialInput = {
  comment: 'This is a test of the input and output of a Task state.',
  details: 'Default example',
  who: 'AWS Step Functions',
};
const result = 'Hello, AWS Step Functions!';

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StatesError);
    return err as StatesError;
  }
  throw new Error('expected a StatesError');
}

describe('applyResultPath (guide examples)', () => {
  it('replaces the input with the result by default or with $', () => {
    expect(applyResultPath(tutorialInput, result, undefined)).toBe(result);
    expect(applyResultPath(tutorialInput, result, '$')).toBe(result);
  });

  it('includes the result with the input', () => {
    expect(applyResultPath(tutorialInput, result, '$.taskresult')).toEqual({
      ...tutorialInput,
      taskresult: result,
    });
  });

  it('inserts the result into a child node', () => {
    const input = {
      comment: 'An input comment.',
      strings: { string1: 'foo', string2: 'bar', string3: 'baz' },
      who: 'AWS Step Functions',
    };
    expect(applyResultPath(input, result, '$.strings.lambdaresult')).toEqual({
      comment: 'An input comment.',
      strings: { string1: 'foo', string2: 'bar', string3: 'baz', lambdaresult: result },
      who: 'AWS Step Functions',
    });
  });

  it('updates an existing node', () => {
    expect(applyResultPath(tutorialInput, result, '$.comment')).toEqual({
      ...tutorialInput,
      comment: result,
    });
  });

  it('keeps the input and the error in a Catch', () => {
    expect(applyResultPath({ foo: 'bar' }, { Error: 'Error here' }, '$.error')).toEqual({
      foo: 'bar',
      error: { Error: 'Error here' },
    });
  });

  it('discards the result with null', () => {
    expect(applyResultPath(tutorialInput, result, null)).toBe(tutorialInput);
  });
});

describe('applyResultPath (edges)', () => {
  it('creates missing objects along the path', () => {
    expect(applyResultPath({}, 1, '$.a.b.c')).toEqual({ a: { b: { c: 1 } } });
  });

  it('replaces an existing array element', () => {
    expect(applyResultPath({ list: [1, 2, 3] }, 'x', '$.list[1]')).toEqual({ list: [1, 'x', 3] });
    expect(applyResultPath({ a: 1 }, 2, "$['odd key']")).toEqual({ a: 1, 'odd key': 2 });
  });

  it.each([
    ['a string input', 'hello', '$.x'],
    ['an array input', [1, 2], '$.x'],
    ['a null input', null, '$.x'],
    ['a scalar in the way', { a: 5 }, '$.a.b'],
    ['an index past the end', { list: [] }, '$.list[0]'],
    ['a wildcard', { a: {} }, '$.a[*]'],
    ['a filter', { a: [] }, '$.a[?(@.x)]'],
    ['a deep scan', { a: {} }, '$..a'],
    ['a context path', {}, '$$.Execution'],
    ['a malformed path', {}, '$.a['],
  ])('fails with States.ResultPathMatchFailure for %s', (_label, input, path) => {
    const err = failure(() => applyResultPath(input, 1, path));
    expect(err.error).toBe('States.ResultPathMatchFailure');
    expect(err.causeText).toContain(path);
  });
});

// Field names that are safe in a dot path.
const fieldName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const jsonObject = fc.dictionary(fieldName, fc.jsonValue(), { maxKeys: 5 });

describe('applyResultPath (properties)', () => {
  it('reading the path afterwards returns the result', () => {
    fc.assert(
      fc.property(
        jsonObject,
        fc.array(fieldName, { minLength: 1, maxLength: 4 }),
        fc.jsonValue(),
        (input, keys, value) => {
          // Make every prefix of the path an object (or absent) so the path can apply.
          let node: Record<string, unknown> = input;
          for (const key of keys.slice(0, -1)) {
            const child = node[key];
            if (typeof child !== 'object' || child === null || Array.isArray(child)) node[key] = {};
            node = node[key] as Record<string, unknown>;
          }
          const path = `$.${keys.join('.')}`;
          const output = applyResultPath(input, value, path);
          const scope = { input: output, context: {}, variables: {} };
          expect(applyPath(path, output, scope, 'OutputPath')).toEqual(value);
        },
      ),
    );
  });

  it('never mutates the input', () => {
    fc.assert(
      fc.property(
        jsonObject,
        fc.array(fieldName, { minLength: 1, maxLength: 3 }),
        fc.jsonValue(),
        (input, keys, value) => {
          const before = structuredClone(input);
          try {
            applyResultPath(input, value, `$.${keys.join('.')}`);
          } catch (err) {
            expect((err as StatesError).error).toBe('States.ResultPathMatchFailure');
          }
          expect(input).toEqual(before);
        },
      ),
    );
  });
});
