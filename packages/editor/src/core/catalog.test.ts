import type { WorkflowNode } from '@flowdeck/engine';
import { createBuiltinCatalog } from '@flowdeck/nodes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catalogFromItems,
  isTriggerTypeIn,
  type NodeTypeItem,
  outputHandlesOf,
  paletteGroups,
} from './catalog.ts';
import { createNode, emptyGraph } from './graph-ops.ts';

// Items shaped as `GET /api/v1/nodes` answers them (docs/api.md "Node catalog").
const item = (over: Partial<NodeTypeItem> & Pick<NodeTypeItem, 'type'>): NodeTypeItem => ({
  version: 1,
  kind: 'action',
  title: over.type,
  category: 'data',
  paramsSchema: { type: 'object', properties: {} },
  ...over,
});

const items: NodeTypeItem[] = [
  item({ type: 'trigger.webhook', kind: 'trigger', category: 'trigger', sampleOutput: { body: {} } }),
  item({ type: 'logic.condition', kind: 'condition', category: 'logic', outputHandles: ['true', 'false'] }),
  item({
    type: 'logic.switch',
    kind: 'condition',
    category: 'logic',
    outputHandles: { fromParams: 'cases', plus: ['default'] },
  }),
  item({ type: 'logic.stop', kind: 'control', category: 'logic', outputHandles: [] }),
  item({ type: 'acme.shout', version: 2, title: 'Shout v2', category: 'acme', connection: 'acme' }),
  item({
    type: 'acme.shout',
    version: 1,
    title: 'Shout',
    category: 'acme',
    paramsSchema: { type: 'object', properties: { text: { type: 'string', default: 'hi' } } },
  }),
];

const node = (type: string, params: Record<string, unknown> = {}, version = 1): WorkflowNode => ({
  id: 'n',
  type,
  version,
  position: { x: 0, y: 0 },
  params,
});

describe('catalog from the API', () => {
  const catalog = catalogFromItems(items);

  it('finds every type and version, versions ascending, with the display fields kept', () => {
    expect(catalog.versions('acme.shout')).toEqual([1, 2]);
    expect(catalog.versions('nope')).toEqual([]);
    expect(catalog.get('acme.shout', 2)).toMatchObject({
      title: 'Shout v2',
      category: 'acme',
      connection: 'acme',
    });
    expect(catalog.get('trigger.webhook', 1)?.sampleOutput).toEqual({ body: {} });
    expect(catalog.get('acme.shout', 3)).toBeUndefined();
    expect(catalog.list()).toHaveLength(items.length);
  });

  it('gives one unnamed output when the item lists no handles, and the listed ones otherwise', () => {
    expect(outputHandlesOf(node('acme.shout'), catalog.get('acme.shout', 1))).toEqual([null]);
    expect(outputHandlesOf(node('logic.condition'), catalog.get('logic.condition', 1))).toEqual([
      'true',
      'false',
    ]);
    expect(outputHandlesOf(node('logic.stop'), catalog.get('logic.stop', 1))).toEqual([]);
    const branching = { ...node('logic.condition'), settings: { onError: 'branch' as const } };
    expect(outputHandlesOf(branching, catalog.get('logic.condition', 1))).toEqual(['true', 'false', 'error']);
  });

  it('reads dynamic handles from the params list the item names, as the switch node itself does', () => {
    const fromApi = catalog.get('logic.switch', 1)!;
    const builtin = createBuiltinCatalog().get('logic.switch', 1)!;
    const caseItem = fc.oneof(
      fc.record({ id: fc.string({ maxLength: 6 }), label: fc.string({ maxLength: 4 }) }),
      fc.record({ label: fc.string({ maxLength: 4 }) }),
      fc.constant(null),
      fc.integer(),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.array(caseItem, { maxLength: 6 }), fc.constant(undefined), fc.string()),
        (cases) => {
          const params = cases === undefined ? {} : { cases };
          expect(outputHandlesOf(node('logic.switch', params), fromApi)).toEqual(
            outputHandlesOf(node('logic.switch', params), builtin),
          );
        },
      ),
    );
  });

  it('creates nodes at the latest version with the schema defaults', () => {
    const created = createNode(emptyGraph(), catalogFromItems(items.slice(-1)), 'acme.shout', { x: 0, y: 0 });
    expect(created).toMatchObject({ type: 'acme.shout', version: 1, params: { text: 'hi' } });
    expect(createNode(emptyGraph(), catalog, 'acme.shout', { x: 0, y: 0 }).version).toBe(2);
  });

  it('tells trigger types by their latest version and puts plugin categories after the built-in ones', () => {
    expect(isTriggerTypeIn(catalog, 'trigger.webhook')).toBe(true);
    expect(isTriggerTypeIn(catalog, 'logic.condition')).toBe(false);
    expect(isTriggerTypeIn(catalog, 'nope')).toBe(false);
    const groups = paletteGroups(catalog);
    expect(groups.map((g) => g.category)).toEqual(['trigger', 'logic', 'acme']);
    expect(groups.find((g) => g.category === 'acme')?.specs.map((s) => s.title)).toEqual(['Shout v2']);
  });

  it('never checks params itself (the API answers the issues)', () => {
    expect(catalog.get('logic.condition', 1)!.validateParams({ rule: 42 })).toEqual([]);
  });
});
