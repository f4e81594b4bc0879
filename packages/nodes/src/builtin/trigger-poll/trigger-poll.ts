import { defineNode } from '../../define/define-node.ts';
import { p } from '../../define/p.ts';

/**
 * Polls an RSS/Atom feed or a JSON URL every N minutes and starts one run per new item
 * (`$trigger` = the item). The first poll only remembers what is there, so turning the trigger on
 * never floods; `filter` keeps only the new items that meet a condition on `trigger.<field>`.
 */
export const pollTrigger = defineNode({
  type: 'trigger.poll',
  version: 1,
  kind: 'trigger',
  title: 'New item in a feed',
  category: 'trigger',
  icon: 'rss',
  description: 'Checks a feed or a JSON address every few minutes and starts the workflow for each new item.',
  props: {
    source: p.select({
      label: 'Source',
      options: [
        { value: 'rss', label: 'RSS or Atom feed' },
        { value: 'json', label: 'JSON address' },
      ],
      default: 'rss',
    }),
    url: p.shortText({
      label: 'Address',
      required: true,
      maxLength: 2048,
      pattern: 'https?://\\S+',
      patternMessage: 'must start with http:// or https://.',
      placeholder: 'https://example.com/feed.xml',
    }),
    itemsPath: p.shortText({
      label: 'Items',
      description: 'JSONata selecting the list in the answer, e.g. data.posts. Empty: the answer itself.',
      displayWhen: { source: ['json'] },
    }),
    itemKey: p.shortText({
      label: 'Item id field',
      description: 'The field that identifies an item (dots go deeper). Default: id.',
      pattern: '[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*',
      patternMessage: 'must be a field name such as id or meta.guid.',
    }),
    everyMinutes: p.number({ label: 'Every (minutes)', integer: true, min: 1, max: 1440, default: 15 }),
    filter: p.rule({
      label: 'Only items where',
      description: 'For example: the trigger’s title contains “launch”.',
    }),
  },
  sampleOutput: {
    id: 'https://example.com/posts/42',
    title: 'Launch day',
    link: 'https://example.com/posts/42',
    published: '2026-01-05T09:00:00.000Z',
    summary: 'We launched.',
  },
});
