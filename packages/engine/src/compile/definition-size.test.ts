import { describe, expect, it } from 'vitest';
import { compileWorkflow, MAX_DEFINITION_LENGTH } from './compile.ts';
import { CompileError } from './errors.ts';
import { graph, testCatalog } from './test-support.ts';

const AWS_DEFINITION_LIMIT = MAX_DEFINITION_LENGTH;

/** A trigger and `diamonds` × (a two-test condition, then one of two transforms): 1,000 nodes by default. */
function conditionHeavyWorkflow(diamonds = 333) {
  const g = graph().node('start', 'trigger.webhook');
  let open = ['start'];
  for (let i = 0; i < diamonds; i++) {
    const rule = {
      and: [{ '>': [{ var: 'trigger.body.amount' }, i] }, { '==': [{ var: 'trigger.body.status' }, 'paid'] }],
    };
    g.node(`check_${i}`, 'logic.condition', { rule });
    for (const from of open) g.edge(from, `check_${i}`);
    for (const side of ['big', 'small']) {
      g.node(`${side}_${i}`, 'data.transform', { output: { n: `{% $trigger.body.amount + ${i} %}` } });
    }
    g.edge(`check_${i}`, `big_${i}`, 'true').edge(`check_${i}`, `small_${i}`, 'false');
    open = [`big_${i}`, `small_${i}`];
  }
  return g.build();
}

describe('definition size', () => {
  it('keeps a 1,000-node workflow of conditions under Step Functions’ definition limit', () => {
    const workflow = conditionHeavyWorkflow();
    expect(workflow.nodes).toHaveLength(1000);
    const { definition } = compileWorkflow(workflow, testCatalog);
    const bytes = Buffer.byteLength(JSON.stringify(definition));
    expect(bytes).toBeLessThan(AWS_DEFINITION_LIMIT);
    // ~591,000 since the typed fast paths (885,407 before): a condition's helpers come only with
    // the general branches it needs. Growing past this is a regression worth a look.
    expect(bytes).toBeLessThan(650_000);
  });

  it('refuses a workflow whose state machine would pass the limit, saying so in words', () => {
    const huge = conditionHeavyWorkflow(1200);
    let error: unknown;
    try {
      compileWorkflow(huge, testCatalog);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).problems).toEqual([
      {
        path: '',
        message: expect.stringMatching(/too large to run: .* \d+ KB .* at most 1024 KB\. Split it/),
      },
    ]);
  });
});
