import { defineNode } from '../../define/define-node.ts';

/** Starts a run by hand (the editor's "Run" button or the API); its payload is `$trigger`. */
export const manualTrigger = defineNode({
  type: 'trigger.manual',
  version: 1,
  kind: 'trigger',
  title: 'Start manually',
  category: 'trigger',
  icon: 'play',
  description: 'Starts the workflow when you press Run or call the API.',
  props: {},
  sampleOutput: {},
});
