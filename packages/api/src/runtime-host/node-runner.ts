// The local stand-in for the `flowdeck-node-runner` Lambda the compiler's Tasks invoke
// (docs/compiler.md): it receives `{nodeId, type, version, params}` with expressions already
// evaluated, runs that node's code in-process, and answers its output (the runtime wraps it as
// the Lambda integration's `{Payload}`). Callback tasks (approvals) only wait for the answer.
import { type TaskHandler, TaskFailure } from '@flowdeck/engine';
import { builtinNodes, type NodeDefinition, type Props, runNode } from '@flowdeck/nodes';

interface RunnerPayload {
  nodeId: string;
  type: string;
  version: number;
  params: unknown;
  taskToken?: string;
}

export function createNodeRunner(
  definitions: readonly NodeDefinition<Props, unknown>[] = builtinNodes,
): TaskHandler {
  const byKey = new Map(definitions.map((d) => [`${d.type}@${d.version}`, d]));
  return async (input, ctx) => {
    const payload = input as RunnerPayload;
    if (ctx.taskToken || payload?.taskToken) return undefined;
    const definition = byKey.get(`${payload?.type}@${payload?.version}`);
    if (!definition) {
      throw new TaskFailure(
        'Node.Unknown',
        `No node "${payload?.type}" version ${payload?.version} is installed.`,
      );
    }
    return runNode(definition, {
      params: payload.params,
      nodeId: payload.nodeId,
      executionId: ctx.executionArn,
      signal: ctx.signal,
    });
  };
}
