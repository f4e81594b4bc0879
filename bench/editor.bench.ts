// Editor speed in headless Chromium (issue 4: a 1,000-node, 1,200-edge workflow opens in under
// 1 s and drags at ≥ 50 fps). Starts the real app (API + built editor), stores the big workflow
// through the API, then measures in the browser:
// - open: from navigating to the workflow until its cards are on screen (the app is loaded);
// - drag: "frames where something really moved" per second while a card is dragged (headless
//   Chromium ticks requestAnimationFrame at 60 regardless, so ticks prove nothing; STACK.md).
// Run alone: `node --import tsx bench/editor.bench.ts`.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { startApp } from '../e2e/app-process.ts';
import { launchChromium } from '../e2e/browser.ts';
import { bigWorkflow } from './editor-graph.ts';
import { startTrace, stopTrace } from './editor-trace.ts';
import { type Measurement, measure } from './harness.ts';

const RUNS = 5;

async function json(url: string, init: RequestInit & { cookie?: string; org?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-flowdeck-client': 'bench',
  };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.org) headers['x-flowdeck-org'] = init.org;
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return {
    body: (await res.json()) as Record<string, any>,
    cookie: res.headers.get('set-cookie')?.split(';')[0],
  };
}

export async function run(): Promise<Measurement[]> {
  const app = await startApp();
  const browser = await launchChromium();
  try {
    const email = `bench.${Date.now()}@example.com`;
    const password = 'correct horse battery';
    const signup = await json(`${app.apiUrl}/api/v1/auth/signup`, {
      method: 'POST',
      body: JSON.stringify({ email, password, name: 'Bench', organization: 'Bench' }),
    });
    const org = signup.body.organizations[0].id as string;
    const graph = bigWorkflow(
      Number(process.env.BENCH_NODES ?? 1000),
      Number(process.env.BENCH_EDGES ?? 1200),
    );
    const wf = await json(`${app.apiUrl}/api/v1/workflows`, {
      method: 'POST',
      cookie: signup.cookie,
      org,
      body: JSON.stringify({ name: 'Big', graph }),
    });

    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      baseURL: app.baseUrl,
    });
    const page = await context.newPage();
    // BENCH_CPU_THROTTLE=2 runs the page's CPU at half speed: how much headroom a drag has when
    // the machine is busier than during this run.
    const throttle = Number(process.env.BENCH_CPU_THROTTLE ?? 1);
    if (throttle > 1)
      await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto('/#/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();

    // Two figures per open: when the first cards are in the DOM (the figure recorded so far),
    // and when the view has settled: cards visible and the viewport, the number of cards and the
    // first card's visibility unchanged for 30 frames (the time of the first of those frames).
    // The second is what a person sees: an opening fitView re-renders the graph after the first.
    const firstCards: number[] = [];
    const open = withLoad(
      await measure(
        `open ${graph.nodes.length} nodes / ${graph.edges.length} edges (view settled)`,
        'ms',
        RUNS,
        async () => {
          await page.evaluate('location.hash = "#/workflows"');
          await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
          const { first, settled } = (await page.evaluate(
            `new Promise((resolve) => {
            const t0 = performance.now();
            location.hash = ${JSON.stringify(`#/workflows/${wf.body.id}`)};
            let first, sig = '', since = 0, same = 0;
            const tick = () => {
              const now = performance.now();
              const nodes = document.querySelectorAll('.react-flow__node');
              const vp = document.querySelector('.react-flow__viewport');
              if (nodes.length > 0 && vp) {
                first ??= now - t0;
                const visible = getComputedStyle(nodes[0]).visibility !== 'hidden';
                const next = vp.style.transform + '|' + nodes.length + '|' + visible;
                if (next !== sig) { sig = next; since = now - t0; same = 0; }
                else if (visible && ++same >= 30) return resolve({ first, settled: since });
              }
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          })`,
          )) as { first: number; settled: number };
          firstCards.push(first);
          return settled;
        },
        'target < 1,000 ms (issue 4)',
      ),
    );
    firstCards.sort((a, b) => a - b);
    open.note += `; first cards in the DOM ${Math.round(firstCards[2])} ms (${Math.round(firstCards[0])} – ${Math.round(firstCards[4])})`;
    console.log(
      `  first cards in the DOM: median ${Math.round(firstCards[2])} ms (min ${Math.round(firstCards[0])}, max ${Math.round(firstCards[4])})`,
    );

    // Drags at four zooms: 100 % (a person editing: a dozen cards on screen), 0.45 (the most full
    // cards: below it cards are low detail), 0.31 (the most cards the editor still renders as DOM,
    // ≈ 120 low-detail cards) and zoomed out until about 300 cards are on screen (drawn by the
    // overview canvas since it exists, DOM cards before); at 0.45 and 0.31 also a selection of 5
    // cards dragged together.
    // The zooms 1.165 and 0.188 are the ones the bench always reached: React Flow's zoom-in button
    // (×1.2) pressed from the whole-graph view (zoom ≈ 0.0756 here) until a card is ≥ 235 px wide
    // (1.165), and 5 times (0.188). They are set exactly by storing, centred on the graph, the
    // viewport the editor restores on open; a build that does not restore one opens at the whole
    // graph, and the original button presses then get there (not for 0.45 and 0.31, which are newer).
    const pane = (await page.getByTestId('canvas').boundingBox())!;
    const drags: Measurement[] = [];
    // BENCH_DRAG_ZOOMS=0.46,0.4x5 drags at other zooms instead (exploring; not what is recorded);
    // `x5` drags a selection of 5 cards.
    const zooms: (readonly [string, number, number | 'until 235 px', number])[] = process.env.BENCH_DRAG_ZOOMS
      ? process.env.BENCH_DRAG_ZOOMS.split(',').map((z) => {
          const [zoom, selected] = z.split('x');
          return ['chosen', Number(zoom), 0, Number(selected ?? 1)] as const;
        })
      : [
          ['100 %', 1.165, 'until 235 px', 1],
          ['full cards', 0.45, 0, 1],
          ['full cards', 0.45, 0, 5],
          ['DOM low detail', 0.31, 0, 1],
          ['DOM low detail', 0.31, 0, 5],
          ['zoomed out', 0.188, 5, 1],
        ];
    for (const [label, zoom, presses, selected] of zooms) {
      await page.evaluate('location.hash = "#/workflows"');
      await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
      const centre = graphCentre(graph);
      const viewport = {
        x: pane.width / 2 - centre.x * zoom,
        y: pane.height / 2 - centre.y * zoom,
        zoom,
      };
      await page.evaluate(
        `localStorage.setItem(${JSON.stringify(`flowdeck.viewport.${wf.body.id}`)}, ${JSON.stringify(JSON.stringify(viewport))})`,
      );
      await page.evaluate(`location.hash = ${JSON.stringify(`#/workflows/${wf.body.id}`)}`);
      await page.locator('.react-flow__node').first().waitFor({ state: 'attached' });
      await page.waitForTimeout(400);
      const currentZoom = () =>
        page
          .locator('.react-flow__viewport')
          .evaluate((e) =>
            Number(
              /scale\(([\d.]+)\)/.exec(
                (e as unknown as { style: { transform: string } }).style.transform,
              )?.[1] ?? 1,
            ),
          );
      if (Math.abs((await currentZoom()) - zoom) / zoom > 0.01) {
        // The bench's original steps, from the whole-graph view.
        const cardWidth = () =>
          page
            .locator('.react-flow__node')
            .first()
            .evaluate((e) => e.getBoundingClientRect().width);
        if (presses === 0) throw new Error(`this build did not open at zoom ${zoom}`);
        if (presses !== 5)
          while ((await cardWidth()) < 235) await page.locator('.react-flow__controls-zoomin').click();
        else for (let i = 0; i < presses; i++) await page.locator('.react-flow__controls-zoomin').click();
        await page.waitForTimeout(400);
      }
      const reached = await currentZoom();
      drags.push(withLoad(await dragOnce(page, context, `${label} (zoom ${reached.toFixed(3)})`, selected)));
    }
    await context.close();
    return [open, ...drags];
  } finally {
    await browser.close();
    await app.stop();
  }
}

async function dragOnce(
  page: Page,
  context: BrowserContext,
  zoom: string,
  selected: number,
): Promise<Measurement> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  // Cards fully on screen (away from the panels), nearest the first one first.
  const candidates = await page.locator('.react-flow__node').evaluateAll((els, c) => {
    const inside = els
      .map((e) => ({ id: e.getAttribute('data-id'), r: e.getBoundingClientRect() }))
      .filter(
        ({ r }) =>
          r.width > 0 &&
          r.left > c.x + 50 &&
          r.right < c.x + c.width - 250 &&
          r.top > c.y + 50 &&
          r.bottom < c.y + c.height - 150,
      )
      .map(({ id, r }) => ({ id, x: r.left + r.width / 2, y: r.top + r.height / 2 }));
    const first = inside[0];
    if (!first) return [];
    return inside
      .sort((a, b) => Math.hypot(a.x - first.x, a.y - first.y) - Math.hypot(b.x - first.x, b.y - first.y))
      .map(({ id, x, y }) => ({ id, x, y }));
  }, canvas);
  // In the overview the wrappers are empty boxes: the first wrapper at the same test as before.
  const target =
    candidates[0]?.id ??
    (await page
      .locator('.react-flow__node')
      .evaluateAll(
        (els, c) =>
          els
            .map((e) => ({ id: e.getAttribute('data-id'), r: e.getBoundingClientRect() }))
            .find(
              ({ r }) =>
                r.left > c.x + 50 &&
                r.right < c.x + c.width - 250 &&
                r.top > c.y + 50 &&
                r.bottom < c.y + c.height - 150,
            )?.id,
        canvas,
      ));
  if (!target) throw new Error('no card fully on screen to drag');
  if (selected > 1) {
    // Click the first card, Shift+click the nearest others: React Flow then drags them together.
    if (candidates.length < selected) throw new Error(`fewer than ${selected} cards fully on screen`);
    await page.mouse.click(candidates[0].x, candidates[0].y);
    await page.keyboard.down('Shift');
    for (const c of candidates.slice(1, selected)) await page.mouse.click(c.x, c.y);
    await page.keyboard.up('Shift');
    const count = await page.locator('.react-flow__node.selected').count();
    if (count !== selected) throw new Error(`selected ${count} cards, not ${selected}`);
  }
  const onScreen = await page.locator('.react-flow__node').count();
  return measure(
    `drag ${selected > 1 ? `${selected} selected cards` : 'a card'} at ${zoom}, ${onScreen} cards on screen (frames that moved per second)`,
    'fps',
    RUNS,
    async () => {
      // The card's centre. In the overview the card is drawn on a canvas and React Flow's wrapper
      // is an empty box at its top-left corner; the card is then 240 × 64 at the viewport's zoom.
      const { x, y } = (await page.evaluate(`(() => {
        const r = document.querySelector('.react-flow__node[data-id="${target}"]').getBoundingClientRect();
        if (r.width > 0) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        const t = document.querySelector('.react-flow__viewport').style.transform;
        const zoom = Number(/scale\\(([\\d.]+)\\)/.exec(t)?.[1] ?? 1);
        return { x: r.left + 120 * zoom, y: r.top + 32 * zoom };
      })()`)) as { x: number; y: number };
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 2, y + 2);
      const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : undefined;
      const tracing = process.env.BENCH_TRACE ? await context.newCDPSession(page) : undefined;
      if (tracing) await startTrace(tracing);
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      // One synthetic mousemove per animation frame for 1.5 s (d3-drag, which React Flow uses,
      // reads them like real ones; so does the overview); count the frames in which the card's
      // transform changed, or in the overview, the offset its canvas last drew the card at.
      const fps = (await page.evaluate(`new Promise((resolve) => {
          const el = document.querySelector('[data-id="${target}"]');
          const overview = document.querySelector('[data-testid="overview"]');
          const read = overview ? () => overview.dataset.dragOffset : () => el.style.transform;
          let last = read(), moved = 0, i = 0;
          const t0 = performance.now();
          const loop = () => {
            const now = read();
            if (now !== last) { moved++; last = now; }
            const elapsed = performance.now() - t0;
            if (elapsed > 1500) return resolve(moved / (elapsed / 1000));
            i++;
            window.dispatchEvent(new MouseEvent('mousemove', { clientX: ${x} + 2 + i * 2, clientY: ${y} + Math.sin(i / 8) * 30, buttons: 1, bubbles: true, view: window }));
            requestAnimationFrame(loop);
          };
          requestAnimationFrame(loop);
        })`)) as number;
      if (tracing) console.log(await stopTrace(tracing));
      if (cdp) {
        const { profile } = (await cdp.send('Profiler.stop')) as {
          profile: {
            nodes: {
              id: number;
              callFrame: { functionName: string; url: string; lineNumber: number };
              hitCount?: number;
            }[];
          };
        };
        // BENCH_PROFILE_DIR=<dir> also keeps each profile (.cpuprofile, opens in DevTools).
        if (process.env.BENCH_PROFILE_DIR)
          writeFileSync(
            join(
              process.env.BENCH_PROFILE_DIR,
              `drag-${zoom.replace(/[^\w.]+/g, '_')}-${Date.now()}.cpuprofile`,
            ),
            JSON.stringify(profile),
          );
        const self = new Map<string, number>();
        for (const n of profile.nodes) {
          const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
          self.set(k, (self.get(k) ?? 0) + (n.hitCount ?? 0));
        }
        console.log(
          [...self.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 25)
            .map(([k, v]) => `${v}\t${k}`)
            .join('\n'),
        );
      }
      await page.mouse.up();
      await page.keyboard.press('ControlOrMeta+Z'); // put the card back
      return fps;
    },
    'target ≥ 50 (issue 4); headless Chromium caps at 60',
  );
}

/** The machine is shared: each figure says how busy it was (1-minute load average, 2 cores). */
function withLoad(m: Measurement): Measurement {
  return { ...m, note: `${m.note ?? ''}; load avg ${loadavg()[0].toFixed(1)}` };
}

// `process.argv[1]` is absent under `node -e "import('./bench/editor.bench.ts')…"`.
/** The centre of the graph's cards (240 × 64 each), where the whole-graph view is centred. */
function graphCentre(graph: { nodes: { position: { x: number; y: number } }[] }) {
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  return {
    x: (Math.min(...xs) + Math.max(...xs) + 240) / 2,
    y: (Math.min(...ys) + Math.max(...ys) + 64) / 2,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  console.log(JSON.stringify(results, null, 2));
}
