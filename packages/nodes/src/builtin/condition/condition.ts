import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/** If/else: compiles to a Choice state whose `Condition` is the rule turned into JSONata. */
export const conditionNode = defineNode({
  type: 'logic.condition',
  version: 1,
  kind: 'condition',
  title: 'Condition',
  category: 'logic',
  icon: 'split',
  description: 'Continues along “true” when the rule matches, otherwise along “false”.',
  props: {
    rule: p.rule({
      label: 'Rule',
      required: true,
      description: 'For example: the trigger’s amount is greater than 100.',
    }),
  },
  outputHandles: () => ['true', 'false'],
});
