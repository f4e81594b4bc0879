import { createServer } from 'node:http';
import { assert, test } from '../harness.ts';
import {
  buildBigOrders,
  dragFromPalette,
  connectHandles,
  newWorkflow,
  selectNode,
  signUp,
  typeInto,
} from '../helpers.ts';

test('deploys, triggers the webhook, watches the run succeed and reads a step output', async ({
  page,
  shot,
}) => {
  await buildBigOrders(page);
  await page.getByTestId('deploy').click();
  await page.getByTestId('confirm-deploy').click();
  const url = await page.getByTestId('webhook-url').inputValue();
  assert(/\/webhooks\/\S+$/.test(url), `a webhook URL is shown (${url})`);
  await shot('deployed with webhook URL');
  await page.keyboard.press('Escape');

  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 150 }),
  });
  assert(res.status === 202, `the webhook answers 202 (got ${res.status})`);

  await page.getByTestId('open-runs').click();
  await page.getByTestId('run-row').first().click();
  await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
  await page.locator('[data-testid="node-transform"][data-status="SUCCEEDED"]').waitFor();
  await page.getByTestId('step-transform').locator('summary').first().click();
  await page.getByTestId('output-transform').getByText('"big"').waitFor();
  const output = JSON.parse((await page.getByTestId('output-transform').getAttribute('data-json')) ?? 'null');
  assert(
    output?.size === 'big' && output.amount === 150,
    `the step output is shown (${JSON.stringify(output)})`,
  );
  assert(
    (await page.locator('[data-testid="node-transform_2"][data-status]').count()) === 0,
    'the false branch did not run',
  );
  await shot('run succeeded, step output');

  // A test run from the editor with a small amount takes the other branch.
  await page.getByTestId('test-run').click();
  await page.getByTestId('run-input').fill('{ "body": { "amount": 5 } }');
  await page.getByTestId('start-run').click();
  await page.locator('[data-testid="node-transform_2"][data-status="SUCCEEDED"]').waitFor();
  await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
  await shot('test run lit up');

  // Version history: change the draft, compare it with v1 (marked on the canvas), restore v1.
  await page.getByRole('button', { name: 'Close runs' }).click();
  await selectNode(page, 'transform_2');
  await typeInto(page, 'p-transform_2-output', '{ "size": "tiny" }');
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^Saved/ })
    .waitFor();
  await page.getByTestId('open-versions').click();
  await page.getByTestId('version-1').getByRole('button', { name: 'Compare' }).click();
  await page.getByTestId('version-diff').filter({ hasText: 'transform_2' }).waitFor();
  await page.locator('[data-testid="node-transform_2"].diff-changed').waitFor();
  await shot('compare v1 with the draft');
  await page.getByTestId('version-1').getByRole('button', { name: 'Restore' }).click();
  await page.locator('[data-testid="node-transform_2"]').filter({ hasText: 'small' }).waitFor();
});

test('retries a failed run from its failed step', async ({ page, shot }) => {
  // A local service that fails the first call and answers the next ones.
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: calls > 1 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    await signUp(page, 'Rita');
    await newWorkflow(page, 'Start manually', 'Flaky call');
    await page.getByTestId('node-manual').waitFor();
    await dragFromPalette(page, 'http.request', 360, 0, 'manual');
    await connectHandles(page, 'manual', null, 'request');
    await selectNode(page, 'request');
    await typeInto(page, 'p-request-url', `http://127.0.0.1:${port}/status`);
    await page.getByTestId('issue-count').filter({ hasText: 'Ready' }).waitFor();
    await page.getByTestId('deploy').click();
    await page.getByTestId('confirm-deploy').click();
    await page.getByTestId('deployed').waitFor();
    await page.keyboard.press('Escape');

    await page.getByTestId('test-run').click();
    await page.getByTestId('run-input').fill('{}');
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-status').filter({ hasText: 'failed' }).waitFor();
    await page.locator('[data-testid="node-request"][data-status="FAILED"]').waitFor();
    await shot('run failed in the editor');

    // The runs list, filtered to this workflow's failed runs, opens the run's own page.
    await page.getByRole('link', { name: 'Runs', exact: true }).first().click();
    await page.getByLabel('Filter by workflow').selectOption({ label: 'Flaky call' });
    await page.getByLabel('Filter by status').selectOption('FAILED');
    await page.getByTestId('runs-row').filter({ hasText: 'failed' }).first().waitFor();
    assert((await page.getByTestId('runs-row').count()) === 1, 'one failed run of this workflow');
    await page.getByLabel('Filter by status').selectOption('SUCCEEDED');
    await page.getByText('No run matches these filters').waitFor();
    await page.getByLabel('Filter by status').selectOption('FAILED');
    await shot('runs list filtered to failed runs');
    await page.getByTestId('runs-row').first().click();
    await page.getByTestId('run-page').waitFor();
    await page
      .locator('[data-testid="run-graph"] [data-testid="node-request"][data-status="FAILED"]')
      .waitFor();
    await page
      .locator('[data-testid="run-graph"] [data-testid="node-manual"][data-status="SUCCEEDED"]')
      .waitFor();
    await page.getByTestId('run-error').waitFor();
    await page.getByTestId('waterfall').waitFor();
    // The failed step opens by itself, with its error, cause and input in the JSON viewer.
    await page.getByTestId('step-request').locator('.problem').waitFor();
    await page.getByTestId('input-request').waitFor();
    await shot('run page of the failed run');

    await page.getByTestId('retry-run').click();
    await page.getByTestId('parent-run').waitFor();
    await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
    await page
      .locator('[data-testid="run-graph"] [data-testid="node-request"][data-status="SUCCEEDED"]')
      .waitFor();
    assert(calls === 2, `the failed step ran once more, the trigger did not (${calls} calls)`);
    await shot('retried from the failed step and succeeded');
  } finally {
    server.close();
  }
});

