import { assert, assertEqual, test } from '../harness.ts';
import { selectNode, signUp, typeInto } from '../helpers.ts';

/** The hour and weekday of an instant as seen in a time zone. */
const seenIn = (iso: string, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    hour12: false,
  }).formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === 'weekday')?.value} ${parts.find((p) => p.type === 'hour')?.value}`;
};

test('starts a workflow from a schedule and sees its next five runs, and what is wrong with a bad one', async ({
  page,
  shot,
}) => {
  await signUp(page, 'Sam');
  await page.getByTestId('new-workflow').click();
  await page.getByLabel('Name').fill('Monday digest');
  await page.getByLabel('Schedule').check();
  await page.getByTestId('create-workflow').click();
  await page.getByTestId('canvas').waitFor();

  await selectNode(page, 'schedule');
  await typeInto(page, 'p-schedule-expression', 'cron(0 9 ? * MON *)');
  await typeInto(page, 'p-schedule-timezone', 'Europe/Paris');
  const times = page.getByTestId('schedule-fire-time');
  await page.getByTestId('schedule-preview').filter({ hasText: 'Times in Europe/Paris' }).waitFor();
  assertEqual(await times.count(), 5, 'next runs listed');
  const instants = await times
    .locator('time')
    .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  for (const t of instants) assertEqual(seenIn(t, 'Europe/Paris'), 'Mon 09', `run at ${t}`);
  assert(
    instants.every(
      (t, i) =>
        i === 0 ||
        Date.parse(t) - Date.parse(instants[i - 1]) === 7 * 86_400_000 ||
        // a DST change between two Mondays moves the UTC instant by an hour
        Math.abs(Date.parse(t) - Date.parse(instants[i - 1]) - 7 * 86_400_000) === 3_600_000,
    ),
    'one week apart',
  );
  await shot('next five runs of a schedule');

  await typeInto(page, 'p-schedule-expression', 'rate(1 minutes)');
  await page
    .getByTestId('schedule-preview')
    .filter({ hasText: 'Invalid Schedule Expression rate(1 minutes).' })
    .waitFor();
  await shot('a bad schedule says what is wrong');
});
