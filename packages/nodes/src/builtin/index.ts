// Every built-in node, all at version 1.
import type { NodeDefinition } from '../define/define-node.ts';
import type { Props } from '../define/prop.ts';
import { approvalNode } from './approval/approval.ts';
import { conditionNode } from './condition/condition.ts';
import { delayNode } from './delay/delay.ts';
import { forEachNode } from './for-each/for-each.ts';
import { httpRequestNode } from './http-request/http-request.ts';
import { joinNode } from './join/join.ts';
import { parallelNode } from './parallel/parallel.ts';
import { stopNode } from './stop/stop.ts';
import { switchNode } from './switch/switch.ts';
import { transformNode } from './transform/transform.ts';
import { manualTrigger } from './trigger-manual/trigger-manual.ts';
import { webhookTrigger } from './trigger-webhook/trigger-webhook.ts';
import { scheduleTrigger } from './trigger-schedule/trigger-schedule.ts';
import { eventTrigger } from './trigger-event/trigger-event.ts';
import { pollTrigger } from './trigger-poll/trigger-poll.ts';
import { waitForEventNode } from './wait-for-event/wait-for-event.ts';

export {
  approvalNode,
  conditionNode,
  delayNode,
  forEachNode,
  httpRequestNode,
  joinNode,
  manualTrigger,
  parallelNode,
  stopNode,
  switchNode,
  transformNode,
  webhookTrigger,
  scheduleTrigger,
  eventTrigger,
  pollTrigger,
  waitForEventNode,
};
export { HttpErrors, retryAfterSeconds } from './http-request/http-request.ts';

// Widened to the common definition type: a registry does not need each node's own props type.
export const builtinNodes: readonly NodeDefinition<Props, unknown>[] = [
  manualTrigger,
  webhookTrigger,
  scheduleTrigger,
  eventTrigger,
  pollTrigger,
  conditionNode,
  switchNode,
  delayNode,
  forEachNode,
  parallelNode,
  joinNode,
  approvalNode,
  waitForEventNode,
  stopNode,
  transformNode,
  httpRequestNode,
];
