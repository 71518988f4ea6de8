/**
 * Child protection in a real browser, with axe on every page: strategy discussion → s47 → ICPC on day 12 →
 * plan (NEG) → core group on day 8 → visit → review conference.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, signOut, startServer, type BrowserServer } from './browser-support.js';
import { addCalendarDays, addCalendarMonths, defaultCalendar, todayInLondon } from '../../src/time/index.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;
let childId = 0;
const cal = defaultCalendar();
const today = todayInLondon();
function wdAgo(n: number) {
  let d = today;
  for (let c = 0; c < n; ) {
    d = addCalendarDays(d, -1);
    if (cal.isWorkingDay(d)) c++;
  }
  return d;
}

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const db = server.app.handle.db;
  const involved = (await db.selectFrom('cin_episodes').select('person_id').execute()).map((r) => r.person_id);
  const child = await db.selectFrom('people').select('id').where('date_of_birth', '>', '2014-01-01').where('restricted', '=', false).where('merged_into_id', 'is', null).where('id', 'not in', involved.length ? involved : [-1]).orderBy('id').executeTakeFirstOrThrow();
  childId = child.id;
  await db.insertInto('cin_episodes').values({ person_id: childId, contact_child_id: null, referral_date: wdAgo(90), referral_source: '2A', primary_need_code: 'N1', start_date: wdAgo(90), end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: null }).execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function fillDate(page: Page, prefix: string, iso: string) {
  await page.locator(`#${prefix}-day`).fill(String(Number(iso.slice(8, 10))));
  await page.locator(`#${prefix}-month`).fill(String(Number(iso.slice(5, 7))));
  await page.locator(`#${prefix}-year`).fill(iso.slice(0, 4));
}

async function attendee(page: Page, slot: number, agency: string, name: string, scaling?: string) {
  await page.locator(`#agency-${slot}`).selectOption(agency);
  await page.locator(`#name-${slot}`).fill(name);
  if (scaling !== undefined) await page.locator(`#scaling-${slot}`).fill(scaling);
}

test('strategy discussion → s47 → ICPC on day 12 → plan (NEG) → core group on day 8 → visit → review conference, with axe', { skip: SKIP }, async () => {
  const { page, problems } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  const sdOn = wdAgo(80);
  const icpcOn = cal.addWorkingDays(sdOn, 12);

  await signIn(page, 'social.worker');
  await page.goto(`/children/${childId}/protection`);
  violations.push(...(await axeViolations(page, 'child protection record')));
  await page.getByRole('button', { name: 'Record a strategy discussion' }).click();
  violations.push(...(await axeViolations(page, 'strategy discussion form')));
  // Submitted empty: the error summary, with axe.
  await page.locator('#agency-1').selectOption('');
  await page.locator('#agency-2').selectOption('');
  await page.locator('#agency-3').selectOption('');
  await page.getByRole('button', { name: 'Save strategy discussion' }).click();
  await page.getByText('There is a problem').waitFor();
  violations.push(...(await axeViolations(page, 'strategy discussion errors')));
  await fillDate(page, 'heldOn', sdOn);
  await attendee(page, 1, 'social_care', 'Sam Walker');
  await attendee(page, 2, 'police', 'DS Kerry Lund');
  await attendee(page, 3, 'health', 'Hana Ellis');
  await page.getByLabel('Information shared').fill('The child disclosed being hit with a belt.');
  await page.getByLabel('Section 47 enquiry: joint with the police').check();
  await page.locator('#action-1').fill('Police checks on the partner');
  await page.locator('#owner-1').fill('DS Kerry Lund');
  await fillDate(page, 'due-1', cal.addWorkingDays(sdOn, 2));
  await page.getByRole('button', { name: 'Save strategy discussion' }).click();

  await page.getByRole('heading', { name: 'Section 47 enquiry' }).waitFor();
  violations.push(...(await axeViolations(page, 's47 page')));
  await page.locator('#childSeen').check();
  await page.locator('#childSeenAlone').check();
  await fillDate(page, 'childSeenOn', cal.addWorkingDays(sdOn, 1));
  await page.getByLabel('Findings').fill('Bruising consistent with the account.');
  await page.getByLabel(/likely to suffer significant harm: initial child protection conference/).check();
  await fillDate(page, 'completedOn', cal.addWorkingDays(sdOn, 6));
  await page.getByRole('button', { name: 'Save enquiry' }).click();
  await page.getByText('Section 47 enquiry saved').waitFor();
  const s47Url = page.url();
  await signOut(page);

  await signIn(page, 'iro');
  await page.goto(s47Url);
  await page.getByRole('button', { name: 'Record the initial conference' }).click();
  violations.push(...(await axeViolations(page, 'initial conference form')));
  await fillDate(page, 'heldOn', icpcOn);
  await attendee(page, 1, 'social_care', 'Sam Walker', '3');
  await attendee(page, 2, 'police', 'DS Kerry Lund', '2');
  await attendee(page, 3, 'health', 'Hana Ellis', '4');
  await page.getByLabel('Reports received').fill('Social work report; school report');
  await page.getByLabel('Child protection plan', { exact: true }).check();
  await page.getByLabel('NEG: Neglect').check();
  await page.getByRole('button', { name: 'Save conference' }).click();
  await page.getByRole('heading', { name: 'Child protection plan', level: 1 }).waitFor();
  violations.push(...(await axeViolations(page, 'plan page (chair)')));
  const planUrl = page.url();
  await signOut(page);

  await signIn(page, 'social.worker');
  await page.goto(s47Url);
  assert.match(await page.locator('main').innerText(), /working day 12 of 15/);
  await page.goto(planUrl);
  violations.push(...(await axeViolations(page, 'plan page')));
  await page.getByRole('button', { name: 'Record a core group' }).click();
  violations.push(...(await axeViolations(page, 'core group form')));
  await fillDate(page, 'heldOn', cal.addWorkingDays(icpcOn, 8));
  await page.locator('#name-1').fill('Sam Walker');
  await page.getByLabel('Notes and progress against the plan').fill('Plan agreed with the family.');
  await page.getByRole('button', { name: 'Save core group' }).click();
  await page.getByText('Core group recorded').waitFor();
  assert.match(await page.locator('main').innerText(), /the first was held on working day 8/);

  await page.getByRole('button', { name: 'Record a visit' }).click();
  violations.push(...(await axeViolations(page, 'visit form')));
  await fillDate(page, 'visitedOn', cal.addWorkingDays(icpcOn, 9));
  await page.locator('#seen').check();
  await page.locator('#seenAlone').check();
  await page.getByLabel('Notes').fill('Seen alone in their bedroom.');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await page.getByText('Visit recorded').waitFor();
  violations.push(...(await axeViolations(page, 'plan with a visit')));
  await signOut(page);

  await signIn(page, 'iro');
  await page.goto(planUrl);
  await page.getByRole('button', { name: 'Record a review conference' }).click();
  violations.push(...(await axeViolations(page, 'review conference form')));
  await fillDate(page, 'heldOn', addCalendarDays(addCalendarMonths(icpcOn, 3), -5));
  await attendee(page, 1, 'social_care', 'Sam Walker', '6');
  await page.getByLabel('Plan continues').check();
  await page.getByRole('button', { name: 'Save conference' }).click();
  await page.getByText('Review conference recorded').waitFor().catch(async (err) => {
    throw new Error(`${err}: ${(await page.locator('main').innerText()).slice(0, 800)}`);
  });
  const main = await page.locator('main').innerText();
  assert.match(main, /Review\s+Plan continues\s+NEG/);
  await screenshot(page, 'protection-plan-after-review');
  violations.push(...(await axeViolations(page, 'plan after review')));
  await signOut(page);

  await signIn(page, 'admin');
  await page.goto('/admin/settings/protection');
  violations.push(...(await axeViolations(page, 'visit frequency setting')));

  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
});
