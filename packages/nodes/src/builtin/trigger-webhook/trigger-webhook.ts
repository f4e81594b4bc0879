import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/** Starts a run when its URL receives a request; `$trigger` is `{ method, headers, query, body }`. */
export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  version: 1,
  kind: 'trigger',
  title: 'Webhook',
  category: 'trigger',
  icon: 'webhook',
  description: 'Starts the workflow when another app sends a request to its address.',
  props: {
    responseMode: p.select({
      label: 'Respond',
      description: 'Answer at once, or wait until the workflow has finished and answer with its output.',
      options: [
        { value: 'async', label: 'At once' },
        { value: 'sync', label: 'When the workflow finishes' },
      ],
      default: 'async',
    }),
  },
  sampleOutput: { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: {} },
});
