import { validateWorkflow } from '@flowdeck/engine';
import { describe, expect, it } from 'vitest';
import { createBuiltinCatalog } from '../../catalog.ts';
import { pollTrigger } from './trigger-poll.ts';

describe('trigger.poll', () => {
  it('polls an RSS feed every 15 minutes by default', () => {
    expect(pollTrigger.parseProps({ url: 'https://example.com/feed.xml' })).toEqual({
      ok: true,
      props: { source: 'rss', url: 'https://example.com/feed.xml', everyMinutes: 15 },
    });
  });

  it('names what is wrong with the address, the interval and the id field', () => {
    expect(
      pollTrigger
        .validateParams({ url: 'ftp://x', everyMinutes: 0, itemKey: 'a b', source: 'json' })
        .map((i) => i.path),
    ).toEqual(['url', 'itemKey', 'everyMinutes']);
  });

  it('filters on the item as $trigger, which the graph validator accepts', () => {
    const graph = {
      schemaVersion: 1 as const,
      nodes: [
        {
          id: 'feed',
          type: 'trigger.poll',
          version: 1,
          position: { x: 0, y: 0 },
          params: {
            url: 'https://example.com/feed.xml',
            filter: { contains: [{ var: 'trigger.title' }, 'launch'] },
          },
        },
        {
          id: 'out',
          type: 'data.transform',
          version: 1,
          position: { x: 1, y: 0 },
          params: { output: '{% $trigger.title %}' },
        },
      ],
      edges: [{ id: 'e1', source: 'feed', target: 'out' }],
    };
    expect(validateWorkflow(graph, createBuiltinCatalog()).issues).toEqual([]);
  });
});
