// Compiled json-logic conditions: µs per evaluation with jsonata 2.2 and definition size, before
// (the compiler of commit ce5f698, its output kept in fixtures/conditions-before.ts) and after the
// typed fast paths. Each rule is evaluated the way the runtime does it for a Choice state: the
// compiled expression, parsed once, with `$trigger` bound.
import {
  compileCondition,
  compileWorkflow,
  type WorkflowEdge,
  type WorkflowGraph,
  type WorkflowNode,
} from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import jsonata from 'jsonata';
import { BEFORE, beforeSizeRule } from './fixtures/conditions-before.ts';
import { type Measurement, measure } from './harness.ts';

const EVALUATIONS = 1000;
const RUNS = 11;

/** Every rule shape the bench times; the names key the fixture of compiled-before texts. */
export const RULES: Record<string, unknown> = {
  'amount > 100': { '>': [{ var: 'trigger.body.amount' }, 100] },
  'status == "paid"': { '==': [{ var: 'trigger.body.status' }, 'paid'] },
  'and(amount > 5, status == "paid")': {
    and: [{ '>': [{ var: 'trigger.body.amount' }, 5] }, { '==': [{ var: 'trigger.body.status' }, 'paid'] }],
  },
  '1 < n < 10': { '<': [1, { var: 'trigger.body.n' }, 10] },
  'channel in [list]': { in: [{ var: 'trigger.body.channel' }, ['x', 'linkedin', 'mastodon']] },
  'contains(title, "launch")': { contains: [{ var: 'trigger.body.title' }, 'launch'] },
  'starts_with(url, "https://")': { starts_with: [{ var: 'trigger.body.url' }, 'https://'] },
  'is_empty(notes)': { is_empty: [{ var: 'trigger.body.notes' }] },
  '!!approved': { '!!': [{ var: 'trigger.body.approved' }] },
};

/** A webhook's trigger: every field has the type its rule expects (the fast path). */
const TRIGGER = {
  headers: { 'content-type': 'application/json' },
  body: {
    amount: 150,
    status: 'paid',
    n: 5,
    channel: 'linkedin',
    title: 'Our launch day',
    url: 'https://example.com/a',
    notes: '',
    approved: true,
  },
};
/** The same with the amount sent as text: `amount > 100` takes the general branch. */
const TRIGGER_AMOUNT_AS_TEXT = { ...TRIGGER, body: { ...TRIGGER.body, amount: '150' } };

async function microsPerEvaluation(text: string, trigger: unknown): Promise<number> {
  const expression = jsonata(text);
  const bindings = { trigger };
  const started = performance.now();
  for (let i = 0; i < EVALUATIONS; i++) await expression.evaluate(null, bindings);
  return ((performance.now() - started) * 1000) / EVALUATIONS;
}

async function compare(name: string, rule: unknown, trigger: unknown): Promise<Measurement[]> {
  const before = BEFORE[name];
  const after = compileCondition(rule);
  // Both must give the same answer, or the comparison means nothing.
  const answers = await Promise.all([before, after].map((t) => jsonata(t).evaluate(null, { trigger })));
  if (answers[0] !== answers[1]) throw new Error(`${name}: before ${answers[0]}, after ${answers[1]}`);
  // Before and after alternate, so a busy spell on the shared machine hits both alike.
  const times: [number[], number[]] = [[], []];
  await microsPerEvaluation(before, trigger); // warm-up
  await microsPerEvaluation(after, trigger);
  for (let run = 0; run < RUNS; run++) {
    times[0].push(await microsPerEvaluation(before, trigger));
    times[1].push(await microsPerEvaluation(after, trigger));
  }
  const size = (t: string) => `${JSON.stringify(t).length.toLocaleString('en-US')} chars in the definition`;
  return [
    await measure(`${name}: before`, 'µs/eval', RUNS, () => times[0].shift() ?? 0, size(before)),
    await measure(`${name}: after`, 'µs/eval', RUNS, () => times[1].shift() ?? 0, size(after)),
  ];
}

/**
 * A webhook trigger and `diamonds` × (a two-test condition, then one of two transforms): the
 * 1,000-node workflow of packages/engine/src/compile/definition-size.test.ts.
 */
function conditionHeavyWorkflow(diamonds = 333): WorkflowGraph {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const add = (id: string, type: string, params: Record<string, unknown>) =>
    nodes.push({
      id,
      type,
      version: 1,
      params,
      position: { x: (nodes.length % 3) * 220, y: nodes.length * 40 },
    });
  const connect = (source: string, target: string, sourceHandle: string | null = null) =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle, target });
  add('start', 'trigger.webhook', { responseMode: 'async' });
  let open = ['start'];
  for (let i = 0; i < diamonds; i++) {
    const rule = {
      and: [{ '>': [{ var: 'trigger.body.amount' }, i] }, { '==': [{ var: 'trigger.body.status' }, 'paid'] }],
    };
    add(`check_${i}`, 'logic.condition', { rule });
    for (const from of open) connect(from, `check_${i}`);
    for (const side of ['big', 'small']) {
      add(`${side}_${i}`, 'data.transform', { output: { n: `{% $trigger.body.amount + ${i} %}` } });
    }
    connect(`check_${i}`, `big_${i}`, 'true');
    connect(`check_${i}`, `small_${i}`, 'false');
    open = [`big_${i}`, `small_${i}`];
  }
  return { schemaVersion: 1, nodes, edges };
}

/** The definition's size in characters now, and with the conditions the previous compiler wrote. */
function definitionSizes(): { before: number; after: number } {
  const { definition } = compileWorkflow(conditionHeavyWorkflow(), createBuiltinCatalog());
  const after = JSON.stringify(definition).length;
  const states = structuredClone(definition.States) as Record<string, { Choices?: { Condition: string }[] }>;
  for (const [name, state] of Object.entries(states)) {
    const i = /^check_(\d+)$/.exec(name)?.[1];
    if (i !== undefined && state.Choices) state.Choices[0].Condition = `{% ${beforeSizeRule(Number(i))} %}`;
  }
  return { before: JSON.stringify({ ...definition, States: states }).length, after };
}

export async function run(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const [name, rule] of Object.entries(RULES)) results.push(...(await compare(name, rule, TRIGGER)));
  const general = await compare('amount > 100', RULES['amount > 100'], TRIGGER_AMOUNT_AS_TEXT);
  for (const m of general) m.name = m.name.replace('amount > 100', 'amount > 100, amount sent as "150"');
  results.push(...general);
  const sizes = definitionSizes();
  const limit = 'Step Functions limit: 1,048,576';
  results.push(
    await measure('1,000-node condition workflow, definition: before', 'chars', 1, () => sizes.before, limit),
    await measure('1,000-node condition workflow, definition: after', 'chars', 1, () => sizes.after, limit),
  );
  return results;
}
