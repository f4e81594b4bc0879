import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/** Waits for a person's decision: a `.waitForTaskToken` Task; continues along approved/rejected. */
export const approvalNode = defineNode({
  type: 'logic.approval',
  version: 1,
  kind: 'control',
  title: 'Approval',
  category: 'logic',
  icon: 'approval',
  description: 'Asks a person to approve or reject, and waits for the answer.',
  props: {
    message: p.longText({ label: 'Message', required: true, maxLength: 4000 }),
    timeoutSeconds: p.number({
      label: 'Give up after (seconds)',
      description: 'Counts as rejected when nobody answers in time. Empty: wait as long as the run may last.',
      integer: true,
      min: 1,
      max: 31_536_000,
    }),
  },
  outputHandles: () => ['approved', 'rejected'],
});
