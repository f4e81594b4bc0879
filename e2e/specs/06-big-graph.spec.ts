import { bigWorkflow } from '../../bench/editor-graph.ts';
import { assert, test } from '../harness.ts';
import { canvasZoom, createWorkflowFromPage, signUp } from '../helpers.ts';

test('a big workflow opens readable on its trigger, draws plain cards and edges zoomed out, and reopens where it was left', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Bea');
  const graph = bigWorkflow(200, 220);
  const id = await createWorkflowFromPage(page, graph);
  await page.evaluate(`location.hash = '#/workflows/${id}'`);
  await page.getByTestId('node-webhook').waitFor();
  const zoom = () => canvasZoom(page);
  assert((await zoom()) >= 0.45, `opens at a readable zoom, not the whole graph (zoom ${await zoom()})`);
  const rendered = await page.locator('.react-flow__node').count();
  assert(rendered > 0 && rendered < 200, `only the cards in view are drawn (${rendered})`);
  await shot('opened on the trigger');

  while ((await page.locator('.canvas.low-detail').count()) === 0)
    await page.locator('.react-flow__controls-zoomout').click();
  const card = page.getByTestId('node-webhook');
  assert(
    (await card.locator(':scope > *:not(.handle-anchor)').count()) === 0,
    'a zoomed-out card is one element (plus invisible edge anchors)',
  );
  // The edge from the trigger starts at the right edge of its card, half way down.
  const d = (await page.locator('.react-flow__edge[data-id="e0"] path').first().getAttribute('d')) ?? '';
  const [sx, sy] = /^M([\d.-]+),([\d.-]+)L/.exec(d)?.slice(1).map(Number) ?? [Number.NaN, Number.NaN];
  const trigger = graph.nodes[0].position;
  assert(
    Math.abs(sx - (trigger.x + 240)) <= 8 && Math.abs(sy - (trigger.y + 32)) <= 8,
    `edge e0 starts at the trigger's output (${d})`,
  );
  await shot('zoomed out: plain cards and lines');

  await page.waitForTimeout(300); // the viewport is saved when the view stops moving
  const before = await zoom();
  await page.reload();
  await page.getByTestId('node-webhook').waitFor();
  assert(Math.abs((await zoom()) - before) < 1e-3, `reopens at the zoom it was left at (${before})`);
});
