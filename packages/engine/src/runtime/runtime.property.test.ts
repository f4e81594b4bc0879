import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runStateMachine } from './run-state-machine.ts';

// Random trees of Pass / Wait / Parallel / Map run to the output a direct evaluation predicts,
// and their history always has ids 1..n with each previousEventId pointing back.

type Node =
  | { kind: 'pass'; value: number }
  | { kind: 'wait'; seconds: number; value: number }
  | { kind: 'parallel'; branches: Node[] }
  | { kind: 'map'; items: number[]; body: Node };

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('pass' as const), value: fc.integer({ min: -50, max: 50 }) }),
    fc.record({
      kind: fc.constant('wait' as const),
      seconds: fc.integer({ min: 0, max: 86_400 }),
      value: fc.integer(),
    }),
    fc.record({
      kind: fc.constant('parallel' as const),
      branches: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('map' as const),
      items: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }),
      body: tie('node'),
    }),
  ),
})).node;

/** A one-state machine (JSONata) for a node; the item being processed is the state input. */
function machine(n: Node): { StartAt: string; States: Record<string, unknown> } {
  switch (n.kind) {
    case 'pass':
      return {
        StartAt: 'S',
        States: { S: { Type: 'Pass', Output: `{% $states.input + ${n.value} %}`, End: true } },
      };
    case 'wait':
      return {
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', Seconds: n.seconds, Next: 'S' },
          S: { Type: 'Pass', Output: `{% $states.input * 2 + ${n.value % 1000} %}`, End: true },
        },
      };
    case 'parallel':
      return {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: n.branches.map(machine),
            Output: '{% $sum($states.result) %}',
            End: true,
          },
        },
      };
    case 'map':
      return {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            // The outer [ ] keeps a one-item result an array (JSONata unwraps singleton sequences).
            Items: `{% [[${n.items.join(',')}].($ + $states.input)] %}`,
            ItemProcessor: machine(n.body),
            Output: '{% $sum($states.result) %}',
            End: true,
          },
        },
      };
  }
}

function expected(n: Node, input: number): number {
  switch (n.kind) {
    case 'pass':
      return input + n.value;
    case 'wait':
      return input * 2 + (n.value % 1000);
    case 'parallel':
      return n.branches.reduce((sum, b) => sum + expected(b, input), 0);
    case 'map':
      return n.items.reduce((sum, item) => sum + expected(n.body, item + input), 0);
  }
}

describe('runtime properties', () => {
  it('nested Parallel/Map/Wait trees give the predicted output and a well-formed history', async () => {
    await fc.assert(
      fc.asyncProperty(node, fc.integer({ min: -100, max: 100 }), async (tree, input) => {
        const run = await runStateMachine({ QueryLanguage: 'JSONata', ...machine(tree) }, input);
        expect(run.status).toBe('SUCCEEDED');
        expect(run.output).toBe(expected(tree, input));
        run.history.forEach((e, i) => {
          expect(e.id).toBe(i + 1);
          expect(e.previousEventId).toBeLessThan(e.id);
        });
        expect(run.history.at(-1)!.type).toBe('ExecutionSucceeded');
      }),
      { numRuns: 60 },
    );
  });
});
