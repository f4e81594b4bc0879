import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/** Waits a number of seconds or until a moment: a Wait state (`Seconds` or `Timestamp`). */
export const delayNode = defineNode({
  type: 'logic.delay',
  version: 1,
  kind: 'control',
  title: 'Delay',
  category: 'logic',
  icon: 'clock',
  description: 'Waits for a while, or until a date and time, before continuing.',
  props: {
    mode: p.select({
      label: 'Wait',
      options: [
        { value: 'seconds', label: 'For a number of seconds' },
        { value: 'until', label: 'Until a date and time' },
      ],
      default: 'seconds',
    }),
    seconds: p.number({
      label: 'Seconds',
      required: true,
      integer: true,
      min: 0,
      // Step Functions' limit for a Standard execution: one year.
      max: 31_536_000,
      displayWhen: { mode: ['seconds'] },
    }),
    until: p.dateTime({
      label: 'Until',
      required: true,
      description: 'A date and time with a time zone, e.g. 2025-03-04T09:00:00Z, or an expression.',
      displayWhen: { mode: ['until'] },
    }),
  },
});
