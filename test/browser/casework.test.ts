/**
 * The child's case record in a real browser, with axe on every page (forms with and without errors): the work
 * trays, the record, allocating an unallocated episode, a visit note refused then saved, and the chronology with
 * a significant entry and its print button.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { CLOCK_SOURCES } from '../../src/casework/clock-sources.js';
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

test('casework: trays, allocation, the record, a note and the chronology pass axe', { skip: SKIP }, async () => {
  const db = server!.app.handle.db;
  const ep = await db.selectFrom('cin_episodes').select(['id', 'person_id']).where('status', '=', 'open').where('worker_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];

  await signIn(page, 'team.manager');
  await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Cases' }).click();
  await page.waitForURL(/\/casework$/);
  violations.push(...(await axeViolations(page, 'manager trays')));
  await page.goto(`/casework/episodes/${ep.id}/allocate`);
  violations.push(...(await axeViolations(page, 'allocation form')));
  await page.getByRole('button', { name: 'Allocate' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  violations.push(...(await axeViolations(page, 'allocation form with errors')));
  await page.getByLabel('Team').selectOption({ label: 'Assessment' });
  await page.getByLabel('Worker').selectOption({ index: [...(await page.getByLabel('Worker').locator('option').allInnerTexts())].findIndex((o) => o.startsWith('Sam Walker')) });
  await page.getByLabel('Reason').fill('Allocated for a single assessment');
  await page.getByRole('button', { name: 'Allocate' }).click();
  await page.waitForURL(new RegExp(`/children/${ep.person_id}`));
  assert.match(await page.locator('#current-status').innerText(), /Allocated to Sam Walker \(Assessment\)/);
  violations.push(...(await axeViolations(page, 'case record (manager)')));
  await page.goto(`/casework/episodes/${ep.id}/close`);
  violations.push(...(await axeViolations(page, 'closure form')));
  await page.goto(`/children/${ep.person_id}/oversight/new`);
  violations.push(...(await axeViolations(page, 'oversight form')));
  await context.clearCookies();

  await signIn(page, 'social.worker');
  await page.goto('/casework');
  violations.push(...(await axeViolations(page, 'worker trays')));
  await page.goto(`/children/${ep.person_id}`);
  await page.getByRole('link', { name: 'Add a case note' }).first().click();
  violations.push(...(await axeViolations(page, 'note form')));
  await page.getByLabel('Visit').check();
  await page.getByRole('button', { name: 'Save and finish' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  violations.push(...(await axeViolations(page, 'note form with errors')));
  await page.getByLabel('Summary').fill('Home visit after school');
  await page.getByLabel('Note', { exact: true }).fill('Saw the child alone in their room; they talked about school.');
  await page.locator('#childSeen').check();
  await page.locator('#childSeenAlone').check();
  await page.getByRole('button', { name: 'Save and finish' }).click();
  await page.waitForURL(new RegExp(`/children/${ep.person_id}`));
  await page.getByRole('link', { name: 'Home visit after school' }).click();
  violations.push(...(await axeViolations(page, 'note page')));
  await page.getByRole('link', { name: 'Delete this note' }).click();
  violations.push(...(await axeViolations(page, 'note deletion form')));

  await page.goto(`/children/${ep.person_id}/chronology`);
  violations.push(...(await axeViolations(page, 'chronology')));
  assert.ok(await page.getByRole('button', { name: 'Print the chronology' }).isVisible(), 'the print button shows with JavaScript');
  await page.getByRole('link', { name: /^Mark as significant/ }).first().click();
  await page.getByRole('button', { name: 'Mark as significant' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  violations.push(...(await axeViolations(page, 'chronology mark with errors')));
  await page.getByLabel(/Why is this significant/).fill('The first contact: the worries start here.');
  await page.getByRole('button', { name: 'Mark as significant' }).click();
  await page.waitForURL(/\/chronology/);
  await page.getByLabel('Significant entries only').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  assert.match(await page.locator('#chronology-count').innerText(), /Showing 1 of/);
  violations.push(...(await axeViolations(page, 'chronology filtered')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false, 'printing hides the navigation');
  await screenshot(page, 'casework-chronology-print');
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});

test('casework: a record, tray and closure form with an open (overdue) clock pass axe', { skip: SKIP }, async () => {
  const db = server!.app.handle.db;
  const ep = await db.selectFrom('cin_episodes').select(['id', 'person_id']).where('status', '=', 'open').where('worker_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  CLOCK_SOURCES.push(async (_db, query, calendar, today) => {
    if (query.personIds && !query.personIds.includes(ep.person_id)) return [];
    const due = calendar.addWorkingDays('2026-04-01', 3);
    const r = calendar.clockStatusForDueDate('2026-04-01', due, today, null, { dueSoonThreshold: 2 });
    return [{ label: 'Assessment to be authorised', dueDate: due, status: r.status, workingDaysLeft: r.workingDaysRemaining, href: `/children/${ep.person_id}`, personId: ep.person_id, episodeId: ep.id, workerId: null, teamId: null }];
  });
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  try {
    await signIn(page, 'team.manager');
    await page.goto(`/children/${ep.person_id}`);
    assert.match(await page.locator('#clocks + table, #clocks ~ table').first().innerText(), /Assessment to be authorised/);
    violations.push(...(await axeViolations(page, 'record with a clock')));
    await page.goto('/casework');
    violations.push(...(await axeViolations(page, 'trays with a clock')));
    await page.goto(`/casework/episodes/${ep.id}/close`);
    violations.push(...(await axeViolations(page, 'closure form with an open clock')));
    await page.getByLabel(/RC8/).check();
    await page.getByRole('button', { name: 'Close episode' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    violations.push(...(await axeViolations(page, 'closure refused until confirmed')));
    await screenshot(page, 'casework-close-open-clock');
  } finally {
    CLOCK_SOURCES.length = 0;
  }
  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});
