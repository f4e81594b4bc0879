// Events matched per second against 1,000 rules of mixed patterns, as the local bus matches
// them (rule index + the event indexed once), against a baseline in the same run: every
// compiled rule tried against the raw event (each call re-reads the event). A third figure
// takes the whole PutEvents path (createEvent, match, archive in memory, delivery records).
import {
  compileEventPattern,
  createLocalEventBus,
  createMemoryEventArchiveStore,
  createVirtualClock,
  type EventBridgeEvent,
  type EventPatternMatcher,
  indexEvent,
  RuleIndex,
} from '@flowdeck/engine';
import { type Measurement, measure } from './harness.ts';

const RULES = 1000;
const EVENTS = 2000;
const SOURCES = Array.from({ length: 50 }, (_, i) => `app.service${i}`);
const TYPES = Array.from(
  { length: 40 },
  (_, i) => `entity${i % 10}.${['created', 'updated', 'deleted', 'failed'][i % 4]}`,
);
const STATUSES = ['active', 'pending', 'closed', 'failed'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'];

/** A small deterministic PRNG so every run matches the same rules against the same events. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 1,000 patterns: most pin source and/or detail-type (as real rules do), some cannot be indexed. */
export function mixedPatterns(count = RULES, seed = 1): unknown[] {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 10;
    if (kind < 4)
      return {
        source: [pick(SOURCES)],
        'detail-type': [pick(TYPES)],
        detail: { amount: [{ numeric: ['>', Math.floor(r() * 1000)] }], region: [pick(REGIONS)] },
      };
    if (kind < 6)
      return { 'detail-type': [pick(TYPES)], detail: { status: [{ prefix: pick(STATUSES).slice(0, 3) }] } };
    if (kind < 7)
      return { source: [pick(SOURCES), pick(SOURCES)], detail: { status: [{ 'anything-but': ['closed'] }] } };
    if (kind < 8)
      return {
        source: [{ prefix: pick(SOURCES).slice(0, 12) }],
        detail: { amount: [{ numeric: ['>=', 900] }] },
      };
    if (kind < 9)
      return {
        $or: [{ source: [pick(SOURCES)] }, { 'detail-type': [pick(TYPES)] }],
        detail: { tags: [{ 'equals-ignore-case': pick(['VIP', 'new', 'Churn']) }] },
      };
    return { detail: { region: [pick(REGIONS)], status: [pick(STATUSES)], amount: [{ numeric: ['<', 5] }] } };
  });
}

export function sampleEvents(count = EVENTS, seed = 2): EventBridgeEvent[] {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  return Array.from({ length: count }, (_, i) => ({
    version: '0',
    id: `evt-${i}`,
    'detail-type': pick(TYPES),
    source: pick(SOURCES),
    account: '123456789012',
    time: '2026-03-01T09:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      status: pick(STATUSES),
      amount: Math.floor(r() * 1000),
      region: pick(REGIONS),
      tags: [pick(['vip', 'new', 'churn', 'x']), pick(['y', 'z'])],
      customer: { id: `c${i}`, plan: pick(['free', 'pro']) },
    },
  }));
}

function perSecond(events: EventBridgeEvent[], matchOne: (e: EventBridgeEvent) => number): () => number {
  return () => {
    let matches = 0;
    const started = performance.now();
    for (const e of events) matches += matchOne(e);
    const seconds = (performance.now() - started) / 1000;
    if (matches === 0) throw new Error('benchmark rules matched nothing');
    return events.length / seconds;
  };
}

export async function run(): Promise<Measurement[]> {
  const patterns = mixedPatterns();
  const events = sampleEvents();
  const matchers: EventPatternMatcher[] = patterns.map((p) => compileEventPattern(p));
  const index = new RuleIndex<number>();
  matchers.forEach((m, i) => {
    index.set(`r${i}`, m, i);
  });

  // The two ways must agree before either is timed.
  for (const e of events.slice(0, 200)) {
    const naive = matchers.flatMap((m, i) => (m(e) ? [i] : []));
    const indexed = index.match(e.source, e['detail-type'], indexEvent(e));
    if (naive.join() !== indexed.join()) throw new Error(`index and scan disagree on ${e.id}`);
  }

  const naive = perSecond(events, (e) => matchers.reduce((n, m) => n + (m(e) ? 1 : 0), 0));
  const indexedOnce = perSecond(events, (e) => {
    const ie = indexEvent(e);
    return matchers.reduce((n, m) => n + (m(ie) ? 1 : 0), 0);
  });
  const ruleIndex = perSecond(events, (e) => index.match(e.source, e['detail-type'], indexEvent(e)).length);

  const bus = createLocalEventBus({
    archive: createMemoryEventArchiveStore(),
    clock: createVirtualClock(),
    account: '123456789012',
    region: 'eu-west-1',
    deliver: async () => {},
    retentionDays: 0,
  });
  for (let i = 0; i < patterns.length; i++) {
    await bus.putRule({ name: `r${i}`, eventPattern: patterns[i], targets: [{ id: 't' }] });
  }
  const entries = events.map((e) => ({
    Source: e.source,
    DetailType: e['detail-type'],
    Detail: JSON.stringify(e.detail),
  }));
  const putEventsPerSecond = async () => {
    const started = performance.now();
    for (let i = 0; i < entries.length; i += 10) await bus.putEvents(entries.slice(i, i + 10));
    const seconds = (performance.now() - started) / 1000;
    await bus.drain();
    return entries.length / seconds;
  };

  return [
    await measure(
      'baseline: 1,000 rules each matched against the raw event',
      'events/s',
      5,
      naive,
      'naive scan; the event is re-read by every rule',
    ),
    await measure('1,000 rules, event indexed once, every rule tried', 'events/s', 5, indexedOnce),
    await measure(
      '1,000 rules via the rule index (source / detail-type buckets)',
      'events/s',
      5,
      ruleIndex,
      'what the local bus does; compare with the baseline above',
    ),
    await measure(
      'PutEvents end to end, 1,000 rules, memory archive, 10 entries a call',
      'events/s',
      5,
      putEventsPerSecond,
      'createEvent + match + archive + delivery records (no-op target)',
    ),
  ];
}
