import { type Tx, emit } from '../commit.ts';
import { finishWithResult } from '../completion.ts';
import { effectiveInput, jsonPathScope, jsonataBindings, numberField } from '../dataflow.ts';
import type { StateNode } from '../definition.ts';
import { StatesError } from '../errors.ts';
import type { Execution } from '../execution.ts';
import { evaluateTemplate } from '../jsonata.ts';
import { applyPath, evaluatePayloadTemplate } from '../jsonpath/index.ts';
import type { Live } from '../live.ts';
import { emitAbortedChildren, failingEventId } from '../aborts.ts';
import { handleError } from '../retry-catch.ts';
import type { ChildrenState, ThreadState } from '../thread.ts';

/** Map (inline): evaluates the items and each iteration's input; checkMap starts the iterations. */
export async function startMap(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  const env = ex.env(live);
  const jsonata = node.queryLanguage === 'JSONata';
  const effective = effectiveInput(node, s.input, env);
  let items: unknown;
  if (jsonata)
    items = node.templates.Items
      ? await evaluateTemplate(node.templates.Items, jsonataBindings(env, s.input), 'Items')
      : s.input;
  else items = applyPath(node.raw.ItemsPath, effective, jsonPathScope(env, effective), 'ItemsPath');
  if (!Array.isArray(items))
    throw new StatesError(
      jsonata ? 'States.QueryEvaluationError' : 'States.Runtime',
      `The ${jsonata ? 'Items' : 'ItemsPath'} field of Map state '${node.name}' must give an array, got ${JSON.stringify(items)?.slice(0, 200)}.`,
    );
  const maxConcurrency = (await numberField(node, 'MaxConcurrency', effective, env, { integer: true })) ?? 0;
  const toleratedCount = await numberField(node, 'ToleratedFailureCount', effective, env, {
    integer: true,
  });
  const toleratedPercentage = await numberField(node, 'ToleratedFailurePercentage', effective, env);
  if (toleratedPercentage !== undefined && toleratedPercentage > 100)
    throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  const selector = jsonata ? node.templates.ItemSelector : (node.raw.ItemSelector ?? node.raw.Parameters);
  const inputs: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    if (selector === undefined) {
      inputs.push(items[i]);
      continue;
    }
    const itemEnv = ex.env(live, { Map: { Item: { Index: i, Value: items[i] } } });
    inputs.push(
      jsonata
        ? await evaluateTemplate(selector, jsonataBindings(itemEnv, s.input), 'ItemSelector')
        : evaluatePayloadTemplate(
            selector,
            jsonPathScope(itemEnv, effective),
            node.raw.ItemSelector ? 'ItemSelector' : 'Parameters',
          ),
    );
  }
  const started = emit(tx.batch, s, 'MapStateStarted', { length: items.length });
  s.phase = 'children';
  const children: ChildrenState = {
    kind: 'map',
    startedId: 0,
    inputs,
    items,
    maxConcurrency,
    toleratedCount,
    toleratedPercentage,
  };
  s.children = children;
  started.onId = [
    (id) => {
      children.startedId = id;
    },
  ];
  live.kids = [];
  tx.batch.threads.push(s);
  return true; // committed by the driver; then checkMap starts the iterations
}

/** Iterations finished or failed: start more (MaxConcurrency), fail past the tolerance, or finish. */
export async function checkMap(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  const c = s.children!;
  const kids = live.kids ?? [];
  const failed = live.kidsFailed;
  const total = c.items!.length;
  const tolerance = c.toleratedCount !== undefined || c.toleratedPercentage !== undefined;
  const exceeded =
    failed.length > (c.toleratedCount ?? (tolerance ? Number.POSITIVE_INFINITY : 0)) ||
    (c.toleratedPercentage !== undefined && (failed.length / total) * 100 > c.toleratedPercentage);
  if (failed.length && exceeded) {
    // The iterations still running are aborted; AWS links these events to the failing one.
    const at = failingEventId(failed[0]);
    emitAbortedChildren(live, ex.threads, tx.batch, at);
    emit(tx.batch, s, 'MapStateFailed', undefined, at);
    ex.dropChildren(live, tx);
    const first = failed[0].s.outcome as { error: string; cause?: string };
    if (tolerance)
      return handleError(
        ex,
        live,
        node,
        tx,
        'States.ExceedToleratedFailureThreshold',
        `The specified tolerated failure threshold was exceeded (${failed.length} of ${total} iterations failed).`,
      );
    return handleError(ex, live, node, tx, first.error, first.cause);
  }
  const running = kids.length - live.kidsDone;
  const room = c.maxConcurrency > 0 ? c.maxConcurrency - running : total;
  const started = kids.length;
  if (started < total && room > 0) {
    const processor = node.processor!;
    const end = Math.min(total, started + room);
    // Each new iteration is two store records (MapIterationStarted, its thread): start them in
    // commits the store can take; each lot runs as soon as it is saved.
    const perCommit = Math.max(1, Math.floor(ex.journal.budget / 2));
    let fresh: ThreadState[] = [];
    for (let i = started; i < end; i++) {
      const kid: ThreadState = {
        id: `${s.id}/${i}`,
        parent: s.id,
        path: [...s.path, [node.name, -1]],
        state: processor.startAt,
        input: c.inputs![i],
        vars: {},
        last: 0,
        enteredAt: 0,
        phase: 'enter',
        slot: i,
        item: { index: i, value: c.items![i] },
        gen: c.startedId,
      };
      emit(tx.batch, undefined, 'MapIterationStarted', { name: node.name, index: i }, c.startedId).owner =
        kid;
      tx.batch.threads.push(kid);
      fresh.push(kid);
      if (fresh.length >= perCommit || i === end - 1) {
        await ex.flush(tx, live);
        for (const k of fresh) void ex.drive(ex.adopt(k));
        fresh = [];
      }
    }
    return false;
  }
  if (started < total || running > 0) return false;
  emit(
    tx.batch,
    s,
    'MapStateSucceeded',
    undefined,
    kids.length ? kids.reduce((m, k) => Math.max(m, k.s.last), 0) : undefined,
  );
  const result = kids.map((k) =>
    k.s.outcome!.ok ? k.s.outcome!.output : { Error: k.s.outcome!.error, Cause: k.s.outcome!.cause },
  );
  ex.dropChildren(live, tx);
  return finishWithResult(ex, live, node, tx, result);
}
