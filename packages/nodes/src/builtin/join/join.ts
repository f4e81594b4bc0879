import { defineNode } from '../../define/define-node.ts';

/** Where the branches of a Parallel meet; continues once every branch has finished. */
export const joinNode = defineNode({
  type: 'logic.join',
  version: 1,
  kind: 'control',
  title: 'Join',
  category: 'logic',
  icon: 'merge',
  description: 'Waits for every branch of a Parallel step, then continues.',
  props: {},
});
