import { assert, test } from '../harness.ts';
import { signUp } from '../helpers.ts';

test('a new user signs up, sees what to do next, and switches organisation', async ({ page, shot }) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await shot('login page');
  await signUp(page, 'Maya');
  await page.getByRole('heading', { name: 'No workflows yet' }).waitFor();
  await shot('empty workflows list');

  // A second organisation appears in the switcher and becomes current.
  await page.getByTestId('org-switcher').click();
  await page.getByTestId('org-new').click();
  await page.getByLabel('Name').fill('Client B');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('org-switcher').filter({ hasText: 'Client B' }).waitFor();
  await page.getByTestId('org-switcher').click();
  await shot('organisation switcher');
  await page.getByTestId("org-Maya's Studio").click();
  await page.getByTestId('org-switcher').filter({ hasText: "Maya's Studio" }).waitFor();

  const shownName = await page.getByTestId('user-menu').textContent();
  assert(shownName === 'Maya', 'the user menu shows the name');
});

test('logging in with a wrong password says so, the right one opens the workflows', async ({
  page,
  shot,
}) => {
  const { email } = await signUp(page, 'Lena');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong password!');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
  await shot('wrong password');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
});

test('the theme switches between light and dark', async ({ page, shot }) => {
  await signUp(page, 'Theo');
  const before = await page.locator('html').getAttribute('data-theme');
  await page.getByTestId('theme-toggle').click();
  const after = await page.locator('html').getAttribute('data-theme');
  assert(before !== after && (after === 'dark' || after === 'light'), `theme toggled (${before} → ${after})`);
  await shot(`${after} theme`);
});

test('an owner sees members, creates an API key shown once, reads the audit log and the runs', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Olga');
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('cell', { name: 'Olga', exact: true }).waitFor();
  assert(
    (await page.getByLabel('Role of Olga').inputValue()) === 'owner',
    'the signed-up user owns the organisation',
  );
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  assert(
    (await page.getByLabel('Invitation link').inputValue()).includes('/invite/'),
    'an invitation link is shown',
  );
  await shot('members');

  await page.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('heading', { name: 'No API keys' }).waitFor();
  await page.getByLabel('Key name').fill('CRM sync');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByTestId('new-key').inputValue();
  assert(key.startsWith('fdk_'), `the key is shown once (${key.slice(0, 8)}…)`);
  await page.getByRole('cell', { name: 'CRM sync' }).waitFor();
  await shot('api keys');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('cell', { name: 'api_key.create' }).waitFor();
  await page.getByRole('cell', { name: 'organization.create' }).waitFor();
  await shot('audit log');

  await page.getByRole('link', { name: 'Runs' }).click();
  await page.getByRole('heading', { name: 'No runs yet' }).waitFor();
});
