import { describe, expect, it } from 'vitest';
import { builtinNodes } from './builtin/index.ts';
import { createBuiltinCatalog } from './catalog.ts';

describe('createBuiltinCatalog', () => {
  it('knows every built-in node at version 1, and only control/trigger nodes have no code', () => {
    const catalog = createBuiltinCatalog();
    expect(
      catalog
        .list()
        .map((spec) => spec.type)
        .sort(),
    ).toEqual(
      [
        'data.transform',
        'http.request',
        'logic.approval',
        'logic.condition',
        'logic.delay',
        'logic.for_each',
        'logic.join',
        'logic.parallel',
        'logic.stop',
        'logic.switch',
        'logic.wait_for_event',
        'trigger.event',
        'trigger.manual',
        'trigger.poll',
        'trigger.schedule',
        'trigger.webhook',
      ].sort(),
    );
    for (const node of builtinNodes) {
      expect(catalog.get(node.type, 1)).toBe(node);
      expect(catalog.versions(node.type)).toEqual([1]);
      expect(node.run === undefined).toBe(node.kind !== 'action');
      expect(node.paramsSchema.type).toBe('object');
    }
  });
});
