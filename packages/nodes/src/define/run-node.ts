// Runs an action node the way the node runner does: resolved params → checked props → run(ctx).
import { INVALID_INPUT, NodeFailure } from './errors.ts';
import type { NodeConnection, NodeContext, NodeLogger } from './context.ts';
import { silentLogger } from './context.ts';
import type { NodeDefinition } from './define-node.ts';
import type { Props } from './prop.ts';
import { createHttpClient } from '../http/guarded-fetch.ts';

export interface RunNodeOptions {
  /** Params with every `{% %}` expression already resolved. */
  params: unknown;
  connection?: NodeConnection;
  signal?: AbortSignal;
  log?: NodeLogger;
  nodeId?: string;
  executionId?: string;
  http?: NodeContext<unknown>['http'];
}

export async function runNode<P extends Props, Output>(
  definition: NodeDefinition<P, Output>,
  options: RunNodeOptions,
): Promise<Output> {
  if (!definition.run) {
    throw new NodeFailure(
      INVALID_INPUT,
      `“${definition.title}” is not run as code: it becomes part of the state machine.`,
    );
  }
  const parsed = definition.parseProps(options.params);
  if (!parsed.ok) {
    const sentences = parsed.issues.map((issue) => issue.message).join(' ');
    throw new NodeFailure(
      INVALID_INPUT,
      `The settings of “${definition.title}” are not valid: ${sentences}`,
      {
        issues: parsed.issues,
      },
    );
  }
  return definition.run({
    props: parsed.props,
    connection: options.connection,
    http: options.http ?? createHttpClient(),
    signal: options.signal ?? new AbortController().signal,
    log: options.log ?? silentLogger,
    nodeId: options.nodeId ?? definition.type,
    executionId: options.executionId ?? 'local',
  });
}
