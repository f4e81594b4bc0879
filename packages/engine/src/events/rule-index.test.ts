import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEventPattern, indexEvent } from '../patterns/index.ts';
import { pinnedValues, RuleIndex } from './rule-index.ts';

const sources = ['shop', 'crm', 'flowdeck', 'Shop'];
const types = ['order.placed', 'order.refunded', 'run.failed'];

/** A pattern fragment for one field: pinned strings or an operator (which is not a pin). */
const fieldPattern = (values: string[]) =>
  fc.oneof(
    fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(...values).map((v) => [{ prefix: v.slice(0, 2) }]),
    fc.constantFrom(...values).map((v) => [{ 'anything-but': v }]),
    fc.constantFrom(...values).map((v) => [v, { 'equals-ignore-case': v }]),
    fc.constant([{ exists: true }]),
  );

const pattern = fc
  .oneof(
    fc.record(
      {
        source: fieldPattern(sources),
        'detail-type': fieldPattern(types),
        detail: fc.record({ n: fc.constantFrom([{ numeric: ['>', 5] }], [1, 2, 3], [{ exists: false }]) }),
      },
      { requiredKeys: [] },
    ),
    fc
      .tuple(fieldPattern(sources), fieldPattern(types))
      .map(([s, t]) => ({ $or: [{ source: s }, { 'detail-type': t }] })),
    fc
      .tuple(fieldPattern(sources), fieldPattern(types))
      .map(([s, t]) => ({ source: s, $or: [{ 'detail-type': t }, { detail: { n: [1] } }] })),
  )
  .filter((p) => Object.keys(p).length > 0);

const event = fc.record({
  source: fc.constantFrom(...sources),
  'detail-type': fc.constantFrom(...types),
  detail: fc.record({ n: fc.integer({ min: 0, max: 9 }) }, { requiredKeys: [] }),
});

describe('RuleIndex', () => {
  it('answers exactly the rules a scan of every rule would, in insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 30 }),
        fc.array(event, { minLength: 1, maxLength: 10 }),
        (patterns, events) => {
          const index = new RuleIndex<number>();
          const matchers = patterns.map((p) => compileEventPattern(p));
          matchers.forEach((m, i) => {
            index.set(`r${i}`, m, i);
          });
          for (const e of events) {
            const naive = matchers.flatMap((m, i) => (m(e) ? [i] : []));
            expect(index.match(e.source, e['detail-type'], indexEvent(e))).toEqual(naive);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps an entry in place when replaced, and forgets a deleted one', () => {
    const index = new RuleIndex<string>();
    index.set('a', compileEventPattern({ source: ['shop'] }), 'a1');
    index.set('b', compileEventPattern({ 'detail-type': ['x'] }), 'b');
    index.set('c', compileEventPattern({ detail: { n: [1] } }), 'c');
    index.set('a', compileEventPattern({ 'detail-type': ['x'] }), 'a2');
    const e = { source: 'shop', 'detail-type': 'x', detail: { n: 1 } };
    expect(index.match(e.source, e['detail-type'], indexEvent(e))).toEqual(['a2', 'b', 'c']);
    expect(index.delete('b')).toBe(true);
    expect(index.delete('b')).toBe(false);
    expect(index.match(e.source, e['detail-type'], indexEvent(e))).toEqual(['a2', 'c']);
    expect(index.size).toBe(2);
  });

  it('treats only plain string lists at the top level as pins', () => {
    expect(pinnedValues({ source: ['a', 'b', 'a'] }, 'source')).toEqual(['a', 'b']);
    expect(pinnedValues({ source: ['a', { prefix: 'b' }] }, 'source')).toBeUndefined();
    expect(pinnedValues({ source: [null] }, 'source')).toBeUndefined();
    expect(pinnedValues({ $or: [{ source: ['a'] }] }, 'source')).toBeUndefined();
    expect(pinnedValues({ detail: { source: ['a'] } }, 'source')).toBeUndefined();
  });
});
