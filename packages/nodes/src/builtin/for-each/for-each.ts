import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/**
 * Runs the steps after its `item` output once per element (a Map state), then continues along
 * `done` with the list of each iteration's output. Inside, `$<id>_item` and `$<id>_index`.
 */
export const forEachNode = defineNode({
  type: 'logic.for_each',
  version: 1,
  kind: 'control',
  title: 'For each',
  category: 'logic',
  icon: 'repeat',
  description: 'Repeats the steps connected to “item” for every element of a list.',
  props: {
    items: p.json({
      label: 'List',
      required: true,
      shape: 'array',
      description: 'The list to go through, usually an expression such as {% $fetch_feed.items %}.',
    }),
    maxConcurrency: p.number({
      label: 'At the same time',
      description: 'How many elements are handled at once; 0 means no limit.',
      integer: true,
      min: 0,
      max: 40,
      default: 1,
    }),
  },
  outputHandles: () => ['item', 'done'],
});
