// Every intrinsic function, driven by the examples of AWS's developer guide ("Intrinsic
// functions for JSONPath states"), plus the argument checks and limits AWS documents.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatesError } from '../../errors.ts';
import { evaluateIntrinsic, type JsonPathScope } from '../index.ts';

const scopeOf = (input: unknown, variables: Record<string, unknown> = {}): JsonPathScope => ({
  input,
  context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1' } },
  variables,
});
const run = (expression: string, input: unknown = {}) => evaluateIntrinsic(expression, scopeOf(input));

function intrinsicFailure(expression: string, input: unknown = {}): StatesError {
  try {
    run(expression, input);
  } catch (err) {
    expect(err).toBeInstanceOf(StatesError);
    expect((err as StatesError).error).toBe('States.IntrinsicFailure');
    return err as StatesError;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe('States.Format', () => {
  const input = { name: 'Arnav', template: 'Hello, my name is {}.' };

  it('interpolates a literal template, as in the guide', () => {
    expect(run("States.Format('Hello, my name is {}.', $.name)", input)).toBe('Hello, my name is Arnav.');
  });

  it('takes the template from a path', () => {
    expect(run('States.Format($.template, $.name)', input)).toBe('Hello, my name is Arnav.');
  });

  it('prints numbers, booleans and null like JSON scalars', () => {
    expect(run("States.Format('{} {} {} {}', 42, 1.5, true, null)")).toBe('42 1.5 true null');
  });

  it("honours the escapes \\' \\{ \\} \\\\ in literal strings", () => {
    expect(run("States.Format('it\\'s \\{literal\\} {} \\\\ done', 'x')")).toBe("it's {literal} x \\ done");
  });

  it('treats an escaped placeholder as text', () => {
    expect(run("States.Format('\\{}')")).toBe('{}');
  });

  it('fails when placeholders and arguments do not match', () => {
    expect(intrinsicFailure("States.Format('{} and {}', 'one')").causeText).toMatch(/2 placeholder/);
    intrinsicFailure("States.Format('none', 'extra')");
  });

  it('refuses objects and arrays as values', () => {
    intrinsicFailure("States.Format('{}', $.obj)", { obj: { a: 1 } });
  });

  it("supports the guide's nine-level nesting example", () => {
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.v1/1.0.0';
    const part = (i: number) =>
      `States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), ${i})`;
    const input = { ImageRecipe: { Arn: arn } };
    expect(run(`States.Format('{}.{}', ${part(0)}, ${part(1)})`, input)).toBe('1.0');
    // The guide prints this call with three placeholders and two values: that mismatch fails.
    intrinsicFailure(`States.Format('{}.{}.{}', ${part(0)}, ${part(1)})`, input);
  });
});

describe('JSON functions', () => {
  it('States.StringToJson parses an escaped JSON string', () => {
    expect(run('States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' })).toEqual({
      foo: 'bar',
    });
  });

  it('States.StringToJson fails on text that is not JSON', () => {
    intrinsicFailure("States.StringToJson('{not json')");
  });

  it('States.JsonToString serialises the value a path selects', () => {
    expect(run('States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar' } })).toBe(
      '{"foo":"bar"}',
    );
  });

  it('States.JsonMerge merges shallowly: the second object wins whole keys', () => {
    const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };
    expect(run('States.JsonMerge($.json1, $.json2, false)', input)).toEqual({
      a: { a3: 1, a4: 2 },
      b: 2,
      c: 3,
    });
  });

  it('States.JsonMerge refuses a deep merge and non-objects', () => {
    intrinsicFailure('States.JsonMerge($.a, $.a, true)', { a: {} });
    intrinsicFailure('States.JsonMerge($.a, $.b, false)', { a: {}, b: [1] });
  });
});

