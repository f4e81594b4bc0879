// How events stay inside their organisation (docs/triggers.md, "Organisations and events"):
// - every event put through the API is stamped `detail.organizationId = <caller's org>` (any
//   value the caller sent there is overwritten), and goes to that organisation's bus only;
// - every rule and wait the API registers is the author's pattern AND
//   `detail.organizationId = [<org>]`;
// - the `flowdeck` source is reserved for platform events: callers cannot forge `run.failed`.
import { PLATFORM_EVENT_SOURCE, type PutEventsRequestEntry } from '@flowdeck/engine';

/** The author's pattern with the organisation constraint added (it wins over theirs). */
export function scopePattern(pattern: unknown, organizationId: string): Record<string, unknown> {
  const base = pattern && typeof pattern === 'object' && !Array.isArray(pattern) ? pattern : {};
  const scoped = { ...(base as Record<string, unknown>) };
  const detail = scoped.detail;
  scoped.detail = {
    ...(detail && typeof detail === 'object' && !Array.isArray(detail) ? detail : {}),
    organizationId: [organizationId],
  };
  return scoped;
}

/**
 * The entry with `organizationId` stamped into its Detail. A Detail that is not the JSON text of
 * an object is left alone: the bus rejects it per entry (`MalformedDetail`), as PutEvents does.
 */
export function stampOrganization(
  entry: PutEventsRequestEntry,
  organizationId: string,
): PutEventsRequestEntry {
  if (typeof entry.Detail !== 'string') return entry;
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return entry;
  }
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return entry;
  return { ...entry, Detail: JSON.stringify({ ...detail, organizationId }) };
}

/** True when a caller may not use this source (reserved for Flowdeck's own events). */
export function isReservedSource(source: unknown): boolean {
  return (
    typeof source === 'string' &&
    (source === PLATFORM_EVENT_SOURCE || source.startsWith(`${PLATFORM_EVENT_SOURCE}.`))
  );
}
