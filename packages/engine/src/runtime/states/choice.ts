import type { Tx } from '../commit.ts';
import { complete } from '../completion.ts';
import { effectiveInput, jsonPathScope, jsonataBindings } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import { StatesError } from '../errors.ts';
import type { Execution } from '../execution.ts';
import { evaluateTemplate } from '../jsonata.ts';
import { applyPath, evaluateChoiceRule, evaluatePayloadTemplate } from '../jsonpath/index.ts';
import type { Live } from '../live.ts';

/** Choice: the first matching rule (JSONata Condition or JSONPath comparison) picks Next, else Default. */
export async function runChoice(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const raw = live.s.input;
  const env = ex.env(live);
  const effective = effectiveInput(node, raw, env);
  const jsonata = node.queryLanguage === 'JSONata';
  const bindings = jsonata ? jsonataBindings(env, raw) : undefined;
  const scope = jsonPathScope(env, effective);
  let matched: (typeof node.choices)[number] | undefined;
  for (let i = 0; i < node.choices.length && !matched; i++) {
    const rule = node.choices[i];
    if (jsonata) {
      const value = await evaluateTemplate(rule.condition!, bindings!, 'Condition');
      if (typeof value !== 'boolean')
        throw new StatesError(
          'States.QueryEvaluationError',
          `The Condition of Choices[${i}] must evaluate to a boolean, got ${JSON.stringify(value)}.`,
        );
      if (value) matched = rule;
    } else if (evaluateChoiceRule(rule.raw, scope)) matched = rule;
  }
  if (!matched && node.defaultNext === undefined)
    throw new StatesError('States.NoChoiceMatched', `No Matches! (state '${node.name}')`);
  const next = matched ? matched.next : node.defaultNext!;
  // A matching rule's Assign/Output replace the state's; the Default path uses the state's.
  let assigned: Record<string, unknown> | undefined;
  let output: unknown;
  if (jsonata) {
    const assignT = matched ? matched.assign : node.templates.Assign;
    const outputT = matched?.output ?? node.templates.Output;
    assigned = assignT
      ? ((await evaluateTemplate(assignT, bindings!, 'Assign')) as Record<string, unknown>)
      : undefined;
    output = outputT ? await evaluateTemplate(outputT, bindings!, 'Output') : raw;
  } else {
    const assignRaw = matched ? matched.raw.Assign : node.raw.Assign;
    assigned =
      assignRaw !== undefined
        ? (evaluatePayloadTemplate(assignRaw, scope, 'Assign') as Record<string, unknown>)
        : undefined;
    output =
      'OutputPath' in node.raw ? applyPath(node.raw.OutputPath, effective, scope, 'OutputPath') : effective;
  }
  return complete(ex, live, node, tx, { output, assigned }, next);
}
