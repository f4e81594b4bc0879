import { describe, expect, it } from 'vitest';
import { compileWorkflow } from './compile.ts';
import { graph, testCatalog } from './test-support.ts';

// CreateStateMachine's `definition`: at most 1,048,576 characters (Step Functions API reference).
const AWS_DEFINITION_LIMIT = 1_048_576;

/** 1,000 nodes: a trigger and 333 diamonds (a two-test condition, then one of two transforms). */
function conditionHeavyWorkflow() {
  const g = graph().node('start', 'trigger.webhook');
  let open = ['start'];
  for (let i = 0; i < 333; i++) {
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
  });
});
