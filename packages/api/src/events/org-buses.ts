// One EventBridge-style bus per organisation, all sharing one archive store (SQLite, in the
// runtime's data file). A bus per organisation gives each its own rules, archive range, replay
// and retention; on top of that every event is stamped with `detail.organizationId` and every rule
// the API creates requires it (org-scope.ts), so a rule can never see another organisation's events.
import {
  type Clock,
  createLocalEventBus,
  type Deliver,
  type EventArchiveStore,
  type LocalEventBus,
  type TaskTokenCallbacks,
} from '@flowdeck/engine';

/** The envelope's `account` and `region` on the embedded host (there is no AWS account). */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

export interface OrgEventBusesOptions {
  archive: EventArchiveStore;
  clock: Clock;
  /** Called for every (matching rule × target); set later by the events module. */
  deliver: Deliver;
  taskTokens: TaskTokenCallbacks;
  onError?: (error: unknown) => void;
}

export interface OrgEventBuses {
  /** The organisation's bus, created on first use with the given retention. */
  bus(organizationId: string, retentionDays?: number): LocalEventBus;
  /** Replaces a bus with one that keeps events `retentionDays` (0 = forever); rules are kept. */
  setRetention(organizationId: string, retentionDays: number): Promise<LocalEventBus>;
  /** Resolves when no bus has a delivery or wait callback under way. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export function createOrgEventBuses(options: OrgEventBusesOptions): OrgEventBuses {
  const buses = new Map<string, LocalEventBus>();
  const make = (organizationId: string, retentionDays?: number) =>
    createLocalEventBus({
      archive: options.archive,
      clock: options.clock,
      account: LOCAL_ACCOUNT,
      region: LOCAL_REGION,
      name: organizationId,
      retentionDays,
      deliver: (target, event, context) => options.deliver(target, event, context),
      taskTokens: options.taskTokens,
      onError: options.onError,
    });
  return {
    bus(organizationId, retentionDays) {
      let bus = buses.get(organizationId);
      if (!bus) {
        bus = make(organizationId, retentionDays);
        buses.set(organizationId, bus);
      }
      return bus;
    },
    async setRetention(organizationId, retentionDays) {
      const old = buses.get(organizationId);
      const rules = old ? await old.listRules() : [];
      if (old) {
        await old.drain();
        await old.close();
      }
      const bus = make(organizationId, retentionDays);
      buses.set(organizationId, bus);
      for (const rule of rules) {
        await bus.putRule({
          name: rule.Name,
          eventPattern: rule.EventPattern,
          state: rule.State,
          description: rule.Description,
          targets: rule.Targets,
        });
      }
      return bus;
    },
    async drain() {
      await Promise.all([...buses.values()].map((bus) => bus.drain()));
    },
    async close() {
      await Promise.all([...buses.values()].map((bus) => bus.close()));
      buses.clear();
    },
  };
}
