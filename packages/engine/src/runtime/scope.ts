import type { StateEnv } from './dataflow.ts';
import type { Live } from './live.ts';

// What a state's expressions read: the variables visible in its scope (outer scopes included,
// flat) and the context object (`$$` / `$states.context`), built only if an expression reads it.

/** The execution-wide parts of the context object, built once per execution. */
export interface ContextParts {
  Execution: Record<string, unknown>;
  StateMachine: Record<string, unknown>;
}

export function stateEnv(parts: ContextParts, live: Live, extra?: Record<string, unknown>): StateEnv {
  return new LazyEnv(live.visible, () => contextObject(parts, live, extra));
}

function contextObject(
  parts: ContextParts,
  live: Live,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const s = live.s;
  const context: Record<string, unknown> = {
    Execution: parts.Execution,
    State: {
      EnteredTime: new Date(s.enteredAt).toISOString(),
      Name: s.state,
      RetryCount: s.retries ? s.retries.reduce((a, b) => a + b, 0) : 0,
    },
    StateMachine: parts.StateMachine,
  };
  if (s.task?.token) context.Task = { Token: s.task.token };
  if (s.item) context.Map = { Item: { Index: s.item.index, Value: s.item.value } };
  if (extra) Object.assign(context, extra);
  return context;
}

class LazyEnv implements StateEnv {
  private built?: Record<string, unknown>;
  constructor(
    readonly vars: Record<string, unknown>,
    private readonly build: () => Record<string, unknown>,
  ) {}
  get context() {
    this.built ??= this.build();
    return this.built;
  }
}
