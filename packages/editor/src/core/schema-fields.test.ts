import { createBuiltinCatalog } from '@flowdeck/nodes';
import { describe, expect, it } from 'vitest';
import { type FieldSchema, isFieldVisible, widgetOf } from './schema-fields.ts';

const catalog = createBuiltinCatalog();
const propsOf = (type: string) =>
  catalog.get(type, 1)!.paramsSchema.properties as Record<string, FieldSchema>;
const visible = (type: string, params: Record<string, unknown>) => {
  const props = propsOf(type);
  return Object.keys(props).filter((k) => isFieldVisible(props[k], params, props));
};

describe('conditional fields', () => {
  it('shows a delay’s seconds by default and its date once “until” is chosen', () => {
    expect(visible('logic.delay', {})).toEqual(['mode', 'seconds']);
    expect(visible('logic.delay', { mode: 'until' })).toEqual(['mode', 'until']);
  });

  it('shows an HTTP body only for methods that send one', () => {
    expect(visible('http.request', {})).not.toContain('body');
    expect(visible('http.request', { method: 'POST' })).toContain('body');
  });
});

describe('widgets', () => {
  it('uses the node library’s widget hint, else the type', () => {
    expect(widgetOf(propsOf('logic.condition').rule)).toBe('rule');
    expect(widgetOf(propsOf('http.request').headers)).toBe('keyValueList');
    expect(widgetOf({ type: 'integer' })).toBe('number');
    expect(widgetOf({ enum: ['a'] })).toBe('select');
    expect(widgetOf({})).toBe('shortText');
  });
});
