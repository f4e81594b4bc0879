import type { Page } from 'playwright-core';
import { assert, assertEqual, test } from '../harness.ts';
import { buildBigOrders, selectNode, typeInto } from '../helpers.ts';

const nodeIds = async (page: Page) =>
  (
    await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
  ).sort();
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

const buildBranches = (page: Page) => buildBigOrders(page, false);

test('builds webhook → condition → two branches by drag and drop, configures them, fixes the problems', async ({
  page,
  shot,
}) => {
  await buildBranches(page);
  assertEqual(
    await nodeIds(page),
    ['condition', 'transform', 'transform_2', 'webhook'],
    'nodes on the canvas',
  );
  assertEqual(await edgeCount(page), 3, 'edges');
  await shot('graph drawn');

  // Unconfigured steps are marked invalid, with the reasons in plain words.
  await page.getByTestId('invalid-condition').waitFor();
  await page.getByTestId('invalid-transform').waitFor();
  await page.getByTestId('issue-count').filter({ hasText: 'problem' }).waitFor();
  // The half-built draft is stored by the server with its problems: a reload shows both.
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^Saved/ })
    .waitFor();
  await page.reload();
  await page.getByTestId('invalid-condition').waitFor();
  await page.getByTestId('invalid-transform_2').waitFor();
  assertEqual(await edgeCount(page), 3, 'edges after a reload');
  await shot('half-built draft reopened with its problems');

  // The condition builder: trigger.body.amount > 100, tested live against sample data.
  await selectNode(page, 'condition');
  await page.getByTestId('field-rule').getByRole('alert').first().waitFor();
  await shot('condition needs a rule');
  await page.getByTestId('add-row').click();
  const row = page.getByTestId('rule-row').first();
  await row.getByLabel('Field').fill('trigger.body.amount');
  await row.getByLabel('Operator').selectOption('>');
  await row.getByLabel('Value').fill('100');
  await page.getByTestId('rule-sample').fill('{ "trigger": { "body": { "amount": 150 } } }');
  await page.getByTestId('rule-result').filter({ hasText: 'Matches' }).waitFor();
  await page.getByTestId('rule-sample').fill('{ "trigger": { "body": { "amount": 40 } } }');
  await page.getByTestId('rule-result').filter({ hasText: 'Does not match' }).waitFor();
  await page.getByTestId('invalid-condition').waitFor({ state: 'detached' });
  assert(
    (await page.getByTestId('node-condition').textContent())?.includes(
      'trigger.body.amount is greater than 100',
    ),
    'the card summarises the rule',
  );
  await shot('condition configured');

  // A transform's output field shows the engine's message until it holds valid output.
  await selectNode(page, 'transform');
  const outputError = page.getByTestId('field-output').getByRole('alert');
  await outputError.waitFor();
  await typeInto(page, 'p-transform-output', '{ "size": "big", "amount": "{% $trigger.body.amount %}" }');
  await outputError.waitFor({ state: 'detached' });
  // Expression autocomplete offers $trigger paths (from the webhook's sample output).
  await selectNode(page, 'transform_2');
  await page.getByTestId('p-transform_2-output').click();
  await page.keyboard.type('$trigger.bo');
  await page.locator('.cm-tooltip-autocomplete').getByText('$trigger.body', { exact: true }).waitFor();
  await shot('expression autocomplete');
  await page.keyboard.press('Escape');
  await typeInto(page, 'p-transform_2-output', '{ "size": "small" }');
  await page.getByTestId('issue-count').filter({ hasText: 'Ready' }).waitFor();
  assertEqual(await page.locator('.step-invalid').count(), 0, 'invalid markers left');
  await shot('every step valid');

  // The draft is stored: it reopens the same.
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^Saved/ })
    .waitFor();
  await page.reload();
  await page.getByTestId('node-transform_2').waitFor();
  assertEqual(await edgeCount(page), 3, 'edges after reload');
  await page.getByTestId('issue-count').filter({ hasText: 'Ready' }).waitFor();
});

test('undo and redo with the keyboard, copy/paste as JSON, insert on an edge', async ({ page, shot }) => {
  await buildBranches(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });

  // Delete a step, undo, redo.
  await page.getByTestId('node-transform_2').click();
  await page.keyboard.press('Delete');
  await page.getByTestId('node-transform_2').waitFor({ state: 'detached' });
  assertEqual(await edgeCount(page), 2, 'edges after delete');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await page.getByTestId('node-transform_2').waitFor();
  assertEqual(await edgeCount(page), 3, 'edges after undo');
  await shot('after undo');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await page.getByTestId('node-transform_2').waitFor({ state: 'detached' });
  await page.keyboard.press('ControlOrMeta+Z');
  await page.getByTestId('node-transform_2').waitFor();

  // Copy the condition and its true branch; paste gives fresh ids and the inner edge.
  await page.getByTestId('node-condition').click();
  await page.getByTestId('node-transform').click({ modifiers: ['Shift'] });
  await page.keyboard.press('ControlOrMeta+C');
  const clip = await page.evaluate<string>('navigator.clipboard.readText()');
  assert(
    clip.includes('"flowdeck/nodes"') && clip.includes('"condition"'),
    'the clipboard holds the selection as JSON',
  );
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByTestId('node-condition_2').waitFor();
  await page.getByTestId('node-transform_3').waitFor();
  assertEqual(await edgeCount(page), 4, 'edges after paste');
  await shot('after paste');

  // `+` on the webhook → condition edge inserts a Delay between them.
  await page.getByTestId('edge-plus-webhook-condition').click();
  await page.getByTestId('insert-search').fill('delay');
  await page.getByRole('dialog').getByTestId('palette-logic.delay').click();
  await page.getByTestId('node-delay').waitFor();
  await page.getByTestId('edge-plus-webhook-delay').waitFor();
  await page.getByTestId('edge-plus-delay-condition').waitFor();
  await shot('delay inserted');

  // `+` on the open "false" handle of the pasted condition adds a step there.
  await page.getByTestId('plus-condition_2-false').click();
  await page.getByRole('dialog').getByTestId('palette-logic.stop').click();
  await page.getByTestId('edge-plus-condition_2-stop').waitFor();

  // Tidy up, the shortcuts panel, the minimap (Shift+M).
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Shift+L');
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts').waitFor();
  await shot('shortcuts help');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+M');
  await page.locator('.react-flow__minimap').waitFor();
  await shot('tidied up');
});
