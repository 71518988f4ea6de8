/**
 * Allegations (designated officer) in a real browser, with axe on every page: the done-when journey from a school
 * referral about a teacher to closure, and the refusals that keep the rationale and the support answer from being missed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer } from './browser-support.js';
import { todayInLondon } from '../../src/time/index.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;
let childId = 0;

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const child = await server.app.handle.db.selectFrom('people').select('id').where('date_of_birth', '>', '2012-01-01').where('restricted', '=', false).orderBy('id').executeTakeFirstOrThrow();
  childId = child.id;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const today = todayInLondon();
const [y, m, d] = [today.slice(0, 4), String(Number(today.slice(5, 7))), String(Number(today.slice(8, 10)))];

async function fillDate(page: Page, prefix: string) {
  await page.locator(`#${prefix}-day`).fill(d);
  await page.locator(`#${prefix}-month`).fill(m);
  await page.locator(`#${prefix}-year`).fill(y);
}

test('school referral about a teacher → consideration → meetings → outcome unsubstantiated → closure, with axe', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'lado');
  await page.getByRole('link', { name: 'Allegations' }).first().click();
  violations.push(...(await axeViolations(page, 'work tray')));
  await page.getByRole('button', { name: 'New referral' }).click();
  violations.push(...(await axeViolations(page, 'new referral: find the child')));

  await page.goto(`/allegations/new?children=${childId}`);
  await page.getByLabel('Time received').fill('00:01');
  await page.getByLabel('Referrer’s name').fill('Jo Head');
  await page.getByLabel('Referrer’s organisation').fill('Riverside Primary School');
  await page.getByLabel('Referrer’s sector').selectOption('education');
  await page.getByLabel('Given names').fill('Alan');
  await page.getByLabel('Family name').fill('Teacherson');
  await page.getByLabel('Employer or organisation', { exact: true }).fill('Riverside Primary School');
  await page.getByLabel('Employer type').selectOption('education');
  await page.getByLabel('Employer’s designated safeguarding lead', { exact: true }).fill('Jo Head');
  await page.getByLabel('Their role').fill('Class teacher');
  await page.locator('#subjectEngagement').check();
  await page.getByLabel('What is alleged').fill('Pushed a pupil against a wall.');
  await page.getByLabel('Physical abuse').check();
  await page.locator('#policeInvolved').check();
  violations.push(...(await axeViolations(page, 'new referral form')));
  await Promise.all([page.waitForURL(/\/allegations\/\d+$/), page.getByRole('button', { name: 'Record referral' }).click()]);
  const caseUrl = page.url();
  violations.push(...(await axeViolations(page, 'case page')));

  await page.getByRole('link', { name: 'Initial consideration' }).click();
  await page.getByLabel('Meets the threshold: may have harmed a child').check();
  await page.getByLabel('Rationale for the decision').fill('A pupil was hurt.');
  await page.getByRole('button', { name: 'Save initial consideration' }).click();
  await page.waitForURL(caseUrl);

  await page.getByRole('link', { name: 'Allegation management meeting' }).click();
  await page.getByLabel('Chair').fill('Lee Adeyemi');
  await page.getByLabel('Police: attendance').selectOption('attended');
  await page.getByLabel('Key issues discussed').fill('The pupil’s account and CCTV.');
  await page.getByLabel('Decision 1', { exact: true }).fill('Police lead the investigation.');
  await page.getByLabel('Rationale for decision 1').fill('Possible assault.');
  await page.getByLabel('Decision 2 (optional)').fill('Teacher off timetable.');
  await page.getByLabel('Action 1', { exact: true }).fill('Secure CCTV');
  await page.getByLabel('Owner of action 1').fill('Jo Head');
  await fillDate(page, 'due-1');
  // No rationale for decision 2 and no support answer: refused, nothing lost.
  await page.getByRole('button', { name: 'Save meeting' }).click();
  const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
  assert.match(summary, /Enter the rationale for decision 2/);
  assert.match(summary, /Answer whether support has been identified/);
  assert.equal(await page.getByLabel('Decision 2 (optional)').inputValue(), 'Teacher off timetable.');
  assert.equal(await page.getByLabel('Key issues discussed').inputValue(), 'The pupil’s account and CCTV.');
  violations.push(...(await axeViolations(page, 'meeting form with errors')));
  await screenshot(page, 'allegations-meeting-errors');
  await page.getByLabel('Rationale for decision 2').fill('Protects pupils while police investigate.');
  await page.getByLabel('Yes, support has been identified').check();
  await page.getByLabel('If yes: who provides the support, and what it is').fill('Union representative');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await page.waitForURL(/\/allegations\/\d+#meetings$/);

  await page.getByRole('link', { name: 'Review meeting' }).click();
  await page.getByLabel('Chair').fill('Lee Adeyemi');
  await page.getByLabel('Key issues discussed').fill('Police took no further action.');
  await page.getByLabel('Decision 1', { exact: true }).fill('Employer to conclude its investigation.');
  await page.getByLabel('Rationale for decision 1').fill('No criminal case.');
  await page.getByLabel('No support is needed', { exact: true }).check();
  await page.getByLabel('If no: why no support is needed').fill('Returned to work.');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await page.waitForURL(/\/allegations\/\d+#meetings$/);

  await page.goto(`${caseUrl}/outcome`);
  await page.getByLabel('Unsubstantiated', { exact: true }).check();
  await page.getByLabel('Referral to the Disclosure and Barring Service or a regulator').selectOption('none');
  await page.getByLabel('What is retained on the person’s file').fill('Outcome letter.');
  await page.getByLabel('Summary for employers’ references').fill('Unsubstantiated allegation.');
  violations.push(...(await axeViolations(page, 'outcome form')));
  await page.getByRole('button', { name: 'Save outcome' }).click();
  await page.waitForURL(caseUrl);
  while ((await page.getByRole('button', { name: /Mark as done/ }).count()) > 0) {
    await Promise.all([page.waitForURL(/#actions$/), page.getByRole('button', { name: /Mark as done/ }).first().click()]);
  }
  await page.goto(`${caseUrl}/close`);
  violations.push(...(await axeViolations(page, 'close form')));
  await page.getByRole('button', { name: 'Close case' }).click();
  await page.waitForURL(caseUrl);
  assert.match((await page.locator('main').textContent()) ?? '', /Closed on/);
  violations.push(...(await axeViolations(page, 'closed case')));
  await screenshot(page, 'allegations-closed-case');

  await page.goto('/allegations/report');
  violations.push(...(await axeViolations(page, 'annual report')));
  await screenshot(page, 'allegations-report');
  assert.deepEqual(problems, []);
  assert.equal(report(violations), '');
  await context.close();
});
