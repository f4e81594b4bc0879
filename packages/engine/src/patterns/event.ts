// EventBridge's event envelope, and building one from a PutEvents request entry with the checks
// EventBridge applies to each entry.

import type { Clock } from '../ports.ts';

/** An event as EventBridge delivers it to rule targets. */
export interface EventBridgeEvent<TDetail = Record<string, unknown>> {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 in UTC without fractions, e.g. `2017-12-22T18:43:48Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: TDetail;
}

/** One entry of a PutEvents request (the fields that make the event). */
export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  /** JSON text of an object. */
  Detail?: string;
  Resources?: string[];
  /** The event's time; defaults to when PutEvents is called. */
  Time?: Date | string | number;
  EventBusName?: string;
  TraceHeader?: string;
}

/**
 * Why PutEvents rejected one entry: `errorCode` / `message` are the `ErrorCode` /
 * `ErrorMessage` AWS reports in that entry's place in the result.
 */
export class PutEventsEntryError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = errorCode;
  }
}

/** PutEvents' limit on an entry's size, computed as `putEventsEntrySize` does. */
export const MAX_ENTRY_SIZE_BYTES = 256 * 1024;

const utf8 = new TextEncoder();

/**
 * The entry size as AWS documents it ("Calculating PutEvents event entry size"): 14 bytes for
 * `Time` if given, plus the UTF-8 bytes of Source, DetailType, Detail and each resource.
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time !== undefined ? 14 : 0;
  size += utf8.encode(entry.Source ?? '').length;
  size += utf8.encode(entry.DetailType ?? '').length;
  if (entry.Detail !== undefined) size += utf8.encode(entry.Detail).length;
  for (const resource of entry.Resources ?? []) {
    if (typeof resource === 'string') size += utf8.encode(resource).length;
  }
  return size;
}

export interface CreateEventOptions {
  account: string;
  region: string;
  clock: Clock;
  /** Event id source; defaults to a random UUID like EventBridge's. */
  newId?: () => string;
}

function required(name: string): PutEventsEntryError {
  return new PutEventsEntryError(
    'InvalidArgument',
    `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
  );
}

/**
 * Builds the event EventBridge would route for a PutEvents entry, or throws
 * `PutEventsEntryError` for an entry PutEvents would reject:
 * - `InvalidArgument` when Source, DetailType or Detail is missing;
 * - `MalformedDetail` / `Detail is malformed.` when Detail is not the JSON text of an object;
 * - `ValidationException` when the entry is larger than 256 KiB (AWS rejects the whole request
 *   with "Total size of the entries in the request is over the limit.").
 */
export function createEvent(entry: PutEventsRequestEntry, options: CreateEventOptions): EventBridgeEvent {
  if (typeof entry.Source !== 'string' || entry.Source === '') throw required('Source');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') {
    throw required('DetailType');
  }
  if (typeof entry.Detail !== 'string' || entry.Detail === '') throw required('Detail');
  if (putEventsEntrySize(entry) > MAX_ENTRY_SIZE_BYTES) {
    throw new PutEventsEntryError(
      'ValidationException',
      'Total size of the entries in the request is over the limit.',
    );
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    throw new PutEventsEntryError('MalformedDetail', 'Detail is malformed.');
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string')) {
    throw new PutEventsEntryError(
      'InvalidArgument',
      'Parameter Resources is not valid. Reason: Resources must be a list of strings.',
    );
  }
  return {
    version: '0',
    id: (options.newId ?? (() => globalThis.crypto.randomUUID()))(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: options.account,
    time: eventTime(entry.Time, options.clock),
    region: options.region,
    resources: [...resources],
    detail: detail as Record<string, unknown>,
  };
}

/** EventBridge's `time`: whole seconds, UTC, `Z` suffix. */
function eventTime(time: PutEventsRequestEntry['Time'], clock: Clock): string {
  let ms: number;
  if (time === undefined) ms = clock.now();
  else if (time instanceof Date) ms = time.getTime();
  else if (typeof time === 'number')
    ms = time * 1000; // the SDKs send epoch seconds
  else ms = Date.parse(time);
  if (Number.isNaN(ms)) {
    throw new PutEventsEntryError(
      'InvalidArgument',
      'Parameter Time is not valid. Reason: Time is not a valid timestamp.',
    );
  }
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
