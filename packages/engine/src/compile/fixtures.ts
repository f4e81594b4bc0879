// Workflow graphs used by the compiler's tests (not exported): one per construct.
import type { WorkflowGraph } from '../graph/model.ts';
import { graph } from './test-support.ts';

export const fixtures: Record<string, WorkflowGraph> = {
  linear: graph()
    .node('start', 'trigger.manual')
    .node('fetch', 'http.request', { url: 'https://example.com/feed', method: 'GET' })
    .node('shape', 'data.transform', {
      output: { title: '{% $fetch.items[0].title %}', by: '{% $vars.author %}' },
    })
    .node('post', 'social.post', { text: '{% $shape.title %}' })
    .edge('start', 'fetch')
    .edge('fetch', 'shape')
    .edge('shape', 'post')
    .vars({ author: 'Ada' })
    .build(),

  condition: graph()
    .node('hook', 'trigger.webhook', { responseMode: 'async' })
    .node('big', 'logic.condition', { rule: { '>': [{ var: 'trigger.body.amount' }, 100] } })
    .node('notify_sales', 'social.post', { text: "{% 'big ' & $string($trigger.body.amount) %}" })
    .node('log_small', 'social.post', { text: 'small' })
    .edge('hook', 'big')
    .edge('big', 'notify_sales', 'true')
    .edge('big', 'log_small', 'false')
    .build(),

  switch: graph()
    .node('start', 'trigger.manual')
    .node('route', 'logic.switch', {
      cases: [
        { id: 'linkedin', rule: { '==': [{ var: 'trigger.channel' }, 'linkedin'] } },
        { id: 'x', rule: { in: [{ var: 'trigger.channel' }, ['x', 'twitter']] } },
      ],
    })
    .node('to_linkedin', 'social.post', { network: 'linkedin' })
    .node('to_x', 'social.post', { network: 'x' })
    .edge('start', 'route')
    .edge('route', 'to_linkedin', 'linkedin')
    .edge('route', 'to_x', 'x')
    .build(),

  errors: graph()
    .node('start', 'trigger.manual')
    .node(
      'flaky',
      'social.post',
      {},
      {
        settings: {
          retry: { maxAttempts: 3, intervalSeconds: 2, backoffRate: 2, maxDelaySeconds: 30, jitter: 'FULL' },
          timeoutSeconds: 60,
          onError: 'continue',
        },
      },
    )
    .node('risky', 'social.post', {}, { settings: { onError: 'branch' } })
    .node('done', 'data.transform', { output: { flaky: '{% $flaky %}', risky: '{% $risky %}' } })
    .node('alert', 'social.post', { text: '{% $risky.error %}' })
    .edge('start', 'flaky')
    .edge('flaky', 'risky')
    .edge('risky', 'done')
    .edge('risky', 'alert', 'error')
    .build(),

  waits: graph()
    .node('start', 'trigger.manual')
    .node('pause', 'logic.delay', { mode: 'seconds', seconds: 3600 })
    .node('until', 'logic.delay', { mode: 'until', until: '{% $trigger.publishAt %}' })
    .node('give_up', 'logic.stop', { error: 'Campaign.Cancelled', cause: 'Nobody approved it' })
    .node('review', 'logic.approval', { message: 'Publish?', timeoutSeconds: 86400 })
    .node('publish', 'social.post', {})
    .edge('start', 'pause')
    .edge('pause', 'until')
    .edge('until', 'review')
    .edge('review', 'publish', 'approved')
    .edge('review', 'give_up', 'rejected')
    .build(),

  forEach: graph()
    .node('start', 'trigger.manual')
    .node('each_post', 'logic.for_each', { items: '{% $trigger.posts %}', maxConcurrency: 2 })
    .node('publish', 'social.post', {
      text: '{% $each_post_item.text %}',
      position: '{% $each_post_index %}',
    })
    .node('summary', 'data.transform', { output: '{% $count($each_post) %}' })
    .edge('start', 'each_post')
    .edge('each_post', 'publish', 'item')
    .edge('each_post', 'summary', 'done')
    .build(),

  parallel: graph()
    .node('start', 'trigger.manual')
    .node('fan_out', 'logic.parallel')
    .node('to_blog', 'social.post', { network: 'blog' })
    .node('check', 'logic.condition', { rule: { '==': [{ var: 'trigger.newsletter' }, true] } })
    .node('to_newsletter', 'social.post', { network: 'newsletter' })
    .node('meet', 'logic.join')
    .node('report', 'data.transform', {
      output: {
        blog: '{% $fan_out.to_blog %}',
        newsletter: '{% $fan_out.to_newsletter %}',
        all: '{% $fan_out %}',
      },
    })
    .edge('start', 'fan_out')
    .edge('fan_out', 'to_blog')
    .edge('fan_out', 'check')
    .edge('to_blog', 'meet')
    .edge('check', 'to_newsletter', 'true')
    .edge('check', 'meet', 'false')
    .edge('to_newsletter', 'meet')
    .edge('meet', 'report')
    .build(),

  nested: graph()
    .node('start', 'trigger.manual')
    .node('each_site', 'logic.for_each', { items: '{% $trigger.sites %}', maxConcurrency: 0 })
    .node('both', 'logic.parallel')
    .node('ping', 'social.post', { site: '{% $each_site_item %}' })
    .node('stats', 'social.post', { site: '{% $each_site_item %}' }, { settings: { onError: 'continue' } })
    .node('both_done', 'logic.join')
    .node('row', 'data.transform', {
      output: { site: '{% $each_site_item %}', ping: '{% $both.ping %}', stats: '{% $both.stats %}' },
    })
    .node('fan_again', 'logic.parallel')
    .node('each_row', 'logic.for_each', { items: '{% $each_site %}' })
    .node('store', 'social.post', { row: '{% $each_row_item %}' })
    .node('announce', 'social.post', { count: '{% $count($each_site) %}' })
    .edge('start', 'each_site')
    .edge('each_site', 'both', 'item')
    .edge('both', 'ping')
    .edge('both', 'stats')
    .edge('ping', 'both_done')
    .edge('stats', 'both_done')
    .edge('both_done', 'row')
    .edge('each_site', 'fan_again', 'done')
    .edge('fan_again', 'each_row')
    .edge('fan_again', 'announce')
    .edge('each_row', 'store', 'item')
    .build(),
};
