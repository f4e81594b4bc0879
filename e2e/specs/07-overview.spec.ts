import type { Page } from 'playwright-core';
import { bigWorkflow } from '../../bench/editor-graph.ts';
import { assert, assertEqual, test } from '../harness.ts';
import { canvasZoom, createWorkflowFromPage, signUp } from '../helpers.ts';

type XY = { x: number; y: number };

/** The draft as the API has it (what autosave stored). */
async function savedPosition(page: Page, workflowId: string, nodeId: string): Promise<XY> {
  return (await page.evaluate(
    `fetch('/api/v1/workflows/${workflowId}', { credentials: 'same-origin',
      headers: { 'x-flowdeck-client': 'editor' } })
      .then((r) => r.json()).then((w) => w.graph.nodes.find((n) => n.id === '${nodeId}').position)`,
  )) as XY;
}

async function waitForSaved(page: Page, workflowId: string, nodeId: string, expected: XY, what: string) {
  let last: XY | undefined;
  for (let i = 0; i < 50; i++) {
    last = await savedPosition(page, workflowId, nodeId);
    if (last.x === expected.x && last.y === expected.y) return;
    await page.waitForTimeout(100);
  }
  assertEqual(last, expected, what);
}

/** A card's centre on screen in the overview: React Flow keeps an empty wrapper at its top-left. */
async function cardCentre(page: Page, nodeId: string): Promise<XY> {
  const box = (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox())!;
  const zoom = await canvasZoom(page);
  return { x: box.x + 120 * zoom, y: box.y + 32 * zoom };
}

test('zoomed far out, the overview canvas selects a card, drags it (saved as the draft) and undo puts it back', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Ola');
  const graph = bigWorkflow(200, 220);
  // One step with a problem (a transform needs its output), to see the invalid marker.
  graph.nodes.find((n) => n.id === 'step_1')!.params = {};
  const id = await createWorkflowFromPage(page, graph);
  await page.evaluate(`location.hash = '#/workflows/${id}'`);
  await page.getByTestId('node-webhook').waitFor();

  while ((await page.locator('.canvas.overview').count()) === 0)
    await page.locator('.react-flow__controls-zoomout').click();
  const overview = page.getByTestId('overview');
  await overview.waitFor({ state: 'attached' });
  assert((await canvasZoom(page)) < 0.3, 'the overview shows below 30 % zoom');
  assertEqual(await page.locator('[data-testid^="node-"]').count(), 0, 'no card is rendered as DOM');
  const drawn = Number(await overview.getAttribute('data-cards'));
  assert(drawn > 20, `the overview draws the cards in view (${drawn})`);
  await shot('overview');

  // The invalid marker: a red dot on the top-right corner of the step with a problem.
  const marker = await page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid="overview"]');
    const card = document.querySelector('.react-flow__node[data-id="step_1"]').getBoundingClientRect();
    const c = canvas.getBoundingClientRect();
    const zoom = Number(/scale\\(([\\d.]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]);
    const dpr = window.devicePixelRatio;
    const x = (card.left - c.left + 238 * zoom) * dpr, y = (card.top - c.top + 2 * zoom) * dpr;
    return Array.from(canvas.getContext('2d').getImageData(Math.round(x), Math.round(y), 1, 1).data);
  })()`);
  const danger = await page.evaluate(
    `getComputedStyle(document.documentElement).getPropertyValue('--danger').trim()`,
  );
  assertEqual(
    `#${(marker as number[])
      .slice(0, 3)
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')}`,
    danger,
    'the step with a problem has the red marker',
  );

  // A click on a card selects it: its settings open beside the canvas.
  const a = await cardCentre(page, 'step_2');
  await page.mouse.click(a.x, a.y);
  await page.getByRole('complementary', { name: 'Settings of step_2' }).waitFor();

  // Drag another card; the drop is saved as the draft.
  const node = 'step_4';
  const before = graph.nodes.find((n) => n.id === node)!.position;
  const zoom = await canvasZoom(page);
  const from = await cardCentre(page, node);
  const by = { x: 60, y: 45 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x / 2, from.y + by.y / 2, { steps: 4 });
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 4 });
  await page.mouse.up();
  const moved = await savedPosition(page, id, node).then(async () => {
    // Where the card should now be, within the rounding of one screen pixel at this zoom.
    const expected = { x: before.x + by.x / zoom, y: before.y + by.y / zoom };
    let p: XY = before;
    for (let i = 0; i < 50 && p.x === before.x && p.y === before.y; i++) {
      await page.waitForTimeout(100);
      p = await savedPosition(page, id, node);
    }
    assert(
      Math.abs(p.x - expected.x) <= 1 / zoom + 1 && Math.abs(p.y - expected.y) <= 1 / zoom + 1,
      `the dragged card was saved where it was dropped (${JSON.stringify(p)}, expected about ${JSON.stringify(expected)})`,
    );
    return p;
  });
  assert((await cardCentre(page, node)).x > from.x + by.x / 2, 'React Flow has the new position too');
  await shot('dragged');

  // One undo step puts it back, and that is saved too; redo moves it again.
  await page.keyboard.press('ControlOrMeta+Z');
  await waitForSaved(page, id, node, before, 'undo puts the card back');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await waitForSaved(page, id, node, moved, 'redo moves it again');

  // From a card's output handle (its right edge, half way down) to another card: connected.
  const edgesOf = () =>
    page.evaluate(
      `fetch('/api/v1/workflows/${id}', { credentials: 'same-origin', headers: { 'x-flowdeck-client': 'editor' } })
        .then((r) => r.json()).then((w) => w.graph.edges.filter((e) => e.source === 'step_2').map((e) => e.target))`,
    ) as Promise<string[]>;
  assertEqual(await edgesOf(), ['step_3'], 'step_2 leads to step_3 at first');
  const source = (await page.locator('.react-flow__node[data-id="step_2"]').boundingBox())!;
  const out = { x: source.x + 244 * zoom, y: source.y + 33 * zoom };
  const to = await cardCentre(page, 'step_5');
  await page.mouse.move(out.x, out.y);
  await page.mouse.down();
  await page.mouse.move((out.x + to.x) / 2, (out.y + to.y) / 2 + 20, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await shot('connecting');
  await page.mouse.up();
  for (let i = 0; i < 50 && (await edgesOf()).includes('step_3'); i++) await page.waitForTimeout(100);
  assertEqual(await edgesOf(), ['step_5'], 'the output now leads to the card it was dropped on');

  // A press on empty canvas still pans (React Flow's), and does not move a card.
  const viewport = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((e) => (e as unknown as { style: { transform: string } }).style.transform);
  const panBefore = await viewport();
  // Left of the trigger nothing is drawn (every card is to its right).
  const trigger = (await page.locator('.react-flow__node[data-id="webhook"]').boundingBox())!;
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const empty = { x: trigger.x - 30, y: trigger.y + 8 };
  assert(empty.x > canvas.x + 5 && empty.y > canvas.y + 5, 'the empty spot is on the canvas');
  await page.mouse.move(empty.x, empty.y);
  await page.mouse.down();
  await page.mouse.move(empty.x - 80, empty.y - 30, { steps: 5 });
  await page.mouse.up();
  assert((await viewport()) !== panBefore, 'dragging the empty canvas pans the view');
  assertEqual(await savedPosition(page, id, node), moved, 'panning moved no card');
});