describe('array functions', () => {
  const inputArray = [1, 2, 3, 4, 5, 6, 7, 8, 9];

  it('States.Array builds an array from its arguments', () => {
    expect(run('States.Array($.Id)', { Id: 123456 })).toEqual([123456]);
    expect(run("States.Array('a', 1, true, null, States.Array())")).toEqual(['a', 1, true, null, []]);
  });

  it('States.ArrayPartition cuts an array into chunks', () => {
    expect(run('States.ArrayPartition($.inputArray, 4)', { inputArray })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
  });

  it('States.ArrayPartition needs a positive integer chunk size', () => {
    intrinsicFailure('States.ArrayPartition($.a, 0)', { a: [1] });
    intrinsicFailure('States.ArrayPartition($.a, 1.5)', { a: [1] });
  });

  it('States.ArrayContains looks for a value', () => {
    expect(run('States.ArrayContains($.inputArray, $.lookingFor)', { inputArray, lookingFor: 5 })).toBe(true);
    expect(run('States.ArrayContains($.inputArray, 10)', { inputArray })).toBe(false);
    expect(run('States.ArrayContains($.a, $.o)', { a: [{ x: 1, y: 2 }], o: { y: 2, x: 1 } })).toBe(true);
  });

  it('States.ArrayRange counts from start to end by step', () => {
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayRange(1, 0, 1)')).toEqual([]);
  });

  it('States.ArrayRange stops at 1000 items', () => {
    expect(run('States.ArrayRange(1, 1000, 1)')).toHaveLength(1000);
    expect(intrinsicFailure('States.ArrayRange(0, 1000, 1)').causeText).toMatch(/1001 items/);
    intrinsicFailure('States.ArrayRange(0, 10, 0)');
  });

  it('States.ArrayGetItem returns the item at an index', () => {
    expect(run('States.ArrayGetItem($.inputArray, $.index)', { inputArray, index: 5 })).toBe(6);
    intrinsicFailure('States.ArrayGetItem($.inputArray, 9)', { inputArray });
    intrinsicFailure('States.ArrayGetItem($.inputArray, -1)', { inputArray });
  });

  it('States.ArrayLength counts items', () => {
    expect(run('States.ArrayLength($.inputArray)', { inputArray })).toBe(9);
    intrinsicFailure("States.ArrayLength('abc')");
  });

  it('States.ArrayUnique removes duplicates, keeping first occurrences', () => {
    expect(run('States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([
      1, 2, 3, 4,
    ]);
    expect(run('States.ArrayUnique($.a)', { a: [{ k: 1 }, { k: 1 }, [1], [1], '1'] })).toEqual([
      { k: 1 },
      [1],
      '1',
    ]);
  });

  it('ArrayPartition chunks flatten back to the original array (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 20 }), (array, size) => {
        const chunks = run(`States.ArrayPartition($.a, ${size})`, { a: array }) as unknown[][];
        expect(chunks.flat()).toEqual(array);
        expect(chunks.every((c, i) => c.length === size || (i === chunks.length - 1 && c.length > 0))).toBe(
          true,
        );
      }),
    );
  });

  it('ArrayUnique is idempotent and keeps every value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), (array) => {
        const once = run('States.ArrayUnique($.a)', { a: array }) as number[];
        expect(run('States.ArrayUnique($.a)', { a: once })).toEqual(once);
        expect(new Set(once)).toEqual(new Set(array));
      }),
    );
  });
});

