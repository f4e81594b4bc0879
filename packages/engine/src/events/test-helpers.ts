// Shared by this room's tests: a bus on a virtual clock that records what it delivers.
import { createVirtualClock, type VirtualClock } from '../runtime/index.ts';
import type { EventArchiveStore } from './archive-store.ts';
import type { DeliveredEvent, DeliveryContext, RuleTarget } from './bus.ts';
import { createLocalEventBus, type LocalEventBusOptions } from './local-bus.ts';
import { createMemoryEventArchiveStore } from './memory-archive.ts';

export interface Delivery {
  target: string;
  rule: string;
  attempt: number;
  at: number;
  event: DeliveredEvent;
}

export function testBus(
  overrides: Partial<LocalEventBusOptions> & {
    clock?: VirtualClock;
    archive?: EventArchiveStore;
    /** Decides per delivery whether it fails (throws). */
    fail?: (target: RuleTarget, event: DeliveredEvent, context: DeliveryContext) => boolean;
  } = {},
) {
  const clock = overrides.clock ?? createVirtualClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  const archive = overrides.archive ?? createMemoryEventArchiveStore();
  const delivered: Delivery[] = [];
  const bus = createLocalEventBus({
    archive,
    clock,
    account: '123456789012',
    region: 'eu-west-1',
    deliver: async (target, event, context) => {
      if (overrides.fail?.(target, event, context)) throw new Error(`target ${target.id} is down`);
      delivered.push({
        target: target.id,
        rule: context.ruleName,
        attempt: context.attempt,
        at: clock.now(),
        event,
      });
    },
    ...overrides,
  });
  return { bus, clock, archive, delivered };
}

export function entry(source: string, detailType: string, detail: Record<string, unknown> = {}, extra = {}) {
  return { Source: source, DetailType: detailType, Detail: JSON.stringify(detail), ...extra };
}
