// The local stand-in for the `flowdeck-node-runner` Lambda the compiler's Tasks invoke
// (docs/compiler.md): it receives `{nodeId, type, version, params}` with expressions already
// evaluated, runs that node's code in-process, and answers its output (the runtime wraps it as
// the Lambda integration's `{Payload}`). Callback tasks (approvals) only wait for the answer.
//
// Connections: a node that needs an account declares a `p.connection({connectionKind})` prop;
// its param holds the connection's id. The runner asks `connections.resolve` for the decrypted
// credentials (which checks the connection belongs to the run's organisation and has that kind),
// hands them to the node as `ctx.connection`, and removes every credential value from the node's
// output and error before they are recorded.
import { type TaskContext, type TaskHandler, TaskFailure } from '@flowdeck/engine';
import {
  builtinNodes,
  type NodeConnection,
  type NodeDefinition,
  NodeFailure,
  type Props,
  runNode,
} from '@flowdeck/nodes';
import { redactText, redactValue, secretsOf } from './redact.ts';

interface RunnerPayload {
  nodeId: string;
  type: string;
  version: number;
  params: unknown;
  taskToken?: string;
}

export const ConnectionErrors = {
  /** No connection with that id in the run's organisation (or none chosen). */
  NotFound: 'Connection.NotFound',
  /** The chosen connection is for another service. */
  WrongKind: 'Connection.WrongKind',
  /** The chosen connection's credentials have expired: the user has to reconnect it. */
  Expired: 'Connection.Expired',
} as const;

export interface ConnectionRequest {
  /** The execution the node runs in: the resolver finds its organisation from it. */
  executionArn: string;
  connectionId: string;
}

export interface ResolvedConnection {
  kind: string;
  name?: string;
  credentials: NodeConnection;
  /** Set when the connection has expired (ISO 8601); its credentials are then withheld. */
  expiredAt?: string;
}

/** The connection's kind and decrypted credentials, or undefined if the run's organisation has none with that id. */
export type ConnectionResolver = (request: ConnectionRequest) => Promise<ResolvedConnection | undefined>;

/** Filled in once the app exists (the runner is built before the database is wired). */
export interface ConnectionSlot {
  resolve?: ConnectionResolver;
}

export function createNodeRunner(
  definitions: readonly NodeDefinition<Props, unknown>[] = builtinNodes,
  connections: ConnectionSlot = {},
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
    const connection = await connectionFor(definition, payload.params, ctx, connections);
    const secrets = secretsOf(connection);
    try {
      const output = await runNode(definition, {
        params: payload.params,
        connection,
        nodeId: payload.nodeId,
        executionId: ctx.executionArn,
        signal: ctx.signal,
      });
      return redactValue(output, secrets);
    } catch (err) {
      throw secrets.length ? redactedError(err, secrets) : err;
    }
  };
}

/** The param that names the node's connection, and the kind it must have. */
function connectionProp(
  definition: NodeDefinition<Props, unknown>,
): { name: string; kind: string } | undefined {
  for (const [name, prop] of Object.entries(definition.props)) {
    if (prop.kind !== 'connection') continue;
    const kind = (prop.schema()['x-connection-kind'] as string | undefined) ?? definition.connection;
    if (kind) return { name, kind };
  }
  return undefined;
}

async function connectionFor(
  definition: NodeDefinition<Props, unknown>,
  params: unknown,
  ctx: TaskContext,
  connections: ConnectionSlot,
): Promise<NodeConnection | undefined> {
  const prop = connectionProp(definition);
  if (!prop) return undefined;
  const id = (params as Record<string, unknown> | null)?.[prop.name];
  // No account chosen: the props check reports it if the field is required.
  if (id === undefined || id === null || id === '') return undefined;
  const found =
    typeof id === 'string' && connections.resolve
      ? await connections.resolve({ executionArn: ctx.executionArn, connectionId: id })
      : undefined;
  if (!found) {
    throw new TaskFailure(
      ConnectionErrors.NotFound,
      `The account chosen for “${definition.title}” does not exist in this organisation. Choose another one.`,
    );
  }
  if (found.kind !== prop.kind) {
    throw new TaskFailure(
      ConnectionErrors.WrongKind,
      `“${definition.title}” needs a ${prop.kind} account; the one chosen is a ${found.kind} account.`,
    );
  }
  if (found.expiredAt) {
    const account = found.name ? `“${found.name}”` : 'chosen';
    throw new TaskFailure(
      ConnectionErrors.Expired,
      `The ${found.kind} account ${account} used by “${definition.title}” expired at ${found.expiredAt}. Reconnect it in Connections, then run again.`,
    );
  }
  return found.credentials;
}

/** The same failure with every secret taken out of its text (and details). */
function redactedError(err: unknown, secrets: readonly string[]): Error {
  if (err instanceof NodeFailure) {
    return new NodeFailure(
      err.error,
      redactText(err.causeText ?? '', secrets),
      redactValue(err.details, secrets),
    );
  }
  if (err instanceof TaskFailure) {
    return new TaskFailure(
      err.error,
      err.causeText === undefined ? undefined : redactText(err.causeText, secrets),
    );
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(redactText(e.message, secrets));
  copy.name = e.name;
  return copy;
}
