import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/** Builds a new value from earlier outputs; its strings may be `{% %}` expressions. */
export const transformNode = defineNode({
  type: 'data.transform',
  version: 1,
  kind: 'action',
  title: 'Transform data',
  category: 'data',
  icon: 'transform',
  description: 'Shapes data for the next steps, e.g. { "title": "{% $fetch_feed.items[0].title %}" }.',
  props: {
    output: p.json({ label: 'Output', required: true }),
  },
  // The runtime resolved the expressions already: the output is the resolved value.
  async run({ props }) {
    return props.output;
  },
});
