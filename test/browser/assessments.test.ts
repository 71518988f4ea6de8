/**
 * The single assessment in a real browser, with axe on every page: a referral's episode → the worker asks for an
 * assessment → the manager gives guidance with a 20-day timescale → the task list → check answers → submit →
 * the manager authorises with outcome CIN plan → the plan starts and is reviewed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer } from './browser-support.js';
import { defaultCalendar, todayInLondon } from '../../src/time/index.js';
import { formatIsoDate } from '../../src/web/nunjucks-setup.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;
let personId = 0;
const today = todayInLondon();
const [y, m, d] = [today.slice(0, 4), String(Number(today.slice(5, 7))), String(Number(today.slice(8, 10)))];

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const db = server.app.handle.db;
  const used = (await db.selectFrom('cin_episodes').select('person_id').execute()).map((r) => r.person_id);
  let q = db.selectFrom('people').select('id').where('date_of_birth', '>', '2012-01-01').where('restricted', '=', false).where('merged_into_id', 'is', null);
  if (used.length) q = q.where('id', 'not in', used);
  personId = (await q.orderBy('id').executeTakeFirstOrThrow()).id;
  // A referral yesterday (a working day) opened the child's episode.
  const cal = defaultCalendar();
  let referral = today;
  do referral = new Date(Date.parse(referral) - 86400000).toISOString().slice(0, 10);
  while (!cal.isWorkingDay(referral));
  await db.insertInto('cin_episodes').values({ person_id: personId, contact_child_id: null, referral_date: referral, referral_source: '2A', primary_need_code: 'N1', start_date: referral, end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: null }).execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function fillDate(page: Page, prefix: string) {
  await page.locator(`#${prefix}-day`).fill(d);
  await page.locator(`#${prefix}-month`).fill(m);
  await page.locator(`#${prefix}-year`).fill(y);
}

test('assessment: guidance with a 20-day timescale → task list → check answers → submit → authorise → CIN plan and review, with axe', { skip: SKIP }, async () => {
  const worker = await openTab(browser!, server!.baseUrl);
  const manager = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  const w = worker.page;
  const mg = manager.page;
  await signIn(w, 'social.worker');
  await signIn(mg, 'team.manager');

  await w.goto(`/children/${personId}/assessments/new`);
  violations.push(...(await axeViolations(w, 'start an assessment')));
  await Promise.all([w.waitForURL(/\/assessments\/\d+$/), w.getByRole('button', { name: 'Ask a manager for guidance' }).click()]);
  const url = new URL(w.url()).pathname;
  assert.match((await w.locator('main').textContent()) ?? '', /Awaiting manager guidance/);
  violations.push(...(await axeViolations(w, 'assessment awaiting guidance')));
  assert.equal(await w.getByRole('link', { name: 'Analysis' }).count(), 0, 'no section can be opened before guidance');

  await mg.goto(url);
  await mg.getByRole('link', { name: 'Give guidance and set the timescale' }).click();
  violations.push(...(await axeViolations(mg, 'guidance form')));
  await mg.getByRole('button', { name: 'Give guidance and start the assessment' }).click();
  assert.match((await mg.locator('.govuk-error-summary').textContent()) ?? '', /Enter what the assessment should focus on/);
  violations.push(...(await axeViolations(mg, 'guidance form with errors')));
  await mg.getByLabel('What the assessment should focus on').fill('The children’s experience of the arguments at home; speak to dad.');
  await mg.getByLabel('20 working days').check();
  await Promise.all([mg.waitForURL((u) => u.pathname === url), mg.getByRole('button', { name: 'Give guidance and start the assessment' }).click()]);
  const due = defaultCalendar().addWorkingDays(today, 20);
  assert.match((await mg.locator('.govuk-notification-banner').textContent()) ?? '', new RegExp(`Due by ${formatIsoDate(due)}`));

  await w.goto(url);
  violations.push(...(await axeViolations(w, 'task list')));
  await w.getByRole('link', { name: 'The child’s voice and whether they were seen' }).click();
  await w.getByLabel('Seen alone').check();
  await fillDate(w, 'childSeenDate');
  await w.getByLabel('The child’s voice').fill('Told me about her three houses: worried about shouting, loves her gran.');
  violations.push(...(await axeViolations(w, 'child’s voice section')));
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Save and return to the assessment' }).click()]);

  await w.getByRole('link', { name: 'Absent parents and significant others' }).click();
  await w.locator('#name-1').fill('Dan Smith');
  await w.locator('#relationship-1').fill('Father');
  await w.locator('#absent-1').check();
  await w.locator('#contacted-1').check();
  await w.locator('#view-1').fill('Wants to see the children more.');
  violations.push(...(await axeViolations(w, 'others section')));
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Save and return to the assessment' }).click()]);

  await w.getByRole('link', { name: 'Risk and protective factors' }).click();
  await w.getByLabel('Risk factors: what are we worried about?').fill('Arguments late at night.');
  await w.getByLabel('Protective factors: what is working well?').fill('Gran visits daily.');
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Save and return to the assessment' }).click()]);

  await w.getByRole('link', { name: 'Assessment factors' }).click();
  await w.getByLabel('21: No factors identified').check();
  await w.getByLabel('3B: Domestic abuse: parent or carer is the subject').check();
  await w.getByRole('button', { name: 'Save and return to the assessment' }).click();
  assert.match((await w.locator('.govuk-error-summary').textContent()) ?? '', /cannot be selected with other factors/);
  violations.push(...(await axeViolations(w, 'factors with errors')));
  await w.getByLabel('21: No factors identified').uncheck();
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Save and return to the assessment' }).click()]);

  await w.getByRole('link', { name: 'Analysis' }).click();
  await w.getByLabel('Analysis').fill('The children need a plan of support around the arguments at home.');
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Save and return to the assessment' }).click()]);
  await w.getByRole('link', { name: 'Outcome' }).click();
  await w.getByLabel('Child in need plan').check();
  violations.push(...(await axeViolations(w, 'outcome section')));
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Save and return to the assessment' }).click()]);

  await w.getByRole('link', { name: 'Check answers and submit for authorisation' }).click();
  assert.match((await w.locator('main').textContent()) ?? '', /Dan Smith \(Father, absent parent\)/);
  violations.push(...(await axeViolations(w, 'check answers')));
  await screenshot(w, 'assessments-check-answers');
  await Promise.all([w.waitForURL((u) => u.pathname === url), w.getByRole('button', { name: 'Submit for authorisation' }).click()]);
  assert.match((await w.locator('main').textContent()) ?? '', /Submitted for authorisation/);

  await mg.goto(url);
  await mg.getByRole('button', { name: 'Authorise or return' }).click();
  violations.push(...(await axeViolations(mg, 'authorise')));
  await mg.getByLabel('Authorise the assessment').check();
  await mg.getByLabel('Your comments or challenge').fill('Good work; plan to include dad.');
  await Promise.all([mg.waitForURL((u) => u.pathname === url), mg.getByRole('button', { name: 'Save decision' }).click()]);
  assert.match((await mg.locator('main').textContent()) ?? '', /Good work; plan to include dad/);
  violations.push(...(await axeViolations(mg, 'authorised assessment')));

  await w.goto(url);
  await w.getByRole('button', { name: 'Start a child in need plan' }).click();
  violations.push(...(await axeViolations(w, 'start a CIN plan')));
  await Promise.all([w.waitForURL(/\/cin-plans\/\d+$/), w.getByRole('button', { name: 'Start the plan' }).click()]);
  await w.getByRole('button', { name: 'Record a review' }).click();
  await fillDate(w, 'reviewDate');
  await w.getByLabel('What the review decided').fill('Plan continues; dad now involved.');
  violations.push(...(await axeViolations(w, 'CIN plan review')));
  await Promise.all([w.waitForURL(/\/cin-plans\/\d+$/), w.getByRole('button', { name: 'Save review' }).click()]);
  assert.match((await w.locator('main').textContent()) ?? '', /Plan continues; dad now involved/);
  violations.push(...(await axeViolations(w, 'CIN plan')));
  await screenshot(w, 'assessments-cin-plan');

  assert.deepEqual([...worker.problems, ...manager.problems], []);
  assert.equal(report(violations), '');
  await worker.context.close();
  await manager.context.close();
});
