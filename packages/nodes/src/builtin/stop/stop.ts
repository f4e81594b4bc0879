import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/** Ends the run as failed with an error name and cause: a Fail state. */
export const stopNode = defineNode({
  type: 'logic.stop',
  version: 1,
  kind: 'control',
  title: 'Stop with error',
  category: 'logic',
  icon: 'stop',
  description: 'Stops the workflow and marks the run as failed.',
  props: {
    error: p.shortText({ label: 'Error name', required: true, maxLength: 256, default: 'Workflow.Stopped' }),
    cause: p.longText({ label: 'Reason', maxLength: 32_768 }),
  },
  outputHandles: () => [],
});
