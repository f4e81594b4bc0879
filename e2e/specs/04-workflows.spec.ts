import { assert, assertEqual, test } from '../harness.ts';
import { newWorkflow, signUp } from '../helpers.ts';

test('tags a workflow in the editor, filters the list by tag and status, and sees each last run', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Tess');
  const addTag = async (tag: string) => {
    await page.getByLabel('Add a tag').fill(tag);
    await page.getByLabel('Add a tag').press('Enter');
    await page.getByTestId(`tag-${tag}`).waitFor();
  };
  const saved = () =>
    page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved/ })
      .waitFor();

  await newWorkflow(page, 'Start manually', 'Launch posts');
  await addTag('social');
  await addTag('launch');
  await saved();
  await shot('tags in the editor toolbar');
  // Deployed and run once, so it has a last run.
  await page.getByTestId('deploy').click();
  await page.getByTestId('confirm-deploy').click();
  await page.getByTestId('deployed').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('test-run').click();
  await page.getByTestId('start-run').click();
  await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();

  await page.getByRole('link', { name: 'Workflows', exact: true }).first().click();
  await newWorkflow(page, 'Start manually', 'Newsletter');
  await addTag('email');
  await addTag('social');
  await page.getByLabel('Remove tag social').click();
  await page.getByTestId('tag-social').waitFor({ state: 'detached' });
  await saved();

  await page.getByRole('link', { name: 'Workflows', exact: true }).first().click();
  const rows = page.getByTestId('workflow-row');
  await rows.nth(1).waitFor();
  const names = async () => (await rows.locator('td:first-child').allTextContents()).sort();
  assertEqual(await names(), ['Launch posts', 'Newsletter'], 'both workflows listed');
  await rows
    .filter({ hasText: 'Launch posts' })
    .getByTestId('last-run')
    .filter({ hasText: 'succeeded' })
    .waitFor();
  await rows.filter({ hasText: 'Newsletter' }).getByTestId('last-run').filter({ hasText: 'never' }).waitFor();
  await shot('workflows with tags, status and last run');

  const tagFilter = page.getByTestId('tag-filter');
  await tagFilter.getByRole('button', { name: 'social' }).click();
  assertEqual(await names(), ['Launch posts'], 'tag social');
  await page.getByLabel('Filter by status').selectOption('draft');
  await page.getByText('No workflow matches these filters.').waitFor();
  await tagFilter.getByRole('button', { name: 'social' }).click();
  assertEqual(await names(), ['Newsletter'], 'drafts of every tag');
  await page.getByLabel('Filter by status').selectOption('deployed');
  await tagFilter.getByRole('button', { name: 'email' }).click();
  await page.getByText('No workflow matches these filters.').waitFor();
  await shot('filtered by tag and status');

  // The tags were stored with the workflow.
  await page.getByLabel('Filter by status').selectOption('');
  await tagFilter.getByRole('button', { name: 'email' }).click();
  await rows.filter({ hasText: 'Launch posts' }).locator('a').click();
  await page.getByTestId('tag-launch').waitFor();
  assert(await page.getByTestId('tag-social').isVisible(), 'tag social kept');
});
