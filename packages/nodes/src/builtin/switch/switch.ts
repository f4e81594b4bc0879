import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';
import { isPlainObject } from '../../define/prop.ts';

/** Several rules, first match wins, else `default`: one Choice state with one rule per case. */
export const switchNode = defineNode({
  type: 'logic.switch',
  version: 1,
  kind: 'condition',
  title: 'Switch',
  category: 'logic',
  icon: 'switch',
  description: 'Continues along the first case whose rule matches, otherwise along “default”.',
  props: {
    cases: p.array({
      label: 'Cases',
      itemLabel: 'Case',
      required: true,
      minItems: 1,
      uniqueKey: 'id',
      items: {
        id: p.shortText({
          label: 'Output name',
          required: true,
          pattern: '(?!default$|error$)[A-Za-z0-9_-]{1,64}',
          patternMessage:
            'may use letters, digits, “-” and “_” (at most 64), and cannot be “default” or “error”.',
        }),
        label: p.shortText({ label: 'Label' }),
        rule: p.rule({ label: 'Rule', required: true }),
      },
    }),
  },
  outputHandles: (params) => {
    const cases = Array.isArray(params.cases) ? params.cases : [];
    const ids = cases.flatMap((item) =>
      isPlainObject(item) && typeof item.id === 'string' ? [item.id] : [],
    );
    return [...ids, 'default'];
  },
});
