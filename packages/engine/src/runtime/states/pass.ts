import type { Tx } from '../commit.ts';
import { complete } from '../completion.ts';
import { completeState, effectiveInput, jsonPathScope } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import type { Execution } from '../execution.ts';
import { cloneJson } from '../json.ts';
import { evaluatePayloadTemplate } from '../jsonpath/index.ts';
import type { Live } from '../live.ts';

/** Pass: JSONata Output/Assign; JSONPath InputPath → Parameters → Result → ResultPath → OutputPath. */
export async function runPass(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const raw = live.s.input;
  const env = ex.env(live);
  if (node.queryLanguage === 'JSONata')
    return complete(
      ex,
      live,
      node,
      tx,
      await completeState(node, raw, raw, undefined, false, env),
      node.next,
    );
  const effective = effectiveInput(node, raw, env);
  let result =
    'Parameters' in node.raw
      ? evaluatePayloadTemplate(node.raw.Parameters, jsonPathScope(env, effective), 'Parameters')
      : effective;
  // Result is literal: `.$` keys in it are not evaluated.
  if ('Result' in node.raw) result = cloneJson(node.raw.Result);
  return complete(
    ex,
    live,
    node,
    tx,
    await completeState(node, raw, effective, result, true, env),
    node.next,
  );
}
