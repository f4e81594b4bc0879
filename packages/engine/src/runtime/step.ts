import { type Tx, emit } from './commit.ts';
import type { StateNode } from './definition.ts';
import { StatesError } from './errors.ts';
import type { Execution } from './execution.ts';
import { details } from './history.ts';
import { checkPayload, toJson } from './json.ts';
import type { Live } from './live.ts';
import { guard } from './retry-catch.ts';
import { runChoice } from './states/choice.ts';
import { runFail } from './states/fail.ts';
import { checkMap, startMap } from './states/map.ts';
import { checkParallel, startParallel } from './states/parallel.ts';
import { runPass } from './states/pass.ts';
import { runSucceed } from './states/succeed.ts';
import { runTask, startTask } from './states/task.ts';
import { exitWait, startWait } from './states/wait.ts';
import { armTimer } from './timers.ts';

// One step of a thread: what it does next depends on its phase (thread.ts). Returns true when
// the thread can go on at once, false when it parks (timer, token, children) or ended. What the
// step leaves in `tx.batch` is committed by the caller (Execution.drive) before the next step.

export function step(ex: Execution, live: Live, tx: Tx): Promise<boolean> | boolean {
  const node = live.machine.states.get(live.s.state);
  if (!node) throw new StatesError('States.Runtime', `The state '${live.s.state}' does not exist.`);
  switch (live.s.phase) {
    case 'enter':
      return enter(ex, live, node, tx);
    case 'attempt':
      return guard(ex, live, node, tx, (tx) => attempt(ex, live, node, tx));
    case 'task':
      return guard(ex, live, node, tx, (tx) => runTask(ex, live, node, tx));
    case 'wait':
      if (!live.timerFired) return armTimer(ex, live);
      live.timerFired = false;
      return guard(ex, live, node, tx, (tx) => exitWait(ex, live, node, tx));
    case 'retry':
      return armTimer(ex, live);
    case 'children':
      return guard(ex, live, node, tx, (tx) =>
        live.s.children!.kind === 'parallel'
          ? checkParallel(ex, live, node, tx)
          : checkMap(ex, live, node, tx),
      );
    case 'done':
      return false;
  }
}

/** StateEntered, then the state's work in the same batch. */
async function enter(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  const s = live.s;
  s.enteredAt = ex.deps.clock.now();
  s.retries = undefined;
  s.enteredId = undefined; // set when this state's StateEntered is committed
  const inputText = live.inputText ?? toJson(s.input);
  live.inputText = undefined;
  const type = node.type === 'Fail' ? 'FailStateEntered' : `${node.type}StateEntered`;
  emit(tx.batch, s, type, details.stateEntered(node.name, inputText)).entered = true;
  return guard(ex, live, node, tx, (tx) => {
    checkPayload(inputText, ex.deps.maxPayloadBytes, node.name);
    return run(ex, live, node, tx);
  });
}

function run(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  switch (node.type) {
    case 'Pass':
      return runPass(ex, live, node, tx);
    case 'Succeed':
      return runSucceed(ex, live, node, tx);
    case 'Fail':
      return runFail(ex, live, node, tx);
    case 'Choice':
      return runChoice(ex, live, node, tx);
    case 'Wait':
      return startWait(ex, live, node, tx);
    default:
      return attempt(ex, live, node, tx);
  }
}

/** Task, Parallel, Map: one attempt (Retry re-enters here without a new StateEntered). */
function attempt(ex: Execution, live: Live, node: StateNode, tx: Tx): Promise<boolean> {
  live.s.phase = 'attempt';
  if (node.type === 'Parallel') return startParallel(ex, live, node, tx);
  if (node.type === 'Map') return startMap(ex, live, node, tx);
  return startTask(ex, live, node, tx);
}
