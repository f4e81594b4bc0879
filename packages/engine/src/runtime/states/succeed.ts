import type { Tx } from '../commit.ts';
import { complete } from '../completion.ts';
import { completeState, effectiveInput } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import type { Execution } from '../execution.ts';
import type { Live } from '../live.ts';

/** Succeed: ends its thread with its (filtered) input as output. */
export async function runSucceed(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const raw = live.s.input;
  const env = ex.env(live);
  const effective = effectiveInput(node, raw, env);
  return complete(
    ex,
    live,
    node,
    tx,
    await completeState(node, raw, effective, undefined, false, env),
    undefined,
  );
}
