// The checks PutEvents makes on the request as a whole, before looking at any entry.

import { MAX_ENTRY_SIZE_BYTES, type PutEventsRequestEntry, putEventsEntrySize } from '../patterns/index.ts';
import { lengthConstraintMessage, ValidationException } from './errors.ts';

export const MAX_PUT_EVENTS_ENTRIES = 10;

/** How AWS prints an entry inside a validation message (Java's toString of the request entry). */
function entryText(entry: PutEventsRequestEntry): string {
  const e = (entry ?? {}) as PutEventsRequestEntry & Record<string, unknown>;
  let detail = 'null';
  if (typeof e.Detail === 'string' && e.Detail !== '') {
    try {
      detail = JSON.stringify(JSON.parse(e.Detail));
    } catch {
      detail = e.Detail;
    }
  }
  const show = (v: unknown) =>
    v === undefined ? 'null' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
  return (
    `PutEventsRequestEntry(time=${show(e.Time)}, source=${show(e.Source)}, resources=${show(e.Resources)}, ` +
    `detailType=${show(e.DetailType)}, detail=${detail}, eventBusName=${show(e.EventBusName)}, ` +
    `traceHeader=${show(e.TraceHeader)}, kmsKeyIdentifier=null, internalMetadata=null)`
  );
}

/**
 * Throws ValidationException for a request PutEvents rejects whole: not 1–10 entries, or
 * entries whose sizes add up to more than the limit.
 */
export function checkPutEventsRequest(entries: unknown): asserts entries is PutEventsRequestEntry[] {
  if (!Array.isArray(entries)) {
    throw new ValidationException(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length === 0) {
    throw new ValidationException(lengthConstraintMessage('[]', 'entries', 'greater than or equal to', 1));
  }
  if (entries.length > MAX_PUT_EVENTS_ENTRIES) {
    throw new ValidationException(
      lengthConstraintMessage(
        `[${entries.map(entryText).join(', ')}]`,
        'entries',
        'less than or equal to',
        MAX_PUT_EVENTS_ENTRIES,
      ),
    );
  }
  let total = 0;
  for (const entry of entries) total += putEventsEntrySize((entry ?? {}) as PutEventsRequestEntry);
  if (total > MAX_ENTRY_SIZE_BYTES) {
    throw new ValidationException('Total size of the entries in the request is over the limit.');
  }
}
