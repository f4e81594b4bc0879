import { StatesError } from './errors.ts';

/** 256 KiB: the Step Functions limit on state input, output, task result and execution input. */
export const MAX_PAYLOAD_BYTES = 262_144;

/**
 * Deep copy of a JSON value (faster than structuredClone for the small objects the runtime
 * moves around). `undefined` members are dropped, as a JSON round trip would.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = cloneJson(v);
  }
  return out as T;
}

/** JSON text of a payload, `null` for undefined (a state never hands on "nothing"). */
export function toJson(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** UTF-8 size check without measuring short strings (a UTF-16 unit is at most 3 UTF-8 bytes). */
export function exceedsLimit(text: string, limit: number): boolean {
  return text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit;
}

/** Throws `States.DataLimitExceeded` when a payload is over the limit. */
export function checkPayload(text: string, limit: number, what: string): void {
  if (exceedsLimit(text, limit)) {
    throw new StatesError(
      'States.DataLimitExceeded',
      `The state/task '${what}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
}
