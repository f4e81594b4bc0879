// compileWorkflow: workflow graph → ASL state machine (JSONata), trigger bindings and a map from
// every state back to its node. docs/compiler.md has the mapping table; docs/graph.md the contract.
import {
  APPROVAL_TYPE,
  ERROR_HANDLE,
  FOR_EACH_DONE_HANDLE,
  FOR_EACH_ITEM_HANDLE,
  FOR_EACH_TYPE,
  JOIN_TYPE,
  PARALLEL_TYPE,
} from '../graph/control-types.ts';
import type { WorkflowGraph, WorkflowNode } from '../graph/model.ts';
import { validateWorkflow } from '../graph/validate.ts';
import type { NodeCatalog } from '../nodes/spec.ts';
import {
  type AslState,
  type Catcher,
  DEFAULT_NODE_RUNNER,
  LAMBDA_INVOKE,
  LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN,
  type Retrier,
  type StateMachineDefinition,
} from './asl.ts';
import { ConditionSyntaxError, conditionField } from './conditions.ts';
import { CompileError, type CompileProblem } from './errors.ts';
import { GraphView } from './graph-view.ts';
import { type TriggerBinding, triggerBinding } from './triggers.ts';
import { EVENT_WAIT_TIMEOUT_ERROR } from '../events/waits.ts';

export interface CompileOptions {
  /** The Lambda every action node's Task invokes (default `flowdeck-node-runner`). */
  nodeRunnerFunction?: string;
  /** Named in the definition's `Comment`. */
  workflowName?: string;
}

export interface CompiledWorkflow {
  definition: StateMachineDefinition;
  triggers: TriggerBinding[];
  /** Every state name (nested ones included) → the id of the node it comes from. */
  sourceMap: Record<string, string>;
}

export const TRANSFORM_TYPE = 'data.transform';
export const CONDITION_TYPE = 'logic.condition';
export const SWITCH_TYPE = 'logic.switch';
export const DELAY_TYPE = 'logic.delay';
export const STOP_TYPE = 'logic.stop';
export const WAIT_FOR_EVENT_TYPE = 'logic.wait_for_event';

/** Helper state names: a node id plus a suffix node ids cannot end up colliding with silently. */
export const helperStateName = {
  end: (id: string) => `${id}__end`,
  decide: (id: string) => `${id}__decide`,
  iteration: (id: string) => `${id}__iteration`,
  branchDone: (id: string, branch: number) => `${id}__branch${branch}`,
};

/**
 * `{error, cause}` of a failed node. A Lambda's cause is its error JSON (`{"errorType", "errorMessage",
 * "trace"}`, on AWS and locally alike): `cause` is then its errorMessage, the sentence people read.
 */
const ERROR_OUTPUT =
  "{% ($c := $states.errorOutput.Cause; {'error': $states.errorOutput.Error, 'cause': $contains($c, /^\\{\"error(Type|Message)\":/) ? $parse($c).errorMessage : $c}) %}";

/** A `States` map being filled: the machine's, a Parallel branch's or a for-each body's. */
interface Scope {
  states: Record<string, AslState>;
  emitted: Set<string>;
  /** Nodes whose output this scope assigns (a Parallel re-assigns them in its own scope). */
  assigned: string[];
  /** Inside a Parallel branch: the join where the branch stops, and the branch's last state. */
  stopAt?: string;
  exit?: string;
  /** Nodes referenced but not laid out yet, in the order they were met. */
  discovered: string[];
}

const newScope = (extra: Partial<Scope> = {}): Scope => ({
  states: {},
  emitted: new Set(),
  assigned: [],
  discovered: [],
  ...extra,
});

/**
 * Compiles a workflow graph to an ASL state machine. The graph is validated first; an invalid
 * graph throws a `CompileError` listing every problem.
 */
