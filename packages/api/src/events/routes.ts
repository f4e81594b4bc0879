// Events API: PutEvents for the caller's organisation, replay of its archive, its retention.
// docs/triggers.md ("Events in the API") describes the organisation scoping.
import { EventBridgeApiError, type PutEventsRequestEntry, type PutEventsResultEntry } from '@flowdeck/engine';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { Timestamp } from '../http/schemas.ts';
import { requireHost } from '../runs/service.ts';
import { triggersReady } from '../triggers/restore.ts';
import { orgBus } from './buses.ts';
import { isReservedSource, stampOrganization } from './org-scope.ts';
import { eventRetentionDays, setEventRetentionDays } from './settings.ts';

const EntrySchema = z
  .strictObject({
    Source: z.string().max(256).optional(),
    DetailType: z.string().max(128).optional(),
    Detail: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .optional()
      .describe('JSON text of an object, as in PutEvents (an object is accepted too).'),
    Resources: z.array(z.string().max(2048)).max(100).optional(),
    Time: z.union([z.iso.datetime({ offset: true }), z.number()]).optional(),
  })
  .meta({ id: 'PutEventsEntry' });

const ResultEntrySchema = z
  .object({
    EventId: z.string().optional(),
    ErrorCode: z.string().optional(),
    ErrorMessage: z.string().optional(),
  })
  .meta({ id: 'PutEventsResultEntry' });

const NOT_AUTHORIZED_FOR_SOURCE: PutEventsResultEntry = {
  ErrorCode: 'NotAuthorizedForSourceException',
  ErrorMessage: 'You do not have permissions to publish events with this source onto this event bus.',
};

/** The bus's EventBridge API errors (ValidationException, …) as problem+json. */
function asProblem(err: unknown): never {
  if (err instanceof EventBridgeApiError) {
    throw new ProblemError({
      type: '/problems/validation',
      title: err.name,
      status: 422,
      detail: err.message,
    });
  }
  throw err;
}

export function eventRoutes(r: RouteRegistry, deps: AppDeps): void {
  r.add({
    method: 'post',
    path: '/api/v1/events',
    summary: 'Put 1–10 events on the organisation’s bus (PutEvents); answers per entry',
    description:
      'Each accepted event gets `detail.organizationId` = the current organisation and reaches only its rules and waits. The `flowdeck` source is reserved for platform events.',
    tags: ['events'],
    auth: 'org',
    permission: 'workflow:run',
    body: z.strictObject({ Entries: z.array(EntrySchema).min(1).max(10) }),
    responses: {
      200: {
        description: 'One answer per entry, in order: an EventId, or ErrorCode and ErrorMessage.',
        schema: z.object({ FailedEntryCount: z.number().int(), Entries: z.array(ResultEntrySchema) }),
      },
    },
    async handler({ c, org, body }) {
      requireHost(deps);
      await triggersReady(deps);
      const answers: (PutEventsResultEntry | undefined)[] = [];
      const accepted: PutEventsRequestEntry[] = [];
      for (const entry of body.Entries) {
        if (isReservedSource(entry.Source)) {
          answers.push(NOT_AUTHORIZED_FOR_SOURCE);
          continue;
        }
        answers.push(undefined);
        const detail = typeof entry.Detail === 'object' ? JSON.stringify(entry.Detail) : entry.Detail;
        accepted.push(stampOrganization({ ...entry, Detail: detail }, org.organizationId));
      }
      const result =
        accepted.length > 0
          ? await orgBus(deps, org.organizationId).putEvents(accepted).catch(asProblem)
          : { FailedEntryCount: 0, Entries: [] };
      let next = 0;
      const entries = answers.map((a) => a ?? result.Entries[next++]);
      const failed = entries.filter((e) => 'ErrorCode' in e).length;
      return c.json({ FailedEntryCount: failed, Entries: entries });
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/events/replay',
    summary: 'Replay archived events of a time range into the organisation’s rules (StartReplay)',
    description:
      'Events with `from ≤ time < to` are delivered again to every enabled rule of the organisation; each keeps its id and gains `replay-name`. Audited as `event.replay`.',
    tags: ['events'],
    auth: 'org',
    permission: 'workflow:deploy',
    body: z.strictObject({
      from: Timestamp,
      to: Timestamp,
      name: z
        .string()
        .regex(/^[.\-_A-Za-z0-9]{1,64}$/)
        .optional(),
    }),
    responses: {
      200: {
        description: 'DescribeReplay for the finished replay.',
        schema: z.object({
          ReplayName: z.string(),
          State: z.string(),
          EventStartTime: Timestamp,
          EventEndTime: Timestamp,
          ReplayedEventCount: z.number().int(),
        }),
      },
    },
    async handler({ c, org, body }) {
      requireHost(deps);
      await triggersReady(deps);
      const result = await orgBus(deps, org.organizationId)
        .replay({ from: body.from, to: body.to, ...(body.name ? { name: body.name } : {}) })
        .catch(asProblem);
      recordAudit(c, {
        organizationId: org.organizationId,
        action: 'event.replay',
        target: { type: 'event_bus', id: org.organizationId },
        after: { name: result.ReplayName, from: body.from, to: body.to, count: result.ReplayedEventCount },
      });
      return c.json(result);
    },
  });

  const SettingsSchema = z
    .object({ retentionDays: z.number().int().min(0).max(3650) })
    .meta({ id: 'EventSettings', description: 'retentionDays: how long events are archived; 0 = forever.' });

  r.add({
    method: 'get',
    path: '/api/v1/events/settings',
    summary: 'The organisation’s event archive settings',
    tags: ['events'],
    auth: 'org',
    permission: 'organization:read',
    responses: { 200: { description: 'Settings.', schema: SettingsSchema } },
    handler({ c, org }) {
      return c.json({ retentionDays: eventRetentionDays(deps.db, org.organizationId) });
    },
  });

  r.add({
    method: 'put',
    path: '/api/v1/events/settings',
    summary: 'Set how long the organisation’s events are archived (and can be replayed)',
    tags: ['events'],
    auth: 'org',
    permission: 'organization:update',
    body: z.strictObject({ retentionDays: z.number().int().min(0).max(3650) }),
    responses: { 200: { description: 'Settings.', schema: SettingsSchema } },
    async handler({ c, org, body }) {
      const before = { retentionDays: eventRetentionDays(deps.db, org.organizationId) };
      deps.db.transaction(() => {
        setEventRetentionDays(deps.db, org.organizationId, body.retentionDays);
        recordAudit(c, {
          organizationId: org.organizationId,
          action: 'event.settings_update',
          target: { type: 'event_bus', id: org.organizationId },
          before,
          after: body,
        });
      })();
      await deps.host?.events.setRetention(org.organizationId, body.retentionDays);
      return c.json(body);
    },
  });
}
