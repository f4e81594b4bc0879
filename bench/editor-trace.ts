// Where a drag frame's time goes: a Chromium performance trace (CDP `Tracing`) of the renderer
// while the bench drags, summarised as time per kind of work on the page's main thread and on
// the compositor/raster threads. Used by editor.bench.ts when BENCH_TRACE=1 (not recorded).
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread CPU time of the event (absent on some events): not inflated by waiting for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'gpu',
  'v8.execute',
  'toplevel',
];

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
}

/** Stops the trace and returns a printable summary (ms per second of trace, per thread and kind). */
export async function stopTrace(cdp: CDPSession): Promise<string> {
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')),
  );
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = (await cdp.send('IO.read', { handle: stream })) as { data: string; eof: boolean };
    text += chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const events = (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents;
  return summarise(events);
}

function summarise(events: TraceEvent[]): string {
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const t0 = Math.min(...complete.map((e) => e.ts));
  const t1 = Math.max(...complete.map((e) => e.ts + (e.dur ?? 0)));
  const seconds = (t1 - t0) / 1e6;
  // Self time per (thread, event name): an event's duration minus its children's on that thread.
  const self = new Map<string, number>();
  const selfCpu = new Map<string, number>();
  const busy = new Map<string, number>();
  const busyCpu = new Map<string, number>();
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of complete) {
    const t = threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    if (!byThread.has(t)) byThread.set(t, []);
    byThread.get(t)!.push(e);
  }
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { e: TraceEvent; children: number; childrenCpu: number }[] = [];
    const close = (until: number) => {
      while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= until) {
        const top = stack.pop()!;
        const key = `${thread}\t${top.e.name}`;
        self.set(key, (self.get(key) ?? 0) + (top.e.dur ?? 0) - top.children);
        // An event without CPU time counts its children's.
        const cpu = top.e.tdur ?? top.childrenCpu;
        selfCpu.set(key, (selfCpu.get(key) ?? 0) + cpu - top.childrenCpu);
        if (stack.length) {
          stack[stack.length - 1].children += top.e.dur ?? 0;
          stack[stack.length - 1].childrenCpu += cpu;
        } else {
          busy.set(thread, (busy.get(thread) ?? 0) + (top.e.dur ?? 0));
          busyCpu.set(thread, (busyCpu.get(thread) ?? 0) + cpu);
        }
      }
    };
    for (const e of list) {
      close(e.ts);
      stack.push({ e, children: 0, childrenCpu: 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  // Wall time includes waiting for a core on a busy machine; CPU time does not.
  const perSecond = (us: number | undefined) => ((us ?? 0) / 1000 / seconds).toFixed(1);
  const lines = [`trace ${seconds.toFixed(2)} s; busy ms per second of trace (wall, CPU):`];
  for (const [t, ms] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 8))
    lines.push(`  ${t}: ${perSecond(ms)}, ${perSecond(busyCpu.get(t))}`);
  lines.push('self ms per second (wall, CPU), top 30:');
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    lines.push(`  ${perSecond(us)}\t${perSecond(selfCpu.get(k))}\t${k}`);
  return lines.join('\n');
}
