// Intrinsic functions, with the inputs and outputs of
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
import { describe, expect, it } from 'vitest';
import { jsonpath, runStateMachine } from './helpers.ts';

/** Evaluates one intrinsic in a Pass state's Parameters and returns its value. */
async function evaluate(expression: string, input: unknown): Promise<unknown> {
  const run = await runStateMachine(
    jsonpath({ P: { Type: 'Pass', Parameters: { 'v.$': expression }, End: true } }),
    input,
  );
  if (run.status !== 'SUCCEEDED') throw new Error(`${run.error}: ${run.cause}`);
  return (run.output as { v: unknown }).v;
}

async function failure(expression: string, input: unknown) {
  const run = await runStateMachine(
    jsonpath({ P: { Type: 'Pass', Parameters: { 'v.$': expression }, End: true } }),
    input,
  );
  return { status: run.status, error: run.error };
}

const nine = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

describe('intrinsics for arrays', () => {
  it('States.Array', async () => {
    expect(await evaluate('States.Array($.Id)', { Id: 123456 })).toEqual([123456]);
  });
  it('States.ArrayPartition', async () => {
    expect(await evaluate('States.ArrayPartition($.inputArray,4)', nine)).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
  });
  it('States.ArrayContains', async () => {
    expect(
      await evaluate('States.ArrayContains($.inputArray, $.lookingFor)', { ...nine, lookingFor: 5 }),
    ).toBe(true);
  });
  it('States.ArrayRange', async () => {
    expect(await evaluate('States.ArrayRange(1, 9, 2)', {})).toEqual([1, 3, 5, 7, 9]);
  });
  it('States.ArrayGetItem', async () => {
    expect(await evaluate('States.ArrayGetItem($.inputArray, $.index)', { ...nine, index: 5 })).toBe(6);
  });
  it('States.ArrayLength', async () => {
    expect(await evaluate('States.ArrayLength($.inputArray)', nine)).toBe(9);
  });
  it('States.ArrayUnique', async () => {
    expect(
      await evaluate('States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }),
    ).toEqual([1, 2, 3, 4]);
  });
  it('States.ArrayRange with more than 1,000 items fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.ArrayRange(1, 2000, 1)', {})).toEqual({
      status: 'FAILED',
      error: 'States.IntrinsicFailure',
    });
  });
});

describe('intrinsics for encoding, hashing, JSON, math, strings', () => {
  it('States.Base64Encode / Base64Decode', async () => {
    expect(await evaluate('States.Base64Encode($.input)', { input: 'Data to encode' })).toBe(
      'RGF0YSB0byBlbmNvZGU=',
    );
    expect(await evaluate('States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' })).toBe(
      'Data to encode',
    );
  });
  it('States.Hash with SHA-1', async () => {
    expect(
      await evaluate('States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' }),
    ).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
  });
  it('States.JsonMerge is shallow', async () => {
    const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };
    expect(await evaluate('States.JsonMerge($.json1, $.json2, false)', input)).toEqual({
      a: { a3: 1, a4: 2 },
      b: 2,
      c: 3,
    });
  });
  it('States.StringToJson / JsonToString', async () => {
    expect(
      await evaluate('States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' }),
    ).toEqual({ foo: 'bar' });
    expect(await evaluate('States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar' } })).toBe(
      '{"foo":"bar"}',
    );
  });
  it('States.MathAdd', async () => {
    expect(await evaluate('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
  });
  it('States.MathRandom stays within [start, end)', async () => {
    const v = (await evaluate('States.MathRandom($.start, $.end)', { start: 1, end: 999 })) as number;
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(1);
    expect(v).toBeLessThan(999);
  });
  it('States.StringSplit splits on every delimiter character', async () => {
    expect(
      await evaluate('States.StringSplit($.inputString, $.splitter)', {
        inputString: '1,2,3,4,5',
        splitter: ',',
      }),
    ).toEqual(['1', '2', '3', '4', '5']);
    expect(
      await evaluate('States.StringSplit($.inputString, $.splitter)', {
        inputString: 'This.is+a,test=string',
        splitter: '.+,=',
      }),
    ).toEqual(['This', 'is', 'a', 'test', 'string']);
  });
  it('States.UUID gives a v4 UUID', async () => {
    expect(await evaluate('States.UUID()', {})).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
  it('States.Format fills {} in order', async () => {
    expect(await evaluate("States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' })).toBe(
      'Hello, my name is Arnav.',
    );
  });
  it("nested intrinsics (the guide's myArn example, with as many {} as arguments)", async () => {
    const expr =
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    const input = {
      ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/version/1.2.3' },
    };
    // 'arn:…:image-recipe' / 'version' / '1.2.3' → item 2 is '1.2.3' → '1' and '2'.
    expect(await evaluate(expr, input)).toBe('1.2');
  });
  it('an intrinsic with a bad argument fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.ArrayGetItem($.a, 5)', { a: [1] })).toMatchObject({
      status: 'FAILED',
      error: 'States.IntrinsicFailure',
    });
  });

  it('States.MathAdd rounds each argument first: the values recorded on AWS', async () => {
    // LocalStack test_math_operations.snapshot.json (recorded on AWS 13-09-2023):
    // (-9, 3) → -6, (1.49, 1.5) → 3, (1.5, 1.51) → 4, (-1.49, -1.5) → -2.
    const add = (fst: number, snd: number) => evaluate('States.MathAdd($.fst, $.snd)', { fst, snd });
    expect(await add(-9, 3)).toBe(-6);
    expect(await add(1.49, 1.5)).toBe(3);
    expect(await add(1.5, 1.51)).toBe(4);
    expect(await add(-1.49, -1.5)).toBe(-2);
  });

  it("escapes ' { } \\ with a backslash inside intrinsic strings", async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html ("Reserved characters")
    expect(await evaluate(String.raw`States.Format('a\{\} {} \'q\'', $.x)`, { x: 1 })).toBe("a{} 1 'q'");
  });

  it('States.Format renders strings bare and other values as JSON', async () => {
    expect(await evaluate("States.Format('{} {} {}', $.o, $.b, $.n)", { o: 'str', b: true, n: 1.5 })).toBe(
      'str true 1.5',
    );
  });

  it('States.JsonMerge with deep merge (true) fails with States.IntrinsicFailure', async () => {
    expect(await failure('States.JsonMerge($.a, $.b, true)', { a: {}, b: {} })).toEqual({
      status: 'FAILED',
      error: 'States.IntrinsicFailure',
    });
  });
});
