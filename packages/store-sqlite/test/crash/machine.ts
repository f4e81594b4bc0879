import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { type TaskHandler, TaskFailure } from '@flowdeck/engine';

// The state machine the crash test runs: every feature whose progress must survive a SIGKILL —
// Task, a real-time Wait, Retry with back-off, Parallel (one branch waits) and Map.

export const STEP = 'arn:aws:lambda:us-east-1:000000000000:function:crash-step';

export const definition = {
  Comment: 'Crash test: Task, Wait, Retry with back-off, Parallel and Map',
  QueryLanguage: 'JSONata',
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Task',
      Resource: STEP,
      Arguments: { key: 'Prepare', value: '{% $states.input.n %}' },
      Output: '{% {"n": $states.input.n, "items": $states.input.items, "prepared": $states.result.value} %}',
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 1, Next: 'Flaky' },
    Flaky: {
      Type: 'Task',
      Resource: STEP,
      // Fails on attempts 0 and 1, so the execution sits in two back-offs (0.5 s, then 1 s).
      Arguments: {
        key: 'Flaky',
        value: '{% $states.input.n %}',
        attempt: '{% $states.context.State.RetryCount %}',
      },
      Retry: [{ ErrorEquals: ['Flaky.NotYet'], IntervalSeconds: 1, BackoffRate: 1.5, MaxAttempts: 3 }],
      Output: '{% $merge([$states.input, {"flakyAttempt": $states.result.attempt}]) %}',
      Next: 'Fan',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Left',
          States: {
            Left: {
              Type: 'Task',
              Resource: STEP,
              Arguments: { key: 'Left', value: '{% $states.input.n %}' },
              Output: '{% $states.result.value %}',
              End: true,
            },
          },
        },
        {
          StartAt: 'Nap',
          States: {
            Nap: { Type: 'Wait', Seconds: 1, Next: 'Right' },
            Right: {
              Type: 'Task',
              Resource: STEP,
              Arguments: { key: 'Right', value: '{% $states.input.n %}' },
              Output: '{% $states.result.value %}',
              End: true,
            },
          },
        },
      ],
      Output: '{% $merge([$states.input, {"fan": $states.result}]) %}',
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      Items: '{% $states.input.items %}',
      ItemSelector: {
        index: '{% $states.context.Map.Item.Index %}',
        value: '{% $states.context.Map.Item.Value %}',
      },
      MaxConcurrency: 2,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Item',
        States: {
          Item: {
            Type: 'Task',
            Resource: STEP,
            Arguments: { key: "{% 'Item#' & $states.input.index %}", value: '{% $states.input.value %}' },
            Output: '{% $states.result.value %}',
            End: true,
          },
        },
      },
      Output: '{% $merge([$states.input, {"each": $states.result}]) %}',
      End: true,
    },
  },
};

export interface CrashInput {
  n: number;
  items: number[];
}

export function inputFor(i: number): CrashInput {
  return { n: i, items: [i, i + 1, i + 2] };
}

export function expectedOutput(input: CrashInput) {
  return {
    n: input.n,
    items: input.items,
    prepared: input.n * 2,
    flakyAttempt: 2,
    fan: [input.n + 1000, input.n + 2000],
    each: input.items.map((v) => v * v),
  };
}

/** What each task invocation appends to the side-effect log before it returns. */
export interface SideEffect {
  executionArn: string;
  state: string;
  attempt: number;
  /** Unique per invocation; also in the task's result, hence in the TaskSucceeded event. */
  nonce: string;
}

function value(key: string, v: number): number {
  if (key === 'Prepare') return v * 2;
  if (key === 'Left') return v + 1000;
  if (key === 'Right') return v + 2000;
  if (key.startsWith('Item#')) return v * v;
  return v;
}

/**
 * The task handler: records the side effect durably (fsync) and only then answers, so a task
 * that ran leaves a trace even if the process dies right after.
 */
export function sideEffectTask(logPath: string): TaskHandler {
  return async (raw, ctx) => {
    const input = raw as { key: string; value: number; attempt?: number };
    const attempt = input.attempt ?? 0;
    const effect: SideEffect = {
      executionArn: ctx.executionArn,
      state: input.key,
      attempt,
      nonce: randomUUID(),
    };
    const fd = openSync(logPath, 'a');
    try {
      writeSync(fd, `${JSON.stringify(effect)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // Some work after the side effect: widens the window in which a crash lands between the
    // effect and the commit of its result, the case that must re-run the task.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (input.key === 'Flaky' && attempt < 2) throw new TaskFailure('Flaky.NotYet', `attempt ${attempt}`);
    return { key: input.key, attempt, nonce: effect.nonce, value: value(input.key, input.value) };
  };
}
