// The organisation's bus as the API uses it: created with the organisation's retention.
import type { LocalEventBus } from '@flowdeck/engine';
import type { AppDeps } from '../deps.ts';
import { requireHost } from '../runs/service.ts';
import { eventRetentionDays } from './settings.ts';

export function orgBus(deps: AppDeps, organizationId: string): LocalEventBus {
  return requireHost(deps).events.bus(organizationId, eventRetentionDays(deps.db, organizationId));
}