export function compileWorkflow(
  graph: WorkflowGraph,
  catalog: NodeCatalog,
  options: CompileOptions = {},
): CompiledWorkflow {
  const validation = validateWorkflow(graph, catalog);
  if (!validation.valid) {
    throw new CompileError(
      validation.issues.map((issue) => ({
        nodeId: issue.nodeId,
        path: issue.edgeId ? `edges.${issue.edgeId}${issue.path ? `.${issue.path}` : ''}` : issue.path,
        message: issue.message,
      })),
    );
  }
  const compiled = new Compiler(graph, catalog, options).compile();
  const size = JSON.stringify(compiled.definition).length;
  if (size > MAX_DEFINITION_LENGTH) {
    // Caught here rather than by CreateStateMachine on deploy to AWS, in words the author can act on.
    throw new CompileError([
      {
        path: '',
        message: `This workflow is too large to run: its state machine would be ${Math.ceil(size / 1024)} KB and Step Functions accepts at most ${MAX_DEFINITION_LENGTH / 1024} KB. Split it into smaller workflows (one can start another with an event).`,
      },
    ]);
  }
  return compiled;
}

/** CreateStateMachine's `definition`: at most 1,048,576 characters (Step Functions API reference). */
export const MAX_DEFINITION_LENGTH = 1_048_576;

class Compiler {
  private readonly view: GraphView;
  private readonly sourceMap: Record<string, string> = {};
  private readonly problems: CompileProblem[] = [];

  constructor(
    graph: WorkflowGraph,
    private readonly catalog: NodeCatalog,
    private readonly options: CompileOptions,
  ) {
    this.view = new GraphView(graph);
  }

  compile(): CompiledWorkflow {
    const triggers = [...this.view.nodes.values()]
      .filter((node) => this.catalog.get(node.type, node.version)?.kind === 'trigger')
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    if (triggers.length !== 1) {
      throw new CompileError([{ path: 'nodes', message: 'A workflow needs exactly one trigger.' }]);
    }
    const top = newScope();
    const startAt = this.emit(triggers[0].id, top);
    this.drain(top);
    if (this.problems.length > 0) throw new CompileError(this.problems);
    const name = this.options.workflowName;
    return {
      definition: {
        Comment: name ? `Flowdeck workflow "${name}"` : 'Flowdeck workflow',
        QueryLanguage: 'JSONata',
        StartAt: startAt,
        States: top.states,
      },
      triggers: triggers.map(triggerBinding),
      sourceMap: this.sourceMap,
    };
  }

  /** Registers a state name (unique in the whole machine, as ASL requires) for a node. */
  private claim(name: string, nodeId: string): string {
    if (name in this.sourceMap) {
      this.problems.push({
        nodeId,
        path: 'id',
        message: `The state name “${name}” is needed twice; rename the step “${nodeId}” (avoid “__” in names).`,
      });
    }
    this.sourceMap[name] = nodeId;
    return name;
  }

  /** The state name of a node in a scope; its states are laid out later by `drain`. */
  private emit(nodeId: string, scope: Scope): string {
    if (scope.stopAt === nodeId && scope.exit) return scope.exit;
    if (!scope.emitted.has(nodeId)) {
      scope.emitted.add(nodeId);
      this.claim(nodeId, nodeId);
      scope.discovered.push(nodeId);
    }
    return nodeId;
  }

