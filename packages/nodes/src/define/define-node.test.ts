import { describe, expect, expectTypeOf, it } from 'vitest';
import type { JsonLogicRule } from './p.ts';
import { p } from './p.ts';
import { defineNode } from './define-node.ts';
import type { NodeContext } from './context.ts';

const postNode = defineNode({
  type: 'test.post',
  version: 1,
  kind: 'action',
  title: 'Post',
  category: 'test',
  icon: 'test',
  props: {
    text: p.longText({ label: 'Text', required: true, maxLength: 10 }),
    visibility: p.select({ label: 'Visibility', options: ['PUBLIC', 'CONNECTIONS'], default: 'PUBLIC' }),
    tags: p.multiSelect({ label: 'Tags', options: ['news', 'promo'] }),
    count: p.number({ label: 'Count', integer: true, min: 1 }),
    urgent: p.boolean({ label: 'Urgent' }),
    when: p.dateTime({ label: 'Publish at' }),
    extra: p.json({ label: 'Extra' }),
    headers: p.keyValueList({ label: 'Headers' }),
    rule: p.rule({ label: 'Rule' }),
    account: p.connection({ label: 'Account', connectionKind: 'linkedin' }),
    mode: p.select({ label: 'Mode', options: [{ value: 'now', label: 'Now' }, 'later'], default: 'now' }),
    delaySeconds: p.number({ label: 'Delay', required: true, displayWhen: { mode: ['later'] } }),
    author: p.object({
      label: 'Author',
      props: { name: p.shortText({ label: 'Name', required: true }), email: p.shortText({ label: 'Email' }) },
    }),
    links: p.array({
      label: 'Links',
      itemLabel: 'Link',
      uniqueKey: 'href',
      items: {
        href: p.shortText({ label: 'Address', required: true }),
        title: p.shortText({ label: 'Title' }),
      },
    }),
  },
  async run({ props }) {
    return { length: props.text.length, visibility: props.visibility };
  },
});

describe('defineNode props', () => {
  it('infers the type of ctx.props from the props object', () => {
    type Ctx = Parameters<NonNullable<typeof postNode.run>>[0];
    expectTypeOf<Ctx>().toEqualTypeOf<NodeContext<Ctx['props']>>();
    expectTypeOf<Ctx['props']>().toEqualTypeOf<{
      text: string;
      visibility: 'PUBLIC' | 'CONNECTIONS';
      mode: 'now' | 'later';
      tags?: ('news' | 'promo')[];
      count?: number;
      urgent?: boolean;
      when?: string;
      extra?: unknown;
      headers?: Record<string, string | number | boolean>;
      rule?: JsonLogicRule;
      account?: string;
      delaySeconds?: number;
      author?: { name: string; email?: string };
      links?: { href: string; title?: string }[];
    }>();
  });

  it('accepts valid params', () => {
    expect(
      postNode.validateParams({
        text: 'Hello',
        tags: ['news'],
        count: 2,
        urgent: true,
        when: '2025-03-01T09:00:00Z',
        extra: { any: ['thing'] },
        headers: { Accept: 'text/html' },
        rule: { '==': [1, 1] },
        account: 'conn_1',
        mode: 'later',
        delaySeconds: 5,
        author: { name: 'Ann' },
        links: [{ href: 'https://a' }, { href: 'https://b', title: 'B' }],
      }),
    ).toEqual([]);
  });

  it('reports every problem at once with a dotted path and a plain sentence', () => {
    const issues = postNode.validateParams({
      tags: ['news', 'sales'],
      count: 1.5,
      urgent: 'yes',
      when: 'next tuesday',
      headers: { 'X-Id': { nested: true } },
      rule: { a: 1, b: 2 },
      visibility: 'FRIENDS',
      author: { email: 'a@b.c' },
      links: [{ href: 'x' }, { href: 'x' }, {}],
      colour: 'red',
    });
    expect(issues).toEqual([
      { path: 'text', message: 'Text is required.' },
      { path: 'visibility', message: 'Visibility must be one of PUBLIC or CONNECTIONS.' },
      { path: 'tags.1', message: 'Tags can only contain news or promo.' },
      { path: 'count', message: 'Count must be a whole number.' },
      { path: 'urgent', message: 'Urgent must be on or off (true or false).' },
      { path: 'when', message: 'Publish at must be a date and time such as 2025-03-01T09:00:00Z.' },
      { path: 'headers.X-Id', message: 'Headers: the value of “X-Id” must be text.' },
      { path: 'rule', message: 'Rule must be one condition, such as “amount is greater than 100”.' },
      { path: 'author.name', message: 'Name is required.' },
      { path: 'links.1.href', message: 'Link 2: Address “x” is already used by another link.' },
      { path: 'links.2.href', message: 'Link 3: Address is required.' },
      { path: 'colour', message: '“colour” is not a setting of this step.' },
    ]);
  });

  it('accepts a {% %} expression wherever a value is expected', () => {
    expect(
      postNode.validateParams({
        text: '{% $trigger.text %}',
        count: '{% $count %}',
        urgent: '{% true %}',
        tags: ['{% $tag %}'],
        headers: { A: '{% $a %}' },
        author: '{% $author %}',
        links: ['{% $link %}', { href: '{% $href %}' }],
      }),
    ).toEqual([]);
  });

  it('only requires a conditional field when it is shown', () => {
    expect(postNode.validateParams({ text: 'x', mode: 'now' })).toEqual([]);
    expect(postNode.validateParams({ text: 'x', mode: 'later' })).toEqual([
      { path: 'delaySeconds', message: 'Delay is required.' },
    ]);
    // The mode is only known at run time: the field may be left empty.
    expect(postNode.validateParams({ text: 'x', mode: '{% $mode %}' })).toEqual([]);
  });

  it('parses resolved params with defaults and rejects unresolved expressions for typed fields', () => {
    expect(postNode.parseProps({ text: 'Hi' })).toEqual({
      ok: true,
      props: { text: 'Hi', visibility: 'PUBLIC', mode: 'now' },
    });
    const parsed = postNode.parseProps({ text: 'Hi', count: '{% $n %}' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues).toEqual([{ path: 'count', message: 'Count must be a number.' }]);
  });

  it('describes the params as a JSON Schema 2020-12 form with titles, defaults, enums and conditions', () => {
    const schema = postNode.paramsSchema;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['text']);
    expect(schema.additionalProperties).toBe(false);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.visibility).toMatchObject({
      title: 'Visibility',
      type: 'string',
      enum: ['PUBLIC', 'CONNECTIONS'],
      default: 'PUBLIC',
    });
    expect(properties.mode['x-enum-labels']).toEqual(['Now', 'later']);
    expect(properties.text).toMatchObject({ type: 'string', maxLength: 10, 'x-widget': 'longText' });
    expect(properties.count).toMatchObject({ type: 'integer', minimum: 1 });
    expect(properties.delaySeconds['x-display-when']).toEqual({ mode: ['later'] });
    expect(schema.allOf).toEqual([
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
      { if: { properties: { mode: { enum: ['later'] } } }, then: { required: ['delaySeconds'] } },
    ]);
    expect(properties.links).toMatchObject({
      type: 'array',
      items: {
        type: 'object',
        required: ['href'],
        properties: { href: { title: 'Address', type: 'string' } },
      },
    });
    expect(properties.author).toMatchObject({ type: 'object', required: ['name'] });
  });
});
