import type { Tx } from '../commit.ts';
import { complete } from '../completion.ts';
import { completeState, effectiveInput, jsonPathScope, jsonataBindings, numberField } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import { StatesError } from '../errors.ts';
import type { Execution } from '../execution.ts';
import { evaluateTemplate } from '../jsonata.ts';
import { evaluateValuePath } from '../jsonpath/index.ts';
import type { Live } from '../live.ts';
import { armTimer } from '../timers.ts';

/** Wait: computes the due time (Seconds, Timestamp or their Path forms), commits it, parks. */
export async function startWait(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  const env = ex.env(live);
  const effective = effectiveInput(node, s.input, env);
  const jsonata = node.queryLanguage === 'JSONata';
  const now = ex.deps.clock.now();
  let dueAt: number;
  if ('Seconds' in node.raw || 'SecondsPath' in node.raw) {
    const seconds = await numberField(node, 'Seconds', jsonata ? s.input : effective, env, {
      integer: true,
    });
    dueAt = now + (seconds ?? 0) * 1000;
  } else {
    let ts: unknown;
    if (jsonata && node.templates.Timestamp)
      ts = await evaluateTemplate(node.templates.Timestamp, jsonataBindings(env, s.input), 'Timestamp');
    else if (typeof node.raw.TimestampPath === 'string')
      ts = evaluateValuePath(node.raw.TimestampPath, jsonPathScope(env, effective), 'TimestampPath');
    else ts = node.raw.Timestamp;
    const parsed = typeof ts === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(ts) ? Date.parse(ts) : Number.NaN;
    if (Number.isNaN(parsed))
      throw new StatesError(
        jsonata ? 'States.QueryEvaluationError' : 'States.Runtime',
        `The Timestamp of state '${node.name}' must be an RFC 3339 timestamp such as 2016-08-18T17:33:00Z, got ${JSON.stringify(ts)}.`,
      );
    dueAt = parsed;
  }
  s.phase = 'wait';
  s.dueAt = dueAt;
  tx.batch.threads.push(s);
  await ex.flush(tx, live);
  return armTimer(ex, live);
}

/** The Wait's timer fired: the state exits with its input. */
export async function exitWait(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  s.dueAt = undefined;
  const env = ex.env(live);
  const effective = effectiveInput(node, s.input, env);
  return complete(
    ex,
    live,
    node,
    tx,
    await completeState(node, s.input, effective, undefined, false, env),
    node.next,
  );
}