  /**
   * Lays out every node met in a scope, depth first in the order they were met (an explicit
   * stack rather than recursion, so a graph of thousands of steps cannot overflow the stack).
   */
  private drain(scope: Scope): void {
    const stack = scope.discovered.splice(0).reverse();
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      // Reserve the slot first so a state comes before its successors in the output.
      scope.states[id] = { Type: 'Pass' };
      scope.states[id] = this.state(this.view.node(id), scope);
      stack.push(...scope.discovered.splice(0).reverse());
    }
  }

  /** `Next` to what follows an output, or `End` when nothing does. */
  private flow(nodeId: string, handle: string | null, scope: Scope): { Next: string } | { End: true } {
    const target = this.view.target(nodeId, handle);
    if (target !== undefined) return { Next: this.emit(target, scope) };
    if (scope.exit) return { Next: scope.exit };
    return { End: true };
  }

  /** A state name for an output, even when it is unconnected (Choice rules and Catchers need one). */
  private nextName(nodeId: string, handle: string | null, scope: Scope): string {
    const flow = this.flow(nodeId, handle, scope);
    if ('Next' in flow) return flow.Next;
    const end = helperStateName.end(nodeId);
    if (!(end in scope.states)) {
      this.claim(end, nodeId);
      scope.states[end] = { Type: 'Succeed' };
    }
    return end;
  }

  private state(node: WorkflowNode, scope: Scope): AslState {
    const spec = this.catalog.get(node.type, node.version);
    const comment = node.title ? { Comment: node.title } : {};
    if (spec?.kind === 'trigger') {
      return {
        Type: 'Pass',
        ...comment,
        Assign: { trigger: '{% $states.input %}', vars: this.view.graph.variables ?? {} },
        ...this.flow(node.id, null, scope),
      };
    }
    switch (node.type) {
      case TRANSFORM_TYPE:
        scope.assigned.push(node.id);
        return {
          Type: 'Pass',
          ...comment,
          Output: node.params.output ?? null,
          Assign: { [node.id]: node.params.output ?? null },
          ...this.flow(node.id, null, scope),
        };
      case CONDITION_TYPE:
        return {
          Type: 'Choice',
          ...comment,
          Choices: [
            {
              Condition: this.condition(node, node.params.rule, 'params.rule'),
              Next: this.nextName(node.id, 'true', scope),
            },
          ],
          Default: this.nextName(node.id, 'false', scope),
        };
      case SWITCH_TYPE:
        return this.switchState(node, scope, comment);
      case DELAY_TYPE:
        return {
          Type: 'Wait',
          ...comment,
          ...(node.params.mode === 'until'
            ? { Timestamp: node.params.until }
            : { Seconds: node.params.seconds ?? 0 }),
          ...this.flow(node.id, null, scope),
        };
      case STOP_TYPE:
        return {
          Type: 'Fail',
          ...comment,
          Error: node.params.error ?? 'Workflow.Stopped',
          ...(node.params.cause === undefined ? {} : { Cause: node.params.cause }),
        };
      case APPROVAL_TYPE:
        return this.approval(node, scope, comment);
      case WAIT_FOR_EVENT_TYPE:
        return this.waitForEvent(node, scope, comment);
      case FOR_EACH_TYPE:
        return this.forEach(node, scope, comment);
      case PARALLEL_TYPE:
        return this.parallel(node, scope, comment);
      case JOIN_TYPE:
        // Only reached outside a Parallel (the validator forbids it); it passes its input on.
        return { Type: 'Pass', ...comment, ...this.flow(node.id, null, scope) };
    }
    if (spec?.kind === 'action') return this.action(node, scope, comment);
    this.problems.push({
      nodeId: node.id,
      path: 'type',
      message: `The compiler does not know how to run a “${node.type}” step.`,
    });
    return { Type: 'Pass', End: true };
  }

  /** The rule compiled once; its problems, if any, are reported at the node. */
  private condition(node: WorkflowNode, rule: unknown, path: string): string {
    try {
      return conditionField(rule);
    } catch (err) {
      if (!(err instanceof ConditionSyntaxError)) throw err;
      for (const p of err.problems) {
        this.problems.push({
          nodeId: node.id,
          path: p.path ? `${path}.${p.path}` : path,
          message: p.message,
        });
      }
      return '{% false %}';
    }
  }

  private switchState(node: WorkflowNode, scope: Scope, comment: object): AslState {
    const cases = Array.isArray(node.params.cases)
      ? (node.params.cases as { id: string; rule: unknown }[])
      : [];
    return {
      Type: 'Choice',
      ...comment,
      Choices: cases.map((c, i) => ({
        Condition: this.condition(node, c.rule, `params.cases.${i}.rule`),
        Next: this.nextName(node.id, c.id, scope),
      })),
      Default: this.nextName(node.id, 'default', scope),
    };
  }

  /** Retry and Catch from the node's settings (Task, Map and Parallel states). */
  private errorHandling(node: WorkflowNode, scope: Scope, extraCatchers: Catcher[] = []) {
    const settings = node.settings ?? {};
    const out: { Retry?: Retrier[]; Catch?: Catcher[] } = {};
    const retry = settings.retry;
    if (retry && retry.maxAttempts > 0) {
      const retrier: Retrier = { ErrorEquals: ['States.ALL'] };
      if (retry.intervalSeconds !== undefined) retrier.IntervalSeconds = retry.intervalSeconds;
      retrier.MaxAttempts = retry.maxAttempts;
      if (retry.backoffRate !== undefined) retrier.BackoffRate = retry.backoffRate;
      if (retry.maxDelaySeconds !== undefined) retrier.MaxDelaySeconds = retry.maxDelaySeconds;
      if (retry.jitter !== undefined) retrier.JitterStrategy = retry.jitter;
      out.Retry = [retrier];
    }
    const catchers = [...extraCatchers];
    if (settings.onError === 'continue' || settings.onError === 'branch') {
      const handle = settings.onError === 'branch' ? ERROR_HANDLE : null;
      catchers.push({
        ErrorEquals: ['States.ALL'],
        Output: ERROR_OUTPUT,
        Assign: { [node.id]: ERROR_OUTPUT },
        Next: this.nextName(node.id, handle, scope),
      });
    }
    if (catchers.length > 0) out.Catch = catchers;
    return out;
  }

  private timeout(node: WorkflowNode) {
    const seconds = node.settings?.timeoutSeconds;
    return seconds === undefined ? {} : { TimeoutSeconds: seconds };
  }

  private payload(node: WorkflowNode) {
    return { nodeId: node.id, type: node.type, version: node.version, params: node.params };
  }

  private action(node: WorkflowNode, scope: Scope, comment: object): AslState {
    scope.assigned.push(node.id);
    const output = '{% $states.result.Payload %}';
    // Successor first, so the normal path is laid out before the error path.
    const flow = this.flow(node.id, null, scope);
    return {
      Type: 'Task',
      ...comment,
      Resource: LAMBDA_INVOKE,
      Arguments: {
        FunctionName: this.options.nodeRunnerFunction ?? DEFAULT_NODE_RUNNER,
        Payload: this.payload(node),
      },
      ...this.timeout(node),
      Output: output,
      Assign: { [node.id]: output },
      ...this.errorHandling(node, scope),
      ...flow,
    };
  }

  /** A `.waitForTaskToken` Task, then a Choice on the decision the person sent back. */
  private approval(node: WorkflowNode, scope: Scope, comment: object): AslState {
    scope.assigned.push(node.id);
    const decide = this.claim(helperStateName.decide(node.id), node.id);
    const timeoutSeconds = node.params.timeoutSeconds;
    // Nobody answering in time counts as a rejection.
    const timedOut = { decision: 'rejected', reason: 'timeout' };
    const onTimeout: Catcher[] =
      timeoutSeconds === undefined
        ? []
        : [
            {
              ErrorEquals: ['States.Timeout'],
              Output: timedOut,
              Assign: { [node.id]: timedOut },
              Next: decide,
            },
          ];
    const task: AslState = {
      Type: 'Task',
      ...comment,
      Resource: LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN,
      Arguments: {
        FunctionName: this.options.nodeRunnerFunction ?? DEFAULT_NODE_RUNNER,
        Payload: { ...this.payload(node), taskToken: '{% $states.context.Task.Token %}' },
      },
      ...(timeoutSeconds === undefined ? this.timeout(node) : { TimeoutSeconds: timeoutSeconds }),
      Output: '{% $states.result %}',
      Assign: { [node.id]: '{% $states.result %}' },
      ...this.errorHandling(node, scope, onTimeout),
      Next: decide,
    };
    scope.states[decide] = { Type: 'Pass' };
    scope.states[decide] = {
      Type: 'Choice',
      Choices: [
        {
          Condition: `{% $${node.id}.decision = 'approved' %}`,
          Next: this.nextName(node.id, 'approved', scope),
        },
      ],
      Default: this.nextName(node.id, 'rejected', scope),
    };
    return task;
  }

  /**
   * A `.waitForTaskToken` Task whose payload carries the pattern (its `{% %}` strings evaluated)
   * and the token; the host registers the wait on the organisation's bus. The matching event is
   * the result (`received`); a timeout — the bus's `Events.Timeout` or the Task's own
   * `States.Timeout` — is caught straight to `timed_out` with `{error, cause}` as the output.
   */
  private waitForEvent(node: WorkflowNode, scope: Scope, comment: object): AslState {
    scope.assigned.push(node.id);
    const timeoutSeconds = node.params.timeoutSeconds ?? 86_400;
    const flow = this.flow(node.id, 'received', scope);
    const onTimeout: Catcher = {
      ErrorEquals: ['States.Timeout', EVENT_WAIT_TIMEOUT_ERROR],
      Output: ERROR_OUTPUT,
      Assign: { [node.id]: ERROR_OUTPUT },
      Next: this.nextName(node.id, 'timed_out', scope),
    };
    return {
      Type: 'Task',
      ...comment,
      Resource: LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN,
      Arguments: {
        FunctionName: this.options.nodeRunnerFunction ?? DEFAULT_NODE_RUNNER,
        Payload: {
          ...this.payload(node),
          params: { ...node.params, timeoutSeconds },
          taskToken: '{% $states.context.Task.Token %}',
        },
      },
      TimeoutSeconds: timeoutSeconds,
      Output: '{% $states.result %}',
      Assign: { [node.id]: '{% $states.result %}' },
      ...this.errorHandling(node, scope, [onTimeout]),
      ...flow,
    };
  }

  /** An inline Map whose iterations first name their element `$<id>_item` / `$<id>_index`. */
  private forEach(node: WorkflowNode, scope: Scope, comment: object): AslState {
    scope.assigned.push(node.id);
    const body = newScope();
    const iteration = this.claim(helperStateName.iteration(node.id), node.id);
    body.states[iteration] = { Type: 'Pass' };
    body.states[iteration] = {
      Type: 'Pass',
      Assign: {
        [`${node.id}_item`]: '{% $states.input.item %}',
        [`${node.id}_index`]: '{% $states.input.index %}',
      },
      Output: '{% $states.input.item %}',
      ...this.flow(node.id, FOR_EACH_ITEM_HANDLE, body),
    };
    this.drain(body);
    const flow = this.flow(node.id, FOR_EACH_DONE_HANDLE, scope);
    return {
      Type: 'Map',
      ...comment,
      Items: node.params.items ?? [],
      MaxConcurrency: node.params.maxConcurrency ?? 1,
      ItemSelector: {
        item: '{% $states.context.Map.Item.Value %}',
        index: '{% $states.context.Map.Item.Index %}',
      },
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: iteration, States: body.states },
      Assign: { [node.id]: '{% $states.result %}' },
      ...this.errorHandling(node, scope),
      ...flow,
    };
  }

  /**
   * One branch per outgoing edge, each stopping at the join. A branch ends in a Pass that hands
   * its nodes' outputs to the Parallel, which assigns `$<id>` = `{ <nodeId>: output or null }`.
   * Step Functions forbids re-declaring a branch's variable in the outer scope (no shadowing),
   * so the branch nodes are read after the join as `$<id>.<nodeId>`, never as `$<nodeId>`.
   */
  private parallel(node: WorkflowNode, scope: Scope, comment: object): AslState {
    const join = this.view.joinOf(node.id);
    const starts = this.view.edgesFrom(node.id).filter((e) => (e.sourceHandle ?? null) === null);
    const branches = starts.map((edge, i) => {
      const exit = helperStateName.branchDone(node.id, i);
      const branch = newScope({ stopAt: join, exit });
      this.claim(exit, node.id);
      const startAt = this.emit(edge.target, branch);
      this.drain(branch);
      branch.states[exit] = {
        Type: 'Pass',
        Output: {
          outputs: Object.fromEntries(
            branch.assigned.map((id) => [id, `{% $exists($${id}) ? $${id} : null %}`]),
          ),
          output: '{% $states.input %}',
        },
        End: true,
      };
      return { StartAt: startAt, States: branch.states };
    });
    const outputs = "{% $map($states.result, function($branch) { $lookup($branch, 'output') }) %}";
    const assign = { [node.id]: '{% $merge($map($states.result, function($branch) { $branch.outputs })) %}' };
    scope.assigned.push(node.id);
    // Without a join every branch ends on its own, and so does the Parallel (its unnamed
    // outputs are its branches, not a successor).
    const flow = join
      ? this.afterJoin(join, scope)
      : scope.exit
        ? { Next: scope.exit }
        : { End: true as const };
    return {
      Type: 'Parallel',
      ...comment,
      Branches: branches,
      Output: outputs,
      Assign: assign,
      ...this.errorHandling(node, scope),
      ...flow,
    };
  }

  private afterJoin(joinId: string, scope: Scope) {
    scope.emitted.add(joinId);
    return this.flow(joinId, null, scope);
  }
}
