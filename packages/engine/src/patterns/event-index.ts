// An event flattened the way event-ruler sees it: every leaf value (string, number, boolean,
// null) under its dotted field path, with the array elements it sits in. Objects and empty
// arrays are not leaves, so `exists` sees only leaves. Index once, match against many rules.

import { parseIp } from './ip.ts';
import { comparableOf } from './numbers.ts';

export type LeafValue = string | number | boolean | null;

export interface Occurrence {
  value: LeafValue;
  /** For numbers in EventBridge's comparable range: the value in millionths. */
  millionths: number | undefined;
  /** Array memberships as pairs [arrayId, index, arrayId, index, …], outermost first. */
  arrays: number[];
  /** Lazily parsed IP address of a string value (null: not an address). */
  ip?: Uint8Array | null;
}

export class IndexedEvent {
  readonly fields = new Map<string, Occurrence[]>();
  private nextArrayId = 0;

  constructor(readonly event: unknown) {
    this.walk(event, '', []);
  }

  get(path: string): Occurrence[] | undefined {
    return this.fields.get(path);
  }

  private walk(value: unknown, path: string, arrays: number[]): void {
    if (Array.isArray(value)) {
      const id = this.nextArrayId++;
      value.forEach((element, index) => {
        this.walk(element, path, [...arrays, id, index]);
      });
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        this.walk(child, path === '' ? key : `${path}.${key}`, arrays);
      }
      return;
    }
    if (path === '') return;
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean' &&
      value !== null
    ) {
      return; // undefined, functions…: not JSON, not part of the event
    }
    const occurrence: Occurrence = {
      value,
      millionths: typeof value === 'number' ? comparableOf(value) : undefined,
      arrays,
    };
    const list = this.fields.get(path);
    if (list) list.push(occurrence);
    else this.fields.set(path, [occurrence]);
  }
}

/** Flattens an event once so many compiled patterns can be matched against it cheaply. */
export function indexEvent(event: unknown): IndexedEvent {
  return event instanceof IndexedEvent ? event : new IndexedEvent(event);
}

export function ipOf(o: Occurrence): Uint8Array | null {
  if (o.ip === undefined) o.ip = typeof o.value === 'string' ? (parseIp(o.value) ?? null) : null;
  return o.ip;
}

/** True when two occurrences never sit in different elements of the same array. */
export function consistent(a: number[], b: number[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 2) {
    if (a[i] !== b[i]) return true; // different arrays from here on: no shared array
    if (a[i + 1] !== b[i + 1]) return false;
  }
  return true;
}