test('answers a pending approval from the run panel, and the run finishes', async ({ page, shot }) => {
  await signUp(page, 'Paul');
  await newWorkflow(page, 'Start manually', 'Needs a yes');
  await page.getByTestId('node-manual').waitFor();
  // Built with the + on open outputs this time.
  const addAfter = async (plus: string, type: string) => {
    await page.getByTestId(plus).click();
    await page.getByRole('dialog').getByTestId(`palette-${type}`).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  await addAfter('plus-manual', 'logic.approval');
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await addAfter('plus-approval-approved', 'data.transform');
  await addAfter('plus-approval-rejected', 'logic.stop');
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await page.getByRole('button', { name: 'Minimap' }).click();
  await page.waitForTimeout(300);
  await selectNode(page, 'approval');
  await page.getByTestId('p-approval-message').click();
  await page.keyboard.insertText('Publish the launch post?');
  await selectNode(page, 'transform');
  await typeInto(page, 'p-transform-output', '{ "published": true }');
  await page.getByTestId('issue-count').filter({ hasText: 'Ready' }).waitFor();
  await page.getByTestId('deploy').click();
  await page.getByTestId('confirm-deploy').click();
  await page.getByTestId('deployed').waitFor();
  await page.keyboard.press('Escape');

  await page.getByTestId('test-run').click();
  await page.getByTestId('start-run').click();
  await page.getByTestId('pending-approvals').filter({ hasText: 'Publish the launch post?' }).waitFor();
  await shot('waiting for approval');
  await page.getByTestId('pending-approvals').getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
  await page.locator('[data-testid="node-transform"][data-status="SUCCEEDED"]').waitFor();
  await page.getByTestId('waterfall').waitFor();
  await shot('approved and finished');
});

test('a viewer sees the workflow but cannot edit or deploy it', async ({ page, browser, baseUrl, shot }) => {
  await buildBigOrders(page);
  const invite = await page.request.post('/api/v1/invitations', {
    data: { role: 'viewer' },
    headers: { 'x-flowdeck-client': 'e2e' },
  });
  assert(invite.ok(), `invitation created (${invite.status()})`);
  const { token } = (await invite.json()) as { token: string };
  const workflowUrl = page.url();

  const viewerContext = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    baseURL: baseUrl,
  });
  try {
    const viewer = await viewerContext.newPage();
    await signUp(viewer, 'Vic');
    const accepted = await viewer.request.post('/api/v1/invitations/accept', {
      data: { token },
      headers: { 'x-flowdeck-client': 'e2e' },
    });
    assert(accepted.ok(), `invitation accepted (${accepted.status()})`);
    await viewer.reload();
    await viewer.getByTestId('org-switcher').click();
    await viewer.getByTestId("org-Ada's Studio").click();
    await viewer.goto(workflowUrl);
    await viewer.getByTestId('node-condition').waitFor();
    assert(await viewer.getByTestId('deploy').isDisabled(), 'Deploy is disabled for a viewer');
    assert((await viewer.getByTestId('palette-search').count()) === 0, 'no palette for a viewer');
    await viewer.getByText('View only').waitFor();
    assert(
      (await viewer.locator('.edge-plus:visible, .handle-plus:visible').count()) === 0,
      'no + buttons for a viewer',
    );
    await viewer.screenshot({
      path: 'e2e/artifacts/03-lifecycle/a-viewer-sees-the-workflow-but-cannot-edit-or-deploy-it/02-viewer-read-only.png',
    });
    await shot('owner view');
  } catch (err) {
    await viewerContext.pages()[0]?.screenshot({ path: 'e2e/artifacts/viewer-failure.png' });
    throw err;
  } finally {
    await viewerContext.close();
  }
});