describe('encoding and hashing', () => {
  it('States.Base64Encode and Base64Decode follow the guide', () => {
    expect(run('States.Base64Encode($.input)', { input: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run('States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' })).toBe('Data to encode');
  });

  it('Base64Decode(Base64Encode(s)) = s for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const encoded = run('States.Base64Encode($.s)', { s });
        expect(run('States.Base64Decode($.e)', { e: encoded })).toBe(s);
      }),
    );
  });

  it('limits Base64 and Hash inputs to 10,000 characters', () => {
    const ok = 'a'.repeat(10_000);
    const tooLong = 'a'.repeat(10_001);
    expect(run('States.Base64Encode($.s)', { s: ok })).toHaveLength(13_336);
    expect(intrinsicFailure('States.Base64Encode($.s)', { s: tooLong }).causeText).toMatch(
      /10001 characters/,
    );
    intrinsicFailure('States.Base64Decode($.s)', { s: 'QUFB'.repeat(2501) });
    intrinsicFailure("States.Hash($.s, 'MD5')", { s: tooLong });
  });

  it('Base64Decode rejects text that is not Base64', () => {
    intrinsicFailure("States.Base64Decode('not base64!')");
  });

  it('States.Hash computes the documented SHA-1 and the other algorithms', () => {
    expect(run('States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' })).toBe(
      'aaff4a450a104cd177d28d18d74485e8cae074b7',
    );
    expect(run("States.Hash('', 'MD5')")).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(run("States.Hash('', 'SHA-256')")).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(run("States.Hash('abc', 'SHA-384')")).toHaveLength(96);
    expect(run("States.Hash('abc', 'SHA-512')")).toHaveLength(128);
  });

  it('States.Hash refuses unknown algorithms', () => {
    expect(intrinsicFailure("States.Hash('x', 'SHA256')").causeText).toMatch(
      /unsupported algorithm 'SHA256'/,
    );
  });
});

describe('math, strings and UUIDs', () => {
  it('States.MathAdd adds, as in the guide (111 + -1 = 110)', () => {
    expect(run('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
  });

  it('States.MathAdd rounds non-integers and refuses non-numbers', () => {
    expect(run('States.MathAdd(1.6, 1)')).toBe(3);
    intrinsicFailure("States.MathAdd('1', 1)");
    intrinsicFailure('States.MathAdd(2147483648, 1)');
  });

  it('States.MathRandom stays within [start, end)', () => {
    for (let i = 0; i < 50; i += 1) {
      const n = run('States.MathRandom($.start, $.end)', { start: 1, end: 999 }) as number;
      expect(Number.isInteger(n) && n >= 1 && n < 999).toBe(true);
    }
  });

  it('States.MathRandom with a seed is repeatable', () => {
    const a = run('States.MathRandom(1, 1000, 7)');
    expect(run('States.MathRandom(1, 1000, 7)')).toBe(a);
    intrinsicFailure('States.MathRandom(5, 5)');
  });

  it('seeded MathRandom stays in range for any seed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 5000 }),
        (seed, start, span) => {
          const n = run(`States.MathRandom(${start}, ${start + span}, ${seed})`) as number;
          expect(n >= start && n < start + span).toBe(true);
        },
      ),
    );
  });

  it('States.StringSplit splits on every delimiter character, as in the guide', () => {
    expect(
      run('States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }),
    ).toEqual(['1', '2', '3', '4', '5']);
    expect(
      run('States.StringSplit($.inputString, $.splitter)', {
        inputString: 'This.is+a,test=string',
        splitter: '.+,=',
      }),
    ).toEqual(['This', 'is', 'a', 'test', 'string']);
  });

  it('States.UUID returns a version 4 UUID', () => {
    const uuid = run('States.UUID()') as string;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run('States.UUID()')).not.toBe(uuid);
  });
});

describe('arguments', () => {
  it('reads the context object and variables', () => {
    const scope = scopeOf({}, { greeting: { text: 'hi' } });
    expect(evaluateIntrinsic("States.Format('{} from {}', $greeting.text, $$.Execution.Id)", scope)).toBe(
      'hi from arn:aws:states:us-east-1:123456789012:execution:sm:run-1',
    );
  });

  it('fails when a path argument selects nothing', () => {
    expect(intrinsicFailure('States.ArrayLength($.missing)').causeText).toMatch(
      /No results for path: \$\['missing'\]/,
    );
  });

  it('checks the number of arguments', () => {
    expect(intrinsicFailure('States.ArrayLength()').causeText).toMatch(/takes 1 argument/);
    intrinsicFailure('States.UUID(1)');
    intrinsicFailure('States.MathRandom(1, 2, 3, 4)');
  });

  it('fails on unknown functions', () => {
    expect(intrinsicFailure('States.Nope(1)').causeText).toMatch(/Unknown intrinsic function 'States.Nope'/);
  });
});
