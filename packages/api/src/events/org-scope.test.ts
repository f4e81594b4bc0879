// Organisation scoping: whatever the author's pattern and whatever the caller puts in Detail, a
// scoped rule never matches another organisation's stamped event.
import { createEvent, matchesEventPattern } from '@flowdeck/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isReservedSource, scopePattern, stampOrganization } from './org-scope.ts';

const clock = { now: () => Date.UTC(2026, 0, 1), setTimer: () => () => {} };
const eventOf = (org: string, detail: Record<string, unknown>) =>
  createEvent(
    stampOrganization({ Source: 'shop', DetailType: 'paid', Detail: JSON.stringify(detail) }, org),
    {
      account: '000000000000',
      region: 'local',
      clock,
    },
  );

describe('organisation scoping', () => {
  it('keeps the author’s conditions and adds the organisation', () => {
    expect(scopePattern({ source: ['shop'], detail: { amount: [{ numeric: ['>', 10] }] } }, 'org_a')).toEqual(
      {
        source: ['shop'],
        detail: { amount: [{ numeric: ['>', 10] }], organizationId: ['org_a'] },
      },
    );
    expect(scopePattern({ detail: { organizationId: ['org_b'] } }, 'org_a')).toEqual({
      detail: { organizationId: ['org_a'] },
    });
    expect(isReservedSource('flowdeck')).toBe(true);
    expect(isReservedSource('flowdeck.billing')).toBe(true);
    expect(isReservedSource('flowdeckish')).toBe(false);
  });

  it('never lets a rule of one organisation match an event of another (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('amount', 'orderId', 'organizationId', 'tag'), value),
        fc.constantFrom('org_a', 'org_b'),
        fc.constantFrom('org_a', 'org_b'),
        (detail, ruleOrg, eventOrg) => {
          const event = eventOf(eventOrg, detail);
          // The most permissive pattern the author could write about this very event.
          const pattern = {
            source: ['shop'],
            detail: Object.fromEntries(Object.entries(event.detail).map(([k, v]) => [k, [v]])),
          };
          expect(event.detail.organizationId).toBe(eventOrg);
          expect(matchesEventPattern(scopePattern(pattern, ruleOrg), event)).toBe(ruleOrg === eventOrg);
        },
      ),
    );
  });
});
