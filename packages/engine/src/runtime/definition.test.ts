import { describe, expect, it } from 'vitest';
import { loadDefinition } from './definition.ts';
import { InvalidDefinitionError } from './errors.ts';

function problemsOf(definition: unknown): { path: string; message: string }[] {
  try {
    loadDefinition(definition as object);
  } catch (err) {
    if (err instanceof InvalidDefinitionError) return err.problems;
    throw err;
  }
  return [];
}

describe('definition validation', () => {
  it('accepts a valid definition and compiles it once (cached by text)', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect(loadDefinition(def)).toBe(loadDefinition(JSON.stringify(def)));
  });

  it('lists every problem at once, with paths into nested branches and processors', () => {
    const problems = problemsOf({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Wait', End: true } } }],
          Retry: [{ ErrorEquals: ['States.ALL', 'Other'] }, { ErrorEquals: ['A'], BackoffRate: 0.5 }],
          Next: 'M',
        },
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Q', States: { Q: { Type: 'Pass', Next: 'Gone' } } },
          Catch: [{ ErrorEquals: [], Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed', Next: 'P' },
        Lonely: { Type: 'Pass', Retry: [], End: true },
      },
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'States.P.Branches[0].States.X',
        'States.P.Retry[0].ErrorEquals',
        'States.P.Retry[1].BackoffRate',
        'States.M.ItemProcessor.States.Q.Next',
        'States.M.Catch[0].ErrorEquals',
        'States.Done',
        'States.Lonely',
        'States.Lonely.Retry',
      ]),
    );
    expect(problems.every((p) => p.message.length > 10)).toBe(true);
  });

  it('rejects JSONPath fields in JSONata states, bad JSONata, and a JSONPath state under a JSONata machine', () => {
    const problems = problemsOf({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { a: 1 }, Output: '{% 1 + %}', Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true },
      },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'States.A.Parameters',
      'States.A.Output',
      'States.B.QueryLanguage',
    ]);
  });

  it('rejects a malformed intrinsic function and a ResultPath that is not a reference path', () => {
    const problems = problemsOf({
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          Parameters: { nested: { 'x.$': "States.Format('{}'" } },
          ResultPath: '$.a[*]',
          End: true,
        },
      },
    });
    expect(problems.map((p) => p.path)).toEqual(['States.A.Parameters.nested.x.$', 'States.A.ResultPath']);
  });

  it('rejects what is not JSON or not an object', () => {
    expect(problemsOf('{not json')[0].path).toBe('$');
    expect(problemsOf([])[0].message).toMatch(/object/);
  });
});
