// Drags of DOM cards (zoom ≥ 30 %): the cards and their edges move in place while the pointer
// moves (canvas/dom-drag.ts), the drop is saved as the draft, and one undo puts every card back.
import type { Page } from 'playwright-core';
import { bigWorkflow } from '../../bench/editor-graph.ts';
import { assert, assertEqual, test } from '../harness.ts';
import { createWorkflowFromPage, signUp } from '../helpers.ts';

type XY = { x: number; y: number };

/** The draft's positions as the API has them (what autosave stored). */
function savedPositions(page: Page, workflowId: string, ids: string[]): Promise<Record<string, XY>> {
  return page.evaluate(
    `fetch('/api/v1/workflows/${workflowId}', { credentials: 'same-origin',
      headers: { 'x-flowdeck-client': 'editor' } })
      .then((r) => r.json())
      .then((w) => Object.fromEntries(w.graph.nodes
        .filter((n) => ${JSON.stringify(ids)}.includes(n.id)).map((n) => [n.id, n.position])))`,
  ) as Promise<Record<string, XY>>;
}

/** Waits until the saved positions pass `ok` (autosave runs 600 ms after the last edit). */
async function waitForSaved(
  page: Page,
  workflowId: string,
  ids: string[],
  ok: (p: Record<string, XY>) => boolean,
  what: string,
): Promise<Record<string, XY>> {
  let last: Record<string, XY> = {};
  for (let i = 0; i < 60; i++) {
    last = await savedPositions(page, workflowId, ids);
    if (ok(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: saved ${JSON.stringify(last)}`);
}

/**
 * Opens a new copy of the big test graph at this viewport (the one the editor restores). With
 * the minimap shown, drag frames go through React Flow's store (the minimap draws from it); a
 * graph of 200 cards opens with it, so it is turned off unless asked for.
 */
async function openBigGraph(page: Page, viewport: { x: number; y: number; zoom: number }, minimap = false) {
  const graph = bigWorkflow(200, 220);
  const id = await createWorkflowFromPage(page, graph);
  await page.evaluate(
    `localStorage.setItem('flowdeck.viewport.${id}', ${JSON.stringify(JSON.stringify(viewport))})`,
  );
  await page.evaluate(`location.hash = '#/workflows/${id}'`);
  await page.getByTestId('node-step_3').waitFor();
  const shown = page.locator('.react-flow__minimap');
  if ((await shown.count()) !== (minimap ? 1 : 0))
    await page.getByRole('button', { name: 'Minimap' }).click();
  assertEqual(await shown.count(), minimap ? 1 : 0, 'the minimap is shown as asked');
  return { id, graph };
}

/**
 * Where an edge's line starts and ends and its middle, on screen, and where it should attach: the
 * right edge of its source card and the left edge of its target card, half way down (cards of
 * the test graph have one output).
 */
function edgeGeometry(page: Page, edgeId: string, source: string, target: string) {
  return page.evaluate(`(() => {
    const path = document.querySelector('.react-flow__edge[data-id="${edgeId}"] path');
    const m = path.getScreenCTM();
    const at = (l) => { const p = path.getPointAtLength(l); return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }; };
    const length = path.getTotalLength();
    // A card the view has scrolled away from is not rendered (only cards in view are).
    const s = document.querySelector('.react-flow__node[data-id="${source}"]')?.getBoundingClientRect();
    const t = document.querySelector('.react-flow__node[data-id="${target}"]').getBoundingClientRect();
    const plus = document.querySelector('[data-edge-id="${edgeId}"]')?.getBoundingClientRect();
    return {
      start: at(0), end: at(length), middle: at(length / 2),
      sourceSide: s ? { x: s.right, y: s.top + s.height / 2 } : null,
      targetSide: { x: t.left, y: t.top + t.height / 2 },
      plus: plus && { x: plus.left + plus.width / 2, y: plus.top + plus.height / 2 },
    };
  })()`) as Promise<{
    start: XY;
    end: XY;
    middle: XY;
    sourceSide: XY | null;
    targetSide: XY;
    plus?: XY;
  }>;
}

const near = (a: XY, b: XY, px: number) => Math.abs(a.x - b.x) <= px && Math.abs(a.y - b.y) <= px;

/**
 * The edge `edgeId` runs from its source card's output to its target card's input. With
 * `sourceMayBeOutOfView` (the view is panning away from it), a source card no longer rendered
 * is not checked.
 */
async function assertAttached(
  page: Page,
  edgeId: string,
  source: string,
  target: string,
  when: string,
  sourceMayBeOutOfView = false,
) {
  const g = await edgeGeometry(page, edgeId, source, target);
  assert(g.sourceSide !== null || sourceMayBeOutOfView, `${when}: ${source} is rendered`);
  assert(
    g.sourceSide === null || near(g.start, g.sourceSide, 4),
    `${when}: ${edgeId} leaves ${source}'s output (${JSON.stringify(g.start)} vs ${JSON.stringify(g.sourceSide)})`,
  );
  assert(
    near(g.end, g.targetSide, 4),
    `${when}: ${edgeId} enters ${target}'s input (${JSON.stringify(g.end)} vs ${JSON.stringify(g.targetSide)})`,
  );
  return g;
}

/**
 * Presses at `from` and moves the pointer 2 px: React Flow starts a drag with the first move past
 * its threshold and moves the cards with the pointer from there on.
 */
async function startDrag(page: Page, from: XY): Promise<XY> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 2, from.y);
  return { x: from.x + 2, y: from.y };
}

