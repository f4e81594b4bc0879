// Finds the rules an event matches without trying every rule. A pattern that pins `source`
// (or, failing that, `detail-type`) to exact strings at its top level can only match events
// with one of those values, so it is filed under each value (a top-level `$or` whose branches
// all pin is filed under each branch's values); the event's own source and detail-type pick out
// those buckets, and only the remaining (unpinned) rules are scanned.
// Every candidate is still checked with the full compiled pattern, so the index only skips
// rules that cannot match.

import type { EventPatternMatcher, IndexedEvent } from '../patterns/index.ts';

interface Entry<T> {
  key: string;
  /** Insertion order: matches are answered in it. */
  ordinal: number;
  matcher: EventPatternMatcher;
  value: T;
  /** Where the entry is filed, to remove it again. */
  buckets: Map<string, Entry<T>[]>[];
  bucketKeys: string[];
  /** The last match() round that tried this entry. */
  round: number;
}

/** The exact strings a top-level field is pinned to, or undefined when it is not pinned. */
export function pinnedValues(pattern: unknown, field: 'source' | 'detail-type'): string[] | undefined {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return undefined;
  const values = (pattern as Record<string, unknown>)[field];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  // Any operator (prefix, anything-but…) or non-string literal: not a plain pin, scan it.
  if (!values.every((v) => typeof v === 'string')) return undefined;
  return [...new Set(values as string[])];
}

/**
 * The buckets a pattern can be filed under: its top-level source pin, else its detail-type pin,
 * else — for a top-level `$or` whose every branch pins one of the two — the union of the
 * branches' pins (an event matching any branch lands in one of them). Undefined: scan it.
 */
function pinsOf(pattern: unknown): { sources: string[]; detailTypes: string[] } | undefined {
  const sources = pinnedValues(pattern, 'source');
  if (sources) return { sources, detailTypes: [] };
  const detailTypes = pinnedValues(pattern, 'detail-type');
  if (detailTypes) return { sources: [], detailTypes };
  const branches = (pattern as Record<string, unknown> | undefined)?.$or;
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const union = { sources: new Set<string>(), detailTypes: new Set<string>() };
  for (const branch of branches) {
    const pins = pinsOf(branch);
    if (!pins) return undefined;
    for (const s of pins.sources) union.sources.add(s);
    for (const d of pins.detailTypes) union.detailTypes.add(d);
  }
  return { sources: [...union.sources], detailTypes: [...union.detailTypes] };
}

export class RuleIndex<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly bySource = new Map<string, Entry<T>[]>();
  private readonly byDetailType = new Map<string, Entry<T>[]>();
  private readonly unpinned = new Map<string, Entry<T>[]>([['', []]]);
  private nextOrdinal = 0;
  private round = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Adds (or replaces) `key`. Its place in the answer order is kept on replacement. */
  set(key: string, matcher: EventPatternMatcher, value: T): void {
    const previous = this.entries.get(key);
    if (previous) this.unfile(previous);
    const entry: Entry<T> = {
      key,
      ordinal: previous?.ordinal ?? this.nextOrdinal++,
      matcher,
      value,
      buckets: [],
      bucketKeys: [],
      round: 0,
    };
    let pattern: unknown;
    try {
      pattern = JSON.parse(matcher.source);
    } catch {
      pattern = undefined; // compiled already, so valid; a parse failure just means "scan it"
    }
    const pins = pinsOf(pattern);
    if (!pins) this.file(entry, this.unpinned, '');
    else {
      for (const s of pins.sources) this.file(entry, this.bySource, s);
      for (const d of pins.detailTypes) this.file(entry, this.byDetailType, d);
    }
    this.entries.set(key, entry);
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.unfile(entry);
    this.entries.delete(key);
    return true;
  }

  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** The values of every entry whose pattern matches, in insertion order. */
  match(source: unknown, detailType: unknown, event: IndexedEvent): T[] {
    const matched: Entry<T>[] = [];
    // An `$or` rule may sit in both a source and a detail-type bucket: try it once.
    const round = ++this.round;
    const check = (list: Entry<T>[] | undefined) => {
      if (!list) return;
      for (const entry of list) {
        if (entry.round === round) continue;
        entry.round = round;
        if (entry.matcher(event)) matched.push(entry);
      }
    };
    if (typeof source === 'string') check(this.bySource.get(source));
    if (typeof detailType === 'string') check(this.byDetailType.get(detailType));
    check(this.unpinned.get(''));
    if (matched.length > 1) matched.sort((a, b) => a.ordinal - b.ordinal);
    return matched.map((e) => e.value);
  }

  private file(entry: Entry<T>, buckets: Map<string, Entry<T>[]>, key: string): void {
    let list = buckets.get(key);
    if (!list) {
      list = [];
      buckets.set(key, list);
    }
    // Keep each bucket in insertion order so most answers need no sort.
    let i = list.length;
    while (i > 0 && list[i - 1].ordinal > entry.ordinal) i--;
    list.splice(i, 0, entry);
    entry.buckets.push(buckets);
    entry.bucketKeys.push(key);
  }

  private unfile(entry: Entry<T>): void {
    entry.buckets.forEach((buckets, i) => {
      const key = entry.bucketKeys[i];
      const list = buckets.get(key);
      if (!list) return;
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0 && key !== '') buckets.delete(key);
    });
  }
}
