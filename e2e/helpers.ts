// Steps the specs share: sign up through the UI, open a new workflow, drag from the palette.
import type { Page } from 'playwright-core';

let n = 0;

export async function signUp(page: Page, who = 'Maya'): Promise<{ email: string }> {
  const email = `${who.toLowerCase()}.${Date.now()}.${++n}@example.com`;
  await page.goto('/#/signup');
  await page.getByLabel('Your name').fill(who);
  await page.getByLabel('Organisation').fill(`${who}'s Studio`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
  return { email };
}

/** Creates a workflow over the API with the page's session (as the editor does); answers its id. */
export async function createWorkflowFromPage(page: Page, graph: unknown, name = 'Big'): Promise<string> {
  return (await page.evaluate(
    `fetch('/api/v1/workflows', { method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-flowdeck-client': 'editor' },
      body: JSON.stringify({ name: ${JSON.stringify(name)}, graph: ${JSON.stringify(graph)} }) })
      .then((r) => r.json()).then((w) => w.id)`,
  )) as string;
}

/** The canvas's zoom, read from React Flow's viewport transform. */
export const canvasZoom = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((e) =>
      Number(
        /scale\(([\d.]+)\)/.exec((e as unknown as { style: { transform: string } }).style.transform)?.[1],
      ),
    );

export async function newWorkflow(
  page: Page,
  trigger: 'Webhook' | 'Start manually' = 'Webhook',
  name?: string,
): Promise<void> {
  await page.getByTestId('new-workflow').click();
  if (name) await page.getByLabel('Name').fill(name);
  await page.getByLabel(trigger).check();
  await page.getByTestId('create-workflow').click();
  await page.getByTestId('canvas').waitFor();
}

/**
 * Drags a palette entry onto the canvas, (dx, dy) pixels from the top-left corner of the node
 * `from` (the trigger by default), so positions do not depend on the initial zoom.
 */
export async function dragFromPalette(
  page: Page,
  type: string,
  dx: number,
  dy: number,
  from = 'webhook',
): Promise<void> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const anchor = (await page.getByTestId(`node-${from}`).boundingBox())!;
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), {
    targetPosition: { x: anchor.x - canvas.x + dx, y: anchor.y - canvas.y + dy },
  });
}

/** Connects a source handle (null: the unnamed output) to a node's input by dragging. */
export async function connectHandles(
  page: Page,
  source: string,
  handle: string | null,
  target: string,
): Promise<void> {
  const from = page.locator(
    `[data-id="${source}"] .react-flow__handle.source[data-handleid="${handle === null ? 'out' : `out:${handle}`}"]`,
  );
  const to = page.locator(`[data-id="${target}"] .react-flow__handle.target`);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).click();
  await page.getByTestId('node-panel').waitFor();
}

/** Types into a CodeMirror field (insertText avoids auto-closed brackets doubling up). */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** Signs up and draws webhook → condition (amount > 100) → transform (true) / transform_2 (false). */
export async function buildBigOrders(page: Page, configure = true): Promise<void> {
  await signUp(page, 'Ada');
  await newWorkflow(page, 'Webhook', 'Big orders');
  await page.getByTestId('node-webhook').waitFor();
  await dragFromPalette(page, 'logic.condition', 60, 130);
  await dragFromPalette(page, 'data.transform', 400, 0);
  await dragFromPalette(page, 'data.transform', 400, 280);
  await connectHandles(page, 'webhook', null, 'condition');
  await connectHandles(page, 'condition', 'true', 'transform');
  await connectHandles(page, 'condition', 'false', 'transform_2');
  // Tidy up (auto-layout + fit) and hide the minimap so every card is in reach.
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await page.getByRole('button', { name: 'Minimap' }).click();
  await page.locator('.react-flow__minimap').waitFor({ state: 'detached' });
  await page.waitForTimeout(300); // the fit animation
  if (!configure) return;
  await selectNode(page, 'condition');
  await page.getByTestId('add-row').click();
  const row = page.getByTestId('rule-row').first();
  await row.getByLabel('Field').fill('trigger.body.amount');
  await row.getByLabel('Operator').selectOption('>');
  await row.getByLabel('Value').fill('100');
  await selectNode(page, 'transform');
  await typeInto(page, 'p-transform-output', '{ "size": "big", "amount": "{% $trigger.body.amount %}" }');
  await selectNode(page, 'transform_2');
  await typeInto(page, 'p-transform_2-output', '{ "size": "small" }');
  await page.getByTestId('issue-count').filter({ hasText: 'Ready' }).waitFor();
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^Saved/ })
    .waitFor();
}
