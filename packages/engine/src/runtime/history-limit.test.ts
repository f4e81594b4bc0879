import { describe, expect, it } from 'vitest';
import { runStateMachine } from './run-state-machine.ts';
import { detailsOf, jsonata } from './test/helpers.ts';

// AWS's hard quota of 25,000 history events: event 25,000 must be ExecutionSucceeded, otherwise
// it is ExecutionFailed with States.Runtime and the execution stops there.

/** A counting loop: 1 + 4 × rounds + 2 + 1 events (Pass and Choice per round, then Succeed). */
function countTo(rounds: number) {
  return jsonata({
    Count: { Type: 'Pass', Output: { n: '{% $states.input.n + 1 %}' }, Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Condition: `{% $states.input.n < ${rounds} %}`, Next: 'Count' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  });
}

describe('the 25,000-event history quota', () => {
  it('fails a run that would go past it, with event 25,000 as ExecutionFailed', async () => {
    const run = await runStateMachine(countTo(6250), { n: 0 }); // would need 25,004 events
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.Runtime');
    expect(run.cause).toBe('The execution reached the maximum number of history events (25000).');
    expect(run.history).toHaveLength(25_000);
    const last = run.history.at(-1)!;
    expect(last).toMatchObject({ id: 25_000, previousEventId: 24_999, type: 'ExecutionFailed' });
    expect(detailsOf(last)).toEqual({
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    expect(run.history.map((e) => e.id)).toEqual(Array.from({ length: 25_000 }, (_, i) => i + 1));
  });

  it('lets a run whose ExecutionSucceeded is exactly event 25,000 succeed', async () => {
    const run = await runStateMachine(countTo(6249), { n: 0 }); // exactly 25,000 events
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({ n: 6249 });
    expect(run.history.at(-1)).toMatchObject({ id: 25_000, type: 'ExecutionSucceeded' });
  });
});
