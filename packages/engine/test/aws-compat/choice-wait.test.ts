// Choice and Wait states:
// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
import { describe, expect, it } from 'vitest';
import { detailsOf, eventsOf, jsonpath, runStateMachine, secondsBetween, types } from './helpers.ts';

/** A Choice with one rule to "Yes", default "No"; answers which was taken. */
async function decide(rule: Record<string, unknown>, input: unknown): Promise<string> {
  const run = await runStateMachine(
    jsonpath({
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
      Yes: { Type: 'Pass', Result: 'Yes', End: true },
      No: { Type: 'Pass', Result: 'No', End: true },
    }),
    input,
  );
  if (run.status !== 'SUCCEEDED') throw new Error(`${run.error}: ${run.cause}`);
  return run.output as string;
}

describe('Choice rules (JSONPath)', () => {
  it("the guide's And/Not/Or example routes by value", async () => {
    const machine = jsonpath({
      ChoiceStateX: {
        Type: 'Choice',
        Choices: [
          { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
          {
            And: [
              { Variable: '$.value', IsPresent: true },
              { Variable: '$.value', IsNumeric: true },
              { Variable: '$.value', NumericGreaterThanEquals: 20 },
              { Variable: '$.value', NumericLessThan: 30 },
            ],
            Next: 'ValueInTwenties',
          },
          { Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold', Next: 'StartAudit' },
        ],
        Default: 'DefaultState',
      },
      Public: { Type: 'Pass', Result: 'Public', End: true },
      ValueInTwenties: { Type: 'Pass', Result: 'ValueInTwenties', End: true },
      StartAudit: { Type: 'Pass', Result: 'StartAudit', End: true },
      DefaultState: { Type: 'Pass', Result: 'DefaultState', End: true },
    });
    const out = async (input: unknown) => (await runStateMachine(machine, input)).output;
    expect(await out({ type: 'Public' })).toBe('Public');
    expect(await out({ type: 'Private', value: 25 })).toBe('ValueInTwenties');
    expect(await out({ type: 'Private', value: 35, rating: 60, auditThreshold: 50 })).toBe('StartAudit');
    expect(await out({ type: 'Private', value: 35, rating: 40, auditThreshold: 50 })).toBe('DefaultState');
  });

  it('StringMatches: * is a wildcard and \\\\* a literal star', async () => {
    expect(await decide({ Variable: '$.f', StringMatches: 'log-*.txt' }, { f: 'log-2024-01.txt' })).toBe(
      'Yes',
    );
    expect(await decide({ Variable: '$.f', StringMatches: 'log-*.txt' }, { f: 'log-2024-01.csv' })).toBe(
      'No',
    );
    expect(await decide({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'a*b' })).toBe('Yes');
    expect(await decide({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'axxb' })).toBe('No');
  });

  it('a comparison on the wrong type is false, not an error', async () => {
    expect(await decide({ Variable: '$.v', NumericEquals: 1 }, { v: '1' })).toBe('No');
    expect(await decide({ Variable: '$.v', StringEquals: '1' }, { v: 1 })).toBe('No');
    expect(await decide({ Variable: '$.v', BooleanEquals: true }, { v: 'true' })).toBe('No');
  });

  it('IsPresent, IsNull, IsString, IsBoolean, IsTimestamp', async () => {
    expect(await decide({ Variable: '$.v', IsPresent: false }, {})).toBe('Yes');
    expect(await decide({ Variable: '$.v', IsNull: true }, { v: null })).toBe('Yes');
    expect(await decide({ Variable: '$.v', IsString: true }, { v: 'x' })).toBe('Yes');
    expect(await decide({ Variable: '$.v', IsBoolean: true }, { v: false })).toBe('Yes');
    expect(await decide({ Variable: '$.v', IsTimestamp: true }, { v: '2016-03-14T01:59:00Z' })).toBe('Yes');
    expect(await decide({ Variable: '$.v', IsTimestamp: true }, { v: 'yesterday' })).toBe('No');
  });

  it('Timestamp comparisons order RFC 3339 instants', async () => {
    expect(
      await decide(
        { Variable: '$.t', TimestampLessThan: '2016-03-14T01:59:00Z' },
        { t: '2016-03-14T01:58:59Z' },
      ),
    ).toBe('Yes');
    expect(
      await decide(
        { Variable: '$.t', TimestampEqualsPath: '$.u' },
        { t: '2016-03-14T01:59:00Z', u: '2016-03-14T01:59:00Z' },
      ),
    ).toBe('Yes');
  });

  it('string comparisons are lexical', async () => {
    expect(await decide({ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' })).toBe('Yes');
    expect(await decide({ Variable: '$.s', StringGreaterThanEquals: 'b' }, { s: 'a' })).toBe('No');
  });

  it('with no match and no Default, fails with States.NoChoiceMatched', async () => {
    const run = await runStateMachine(
      jsonpath({
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'D' }] },
        D: { Type: 'Succeed' },
      }),
      { a: 2 },
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.NoChoiceMatched');
    expect(types(run.history)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
  });

  it('records ChoiceStateEntered/Exited and applies OutputPath', async () => {
    const run = await runStateMachine(
      jsonpath({
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'D' }],
          OutputPath: '$.keep',
        },
        D: { Type: 'Succeed' },
      }),
      { a: 1, keep: { k: true } },
    );
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(run.output).toEqual({ k: true });
  });
});

describe('Wait', () => {
  const waitFor = async (fields: Record<string, unknown>, input: unknown) => {
    const run = await runStateMachine(jsonpath({ W: { Type: 'Wait', ...fields, End: true } }), input);
    const entered = eventsOf(run.history, 'WaitStateEntered')[0];
    const exited = eventsOf(run.history, 'WaitStateExited')[0];
    return { run, seconds: secondsBetween(entered, exited) };
  };
  const start = Date.UTC(2024, 0, 1);

  it('Seconds waits that long and passes its input on', async () => {
    const { run, seconds } = await waitFor({ Seconds: 10 }, { a: 1 });
    expect(seconds).toBe(10);
    expect(run.output).toEqual({ a: 1 });
    expect(types(run.history)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('SecondsPath reads the delay from the input', async () => {
    expect((await waitFor({ SecondsPath: '$.expirydate' }, { expirydate: 15 })).seconds).toBe(15);
  });

  it('Timestamp waits until an absolute time', async () => {
    const due = new Date(start + 3600_000).toISOString().replace('.000', '');
    expect((await waitFor({ Timestamp: due }, {})).seconds).toBe(3600);
  });

  it('TimestampPath reads the time from the input', async () => {
    const due = new Date(start + 90_000).toISOString().replace('.000', '');
    expect((await waitFor({ TimestampPath: '$.expirydate' }, { expirydate: due })).seconds).toBe(90);
  });

  it('a Timestamp in the past does not wait', async () => {
    expect((await waitFor({ Timestamp: '2016-03-14T01:59:00Z' }, {})).seconds).toBe(0);
  });

  it('InputPath and OutputPath apply to a Wait state', async () => {
    const { run } = await waitFor({ Seconds: 1, InputPath: '$.a', OutputPath: '$.b' }, { a: { b: 'kept' } });
    expect(run.output).toBe('kept');
    expect(JSON.parse(detailsOf(eventsOf(run.history, 'WaitStateExited')[0]).output)).toBe('kept');
  });
});
