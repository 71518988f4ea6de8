/**
 * Signs of Safety in a real browser, with axe on every page: a mapping with two danger statements and safety goals
 * (a third row added without JavaScript), the error summary, finalising, three professionals' scaling, the trend chart
 * with its table on the child's record, the child's voice and a mapping meeting.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer } from './browser-support.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('mapping with two danger statements → finalise → three professionals scale it → trend chart on the record, with axe', { skip: SKIP }, async () => {
  const db = server!.app.handle.db;
  const ava = (await db.selectFrom('person_names').select('person_id').where('given_names', '=', 'Ava').where('family_name', '=', 'Patel').executeTakeFirstOrThrow()).person_id;
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'social.worker');

  // The demo child's record: scaling over months, the chart and its table.
  await page.goto(`/children/${ava}/signs-of-safety`);
  await page.getByRole('img', { name: /Scaling over time/ }).waitFor();
  await page.getByRole('table', { name: /Scaling by date/ }).waitFor();
  violations.push(...(await axeViolations(page, 'Signs of Safety (demo child)')));
  await screenshot(page, 'practice-record');

  await Promise.all([page.waitForURL(/mappings\/new$/), page.getByRole('button', { name: 'New mapping' }).click()]);
  violations.push(...(await axeViolations(page, 'new mapping')));
  await page.getByLabel('Harm').fill('Ava was left alone overnight twice\nNo food in the house');
  await page.getByLabel('Complicating factors').fill('Mum’s depression');
  await page.getByLabel('Strengths').fill('Mum asked the school for help');
  await page.getByLabel('Next steps').fill('Network meeting');
  await page.getByLabel('Who is worried (statement 1)').fill('The school and children’s services');
  await page.getByLabel('What they are worried about (statement 1)').fill('Ava being left alone at night');
  await page.getByLabel('What might happen to the child (statement 1)').fill('Ava could be hurt with no one to help');
  await page.getByLabel('Safety goal for statement 1').fill('An adult is always at home with Ava overnight');
  await page.getByLabel('How long the safety must be shown (goal 1)').fill('for three months');
  // A third danger statement row, added with the form's own button (no JavaScript needed).
  await page.getByRole('button', { name: 'Add another danger statement' }).click();
  await page.getByLabel('Who is worried (statement 3)').waitFor();
  assert.equal(await page.getByLabel('Who is worried (statement 1)').inputValue(), 'The school and children’s services');
  await page.getByLabel('Who is worried (statement 2)').fill('The GP');
  await page.getByLabel('What they are worried about (statement 2)').fill('Ava missing meals');
  // Missing "what might happen": the error summary, with what was typed kept.
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await page.getByRole('alert').getByText('There is a problem').waitFor();
  violations.push(...(await axeViolations(page, 'mapping with errors')));
  await page.getByLabel('What might happen to the child (statement 2)').fill('Ava could become unwell');
  await page.getByLabel('Safety goal for statement 2').fill('Ava has three meals a day, checked by school and her aunt');
  await page.getByLabel('Bottom line 1', { exact: true }).fill('If Ava is left alone at night again, she will stay with her aunt while we make sure she is safe.');
  await Promise.all([page.waitForURL(/\/mappings\/\d+$/), page.getByRole('button', { name: 'Save mapping' }).click()]);
  const mappingUrl = page.url();
  violations.push(...(await axeViolations(page, 'mapping (draft)')));
  await page.getByRole('button', { name: 'Make the mapping final' }).click();
  await page.getByText('Mapping made final').waitFor();
  await page.getByText('1 of 1 bottom line not yet stated and shared with the family').first().waitFor();
  violations.push(...(await axeViolations(page, 'mapping (final, bottom line flagged)')));
  await screenshot(page, 'practice-mapping');

  // Three professionals scale it.
  await Promise.all([page.waitForURL(/scaling\/new/), page.getByRole('link', { name: 'Record scaling on this mapping' }).click()]);
  violations.push(...(await axeViolations(page, 'scaling form')));
  const people = [['Sam Walker', 'Social worker', 'Children’s services', '3'], ['Jo Reynolds', 'Designated safeguarding lead', 'School', '4'], ['Hana Ellis', 'School nurse', 'Health', '2']];
  for (const [i, [name, role, agency, score]] of people.entries()) {
    const n = i + 1;
    await page.getByLabel(`Name of person ${n}`).fill(name!);
    await page.getByLabel(`Role of person ${n}`).fill(role!);
    await page.getByLabel(`Agency of person ${n} (optional)`).fill(agency!);
    await page.getByLabel(`Score given by person ${n}`).selectOption(score!);
  }
  await page.getByLabel('Why person 1 gave this score (optional)').fill('Aunt now staying three nights a week');
  await Promise.all([page.waitForURL(/signs-of-safety/), page.getByRole('button', { name: 'Save scaling' }).click()]);
  await page.getByText('Scaling recorded for 3 people').waitFor();
  const table = page.getByRole('table', { name: /Scaling by date/ });
  await table.getByText('Hana Ellis (School nurse, Health): 2').waitFor();
  violations.push(...(await axeViolations(page, 'record with new scaling')));
  await screenshot(page, 'practice-chart');

  // The child's voice and a mapping meeting.
  await page.goto(`/children/${ava}/child-voice/new`);
  await page.getByLabel('Three Houses').check();
  await page.getByRole('group', { name: 'Was the child seen?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Was the child seen alone?' }).getByLabel('Yes').check();
  await page.getByLabel('House of worries').fill('Being on my own in the dark');
  violations.push(...(await axeViolations(page, 'child’s voice form')));
  await Promise.all([page.waitForURL(/child-voice\/\d+$/), page.getByRole('button', { name: 'Save' }).click()]);
  violations.push(...(await axeViolations(page, 'Three Houses')));

  await page.goto(`/children/${ava}/mapping-meetings/new`);
  await page.getByLabel('Multi-agency mapping meeting').check();
  await page.getByLabel('Name of attendee 1').fill('Sam Walker');
  await page.getByLabel('Role of attendee 1').fill('Social worker');
  await page.getByLabel('Agency of attendee 1').fill('Children’s services');
  await page.getByLabel('Score given by attendee 1 (optional)').selectOption('3');
  await page.getByLabel('Action 1', { exact: true }).fill('Aunt to stay every night for a month');
  await page.getByLabel('Owner of action 1').fill('Sam Walker');
  const due = new Date(Date.now() + 14 * 86_400_000);
  const dueGroup = page.getByRole('group', { name: 'Due date for action 1' });
  await dueGroup.getByLabel('Day').fill(String(due.getUTCDate()));
  await dueGroup.getByLabel('Month').fill(String(due.getUTCMonth() + 1));
  await dueGroup.getByLabel('Year').fill(String(due.getUTCFullYear()));
  violations.push(...(await axeViolations(page, 'mapping meeting form')));
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await page.waitForLoadState();
  assert.match(page.url(), /mapping-meetings\/\d+$/, (await page.locator('main').innerText()).slice(0, 600));
  await page.getByText('Aunt to stay every night for a month').waitFor();
  violations.push(...(await axeViolations(page, 'mapping meeting')));

  await page.goto(mappingUrl);
  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});
