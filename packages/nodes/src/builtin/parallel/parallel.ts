import { defineNode } from '../../define/define-node.ts';

/** Runs each outgoing branch at the same time (a Parallel state); branches meet at a Join. */
export const parallelNode = defineNode({
  type: 'logic.parallel',
  version: 1,
  kind: 'control',
  title: 'Parallel',
  category: 'logic',
  icon: 'parallel',
  description: 'Runs every connected branch at the same time.',
  props: {},
});
