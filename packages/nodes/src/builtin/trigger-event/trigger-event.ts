import { defineNode } from '../../define/define-node.ts';
import { eventPatternProp } from './pattern-prop.ts';

/**
 * Starts a run for every event of the organisation that matches an EventBridge pattern: events
 * posted to `POST /api/v1/events` and Flowdeck's own (`source: "flowdeck"`, e.g. `run.failed`).
 * `$trigger` is the whole event envelope.
 */
export const eventTrigger = defineNode({
  type: 'trigger.event',
  version: 1,
  kind: 'trigger',
  title: 'When an event happens',
  category: 'trigger',
  icon: 'bolt',
  description: 'Starts the workflow when an event matching the pattern arrives.',
  props: {
    pattern: eventPatternProp(
      'Event pattern',
      'An EventBridge event pattern, e.g. {"source": ["flowdeck"], "detail-type": ["run.failed"]}.',
    ),
  },
  sampleOutput: {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'run.failed',
    source: 'flowdeck',
    account: '000000000000',
    time: '2026-01-05T09:00:00Z',
    region: 'local',
    resources: [],
    detail: { organizationId: 'org_x', workflowId: 'wf_x', error: 'States.TaskFailed' },
  },
});