/** Chromium hands mouse moves to the page with the next animation frame: wait for it to draw. */
const nextFrames = (page: Page) =>
  page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

const cardBox = async (page: Page, id: string) =>
  (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;

test('at 40 % zoom a drag of three selected cards moves them and their edges live, is saved as the draft, and one undo puts them back', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Dora');
  // step_i sits at x = 300 (i + 1), y = 110 on the first row; edge e<i> runs step_<i-1> → step_<i>.
  const zoom = 0.4;
  const { id, graph } = await openBigGraph(page, { x: -200, y: 120, zoom });
  assert(
    (await page.locator('.canvas.low-detail').count()) === 1,
    'at 40 % zoom the cards are low-detail DOM cards',
  );
  const selected = ['step_2', 'step_4', 'step_5'];
  const before = Object.fromEntries(
    selected.map((n) => [n, graph.nodes.find((g) => g.id === n)!.position]),
  ) as Record<string, XY>;

  // Click the first card, Shift+click the others: three selected.
  for (const [i, n] of selected.entries()) {
    const b = await cardBox(page, n);
    if (i > 0) await page.keyboard.down('Shift');
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    if (i > 0) await page.keyboard.up('Shift');
  }
  assertEqual(
    await page
      .locator('.react-flow__node.selected')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
    selected,
    'three cards are selected',
  );
  await assertAttached(page, 'e3', 'step_2', 'step_3', 'before the drag');

  // The first selected card is the one pressed; all three move.
  const boxes = Object.fromEntries(
    await Promise.all(selected.map(async (n) => [n, await cardBox(page, n)] as const)),
  );
  const by = { x: 60, y: 84 };
  const from = await startDrag(page, {
    x: boxes.step_2.x + boxes.step_2.width / 2,
    y: boxes.step_2.y + boxes.step_2.height / 2,
  });
  await page.mouse.move(from.x + by.x / 2, from.y + by.y / 2, { steps: 5 });
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 5 });
  await nextFrames(page);

  // Mid-drag: every selected card has moved with the pointer, and the edges into and out of the
  // dragged cards still join them (one end moving and the other resting, or both moving).
  for (const n of selected) {
    const b = await cardBox(page, n);
    assert(
      near({ x: b.x - boxes[n].x, y: b.y - boxes[n].y }, by, 2),
      `${n} moved with the pointer during the drag (${b.x - boxes[n].x}, ${b.y - boxes[n].y})`,
    );
  }
  for (const e of [2, 3, 4, 5, 6])
    await assertAttached(page, `e${e}`, `step_${e - 1}`, `step_${e}`, 'during the drag');
  await shot('dragging');
  await page.mouse.up();

  // The drop is saved as the draft, each card moved by the same distance in flow units.
  const expected = (n: string) => ({ x: before[n].x + by.x / zoom, y: before[n].y + by.y / zoom });
  const moved = await waitForSaved(
    page,
    id,
    selected,
    (p) => selected.every((n) => p[n] && near(p[n], expected(n), 1 / zoom + 1)),
    'the three cards are saved where they were dropped',
  );
  for (const e of [2, 3, 4, 5, 6])
    await assertAttached(page, `e${e}`, `step_${e - 1}`, `step_${e}`, 'after the drop');
  await shot('dropped');

  // One undo puts all three back (one step for the whole drag), and that is saved too.
  await page.keyboard.press('ControlOrMeta+Z');
  await waitForSaved(
    page,
    id,
    selected,
    (p) => selected.every((n) => p[n] && p[n].x === before[n].x && p[n].y === before[n].y),
    'one undo puts the three cards back',
  );
  for (const n of selected) {
    const b = await cardBox(page, n);
    assert(near(b, boxes[n], 1), `${n} is back where it was on screen`);
  }
  for (const e of [2, 3, 4, 5, 6])
    await assertAttached(page, `e${e}`, `step_${e - 1}`, `step_${e}`, 'after undo');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await waitForSaved(
    page,
    id,
    selected,
    (p) => selected.every((n) => p[n] && p[n].x === moved[n].x && p[n].y === moved[n].y),
    'redo moves them again',
  );
});

