// Trigger bindings: what the runtime host must register so that a trigger starts the workflow.
import type { WorkflowNode } from '../graph/model.ts';

export type TriggerType = 'manual' | 'webhook' | 'schedule' | 'event' | 'poll';

export interface TriggerBinding {
  nodeId: string;
  /** From the node type `trigger.<type>`; any other trigger node (a connector's) polls. */
  type: TriggerType;
  /** The trigger node's type and pinned version, for hosts that run a poller's code. */
  nodeType: string;
  version: number;
  params: Record<string, unknown>;
}

const KNOWN: readonly TriggerType[] = ['manual', 'webhook', 'schedule', 'event', 'poll'];

export function triggerBinding(node: WorkflowNode): TriggerBinding {
  const suffix = node.type.startsWith('trigger.') ? node.type.slice('trigger.'.length) : '';
  const type = (KNOWN as readonly string[]).includes(suffix) ? (suffix as TriggerType) : 'poll';
  return { nodeId: node.id, type, nodeType: node.type, version: node.version, params: node.params };
}
