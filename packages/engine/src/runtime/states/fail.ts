import type { Tx } from '../commit.ts';
import { threadFailed } from '../completion.ts';
import { jsonPathScope, jsonataBindings } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import { StatesError } from '../errors.ts';
import type { Execution } from '../execution.ts';
import { evaluateTemplate } from '../jsonata.ts';
import { evaluateValuePath } from '../jsonpath/index.ts';
import type { Live } from '../live.ts';
import { stateFailure } from '../retry-catch.ts';

/** Fail: ends its thread with Error/Cause (literal, JSONata, or ErrorPath/CausePath). No Retry/Catch. */
export async function runFail(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const raw = live.s.input;
  const env = ex.env(live);
  const text = async (field: 'Error' | 'Cause'): Promise<string | undefined> => {
    let value: unknown;
    if (node.queryLanguage === 'JSONata') {
      const t = node.templates[field];
      if (!t) return undefined;
      value = await evaluateTemplate(t, jsonataBindings(env, raw), field);
    } else if (typeof node.raw[`${field}Path`] === 'string') {
      value = evaluateValuePath(node.raw[`${field}Path`], jsonPathScope(env, raw), `${field}Path`);
    } else value = node.raw[field];
    if (value !== undefined && typeof value !== 'string')
      throw new StatesError(
        node.queryLanguage === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
        `The value for the field '${field}' must be a STRING, got ${JSON.stringify(value)}.`,
      );
    return value as string | undefined;
  };
  let error: string | undefined;
  let cause: string | undefined;
  try {
    error = await text('Error');
    cause = await text('Cause');
  } catch (err) {
    const f = await stateFailure(ex, live, tx, err);
    return threadFailed(ex, live, tx, f.error, f.cause);
  }
  // AWS leaves error (and cause) out when the Fail state names none.
  return threadFailed(ex, live, tx, error ?? '', cause);
}