test('at 100 % zoom a dragged card takes its curved edges and their + buttons along', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Edda');
  const zoom = 1;
  const { id, graph } = await openBigGraph(page, { x: -750, y: 60, zoom });
  assert((await page.locator('.canvas.low-detail').count()) === 0, 'at 100 % the cards are full cards');
  const node = 'step_3';
  const before = graph.nodes.find((g) => g.id === node)!.position;
  const box = await cardBox(page, node);
  const by = { x: 70, y: 90 };
  const from = await startDrag(page, { x: box.x + 60, y: box.y + box.height / 2 });
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 8 });
  await nextFrames(page);

  const moved = await cardBox(page, node);
  assert(
    near({ x: moved.x - box.x, y: moved.y - box.y }, by, 2),
    `the card moved with the pointer (${moved.x - box.x}, ${moved.y - box.y})`,
  );
  for (const [edge, source, target] of [
    ['e3', 'step_2', 'step_3'],
    ['e4', 'step_3', 'step_4'],
  ] as const) {
    const g = await assertAttached(page, edge, source, target, 'during the drag');
    assert(g.plus && near(g.plus, g.middle, 3), `${edge}'s + button is in the middle of its line`);
  }
  await shot('dragging');
  await page.mouse.up();

  await waitForSaved(
    page,
    id,
    [node],
    (p) => near(p[node], { x: before.x + by.x / zoom, y: before.y + by.y / zoom }, 2),
    'the card is saved where it was dropped',
  );
  for (const [edge, source, target] of [
    ['e3', 'step_2', 'step_3'],
    ['e4', 'step_3', 'step_4'],
  ] as const) {
    const g = await assertAttached(page, edge, source, target, 'after the drop');
    assert(
      g.plus && near(g.plus, g.middle, 3),
      `${edge}'s + button is in the middle of its line after the drop`,
    );
  }
  await page.keyboard.press('ControlOrMeta+Z');
  await waitForSaved(
    page,
    id,
    [node],
    (p) => p[node].x === before.x && p[node].y === before.y,
    'undo puts the card back',
  );
});

test('with the minimap shown, it follows a dragged card while it moves', async ({ page }) => {
  await signUp(page, 'Mira');
  await openBigGraph(page, { x: -750, y: 60, zoom: 1 }, true);
  const box = await cardBox(page, 'step_3');
  const from = await startDrag(page, { x: box.x + 60, y: box.y + box.height / 2 });
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 2 });
  await nextFrames(page);
  // React Flow selects the card it drags; the minimap draws it as selected.
  const mini = page.locator('.react-flow__minimap .react-flow__minimap-node.selected');
  const at = async () => Number(await mini.getAttribute('x'));
  const start = await at();
  // (Kept away from the pane's edge, where React Flow pans and moves the card further.)
  await page.mouse.move(from.x + 150, from.y + 10, { steps: 6 });
  await nextFrames(page);
  assert(
    Math.abs((await at()) - start - 140) < 2,
    `the minimap moved the card by 140 (${(await at()) - start})`,
  );
  const moved = await cardBox(page, 'step_3');
  assert(Math.abs(moved.x - box.x - 150) < 2, `the card moved on the canvas (${moved.x - box.x})`);
  await page.mouse.up();
});

test('a card held at the pane’s edge pans the view (auto-pan) and stays under the pointer', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Aiko');
  const { id, graph } = await openBigGraph(page, { x: -750, y: 60, zoom: 1 });
  const node = 'step_3';
  const before = graph.nodes.find((g) => g.id === node)!.position;
  const box = await cardBox(page, node);
  const grab = { x: 60, y: box.height / 2 };
  const from = await startDrag(page, { x: box.x + grab.x, y: box.y + grab.y });
  await nextFrames(page);
  // The settings panel opened beside the canvas when the drag selected the card.
  const pane = (await page.getByTestId('canvas').boundingBox())!;
  const viewport = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((e) => (e as unknown as { style: { transform: string } }).style.transform);
  const panBefore = await viewport();
  const edge = { x: pane.x + pane.width - 8, y: from.y };
  await page.mouse.move(edge.x, edge.y, { steps: 6 });
  await page.waitForTimeout(400);
  await page.mouse.move(edge.x - 1, edge.y);
  await nextFrames(page);
  assert((await viewport()) !== panBefore, 'holding the card at the edge pans the view');
  const held = await cardBox(page, node);
  assert(
    near({ x: held.x + grab.x + 2, y: held.y + grab.y }, { x: edge.x - 1, y: edge.y }, 3),
    `the card stays under the pointer while the view pans (${JSON.stringify(held)})`,
  );
  await assertAttached(page, 'e3', 'step_2', 'step_3', 'while the view pans', true);
  await shot('auto-pan');
  await page.mouse.up();
  const saved = await waitForSaved(
    page,
    id,
    [node],
    (p) => p[node].x > before.x + 200,
    'the card is saved where it was dropped, beyond where the view started',
  );
  const dropped = await cardBox(page, node);
  assert(
    near(dropped, held, 3),
    `after the drop the card stays where it was shown (${JSON.stringify(saved)})`,
  );
});
