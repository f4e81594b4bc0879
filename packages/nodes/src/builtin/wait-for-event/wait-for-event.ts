import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';
import { eventPatternProp } from '../trigger-event/pattern-prop.ts';

/**
 * Pauses the run until an event of the organisation matches the pattern (a `.waitForTaskToken`
 * Task), then continues along `received` with the event as its output; with no match within
 * `timeoutSeconds` it continues along `timed_out` (output `{error, cause}`).
 */
export const waitForEventNode = defineNode({
  type: 'logic.wait_for_event',
  version: 1,
  kind: 'control',
  title: 'Wait for event',
  category: 'logic',
  icon: 'hourglass',
  description: 'Waits until a matching event arrives, or gives up after a while.',
  props: {
    pattern: eventPatternProp(
      'Event pattern',
      'An EventBridge event pattern, e.g. {"source": ["shop"], "detail": {"orderId": ["42"]}}.',
    ),
    timeoutSeconds: p.number({
      label: 'Give up after (seconds)',
      integer: true,
      min: 1,
      max: 31_536_000,
      default: 86_400,
    }),
  },
  outputHandles: () => ['received', 'timed_out'],
});
