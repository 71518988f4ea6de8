/**
 * Screening tools, the out-of-hours handover queue and early help in a real browser, with axe on every
 * page (forms with and without errors): a DASH checklist refused then completed by keyboard-free clicks,
 * the level on the person page, a handover acknowledged, and an early help case stepped up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer } from './browser-support.js';
import { DASH_QUESTIONS } from '../../src/frontdoor/screening-tools.js';
import { inTransaction } from '../../src/db/transaction.js';

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

test('screening tools: exploitation and DASH forms, errors, the assessment, history and the person page pass axe', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'mash.worker');
  await page.goto(`/people/${childId}`);
  await page.getByRole('link', { name: 'Complete exploitation screening' }).click();
  violations.push(...(await axeViolations(page, 'exploitation form')));
  await page.getByLabel('Is carrying, holding or selling drugs for others, including county lines').check();
  await page.getByRole('button', { name: 'Save and work out the level' }).click();
  await page.waitForURL(/\/screening\/\d+$/);
  violations.push(...(await axeViolations(page, 'exploitation assessment')));
  assert.match(await page.locator('main').innerText(), /High/);

  await page.goto(`/people/${childId}/screening/domestic-abuse/new`);
  violations.push(...(await axeViolations(page, 'DASH form')));
  // Answer the first 13 questions "yes" and leave the rest: refused, with the error summary.
  for (const q of DASH_QUESTIONS.slice(0, 13)) await page.locator(`#q-${q.key}`).check();
  await page.getByRole('button', { name: 'Save and work out the level' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  violations.push(...(await axeViolations(page, 'DASH form with errors')));
  // The error summary's links lead to the unanswered questions; answers given were kept.
  assert.equal(await page.locator('.govuk-error-summary__list a').count(), 14);
  assert.ok(await page.locator(`#q-${DASH_QUESTIONS[0]!.key}`).isChecked());
  for (const q of DASH_QUESTIONS.slice(13)) await page.locator(`#q-${q.key}-2`).check();
  await page.getByRole('button', { name: 'Save and work out the level' }).click();
  await page.waitForURL(/\/screening\/\d+$/);
  assert.match(await page.locator('main').innerText(), /Medium/);
  await page.getByRole('link', { name: 'Screening history' }).click();
  violations.push(...(await axeViolations(page, 'screening history')));
  await page.goto(`/people/${childId}`);
  const person = await page.locator('main').innerText();
  assert.match(person, /Child exploitation screening: High/);
  assert.match(person, /Domestic abuse risk checklist: Medium/);
  violations.push(...(await axeViolations(page, 'person page with screening levels')));
  await screenshot(page, 'screening-person-levels');
  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});

test('handover queue and history pass axe; acknowledging moves the item', { skip: SKIP }, async () => {
  const db = server!.app.handle.db;
  const edt = await server!.app.services.users.currentUser((await db.selectFrom('users').select('id').where('username', '=', 'edt.worker').executeTakeFirstOrThrow()).id);
  const ctx = { requestId: 'browser-edt', ip: '127.0.0.1', user: edt! };
  // The demo's own overnight handover would be a second item on the queue: start from none.
  await db.deleteFrom('handover_items').execute();
  await inTransaction(db, async (tx) => {
    const contactId = await server!.app.services.contacts.create(ctx, {
      receivedAt: new Date(Date.now() - 3600_000), method: 'phone', origin: 'edt', sourceCode: '6',
      referrer: { anonymous: false, name: 'PC Night', organisation: 'Demo Police', role: 'Officer', phone: '', email: '', address: '' },
      whatHappened: 'Child found alone overnight; placed with an aunt', referrerWorries: '', referrerActions: '', childViews: '', familyViews: '', parentsAware: 'unknown', consent: 'not_sought',
      consentOverrideReason: 'Out of hours, parents not reachable', childIds: [childId], adults: [], edtActions: 'Placed with an aunt overnight',
    }, tx);
    assert.ok(contactId > 0);
  });
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'mash.manager');
  await page.goto('/frontdoor/handover');
  violations.push(...(await axeViolations(page, 'handover queue')));
  await page.getByLabel('Note (optional)').fill('Screening this morning');
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('.govuk-notification-banner').waitFor();
  assert.match(await page.locator('main').innerText(), /Nothing is waiting/);
  violations.push(...(await axeViolations(page, 'empty handover queue')));
  await page.getByRole('link', { name: 'Acknowledged handovers' }).click();
  assert.match(await page.locator('main').innerText(), /Screening this morning/);
  violations.push(...(await axeViolations(page, 'acknowledged handovers')));
  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});

test('early help: list, episode, close form and step-up (with errors) pass axe; step-up ends the episode', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'early.help');
  await page.getByRole('link', { name: 'Early help' }).first().click();
  violations.push(...(await axeViolations(page, 'early help list')));
  await page.locator('main table a').first().click();
  violations.push(...(await axeViolations(page, 'episode')));
  const episodeUrl = page.url();
  await page.getByRole('link', { name: 'Close the episode' }).click();
  violations.push(...(await axeViolations(page, 'close form')));
  await page.goto(episodeUrl);
  await page.getByRole('link', { name: 'Step up to the front door' }).click();
  violations.push(...(await axeViolations(page, 'step-up form')));
  await page.getByRole('button', { name: 'Step up to the front door' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  violations.push(...(await axeViolations(page, 'step-up form with errors')));
  await page.getByLabel('What has changed, and why has the risk risen?').fill('New partner with a history of violence has moved in.');
  await page.getByLabel('What are you worried will happen to the child?').fill('Physical harm');
  await page.getByLabel('What has early help done with the family?').fill('Parenting programme');
  await page.getByLabel('The child’s views').fill('Scared of him');
  await page.getByRole('group', { name: 'Do the parents know about this step-up?' }).getByLabel('Yes').check();
  await page.getByLabel('Parents agree to the referral and to information being shared').check();
  await page.getByLabel('Email to the front door').check();
  await page.getByRole('button', { name: 'Step up to the front door' }).click();
  await page.waitForURL(episodeUrl);
  assert.match(await page.locator('main').innerText(), /Stepped up to the front door on/);
  violations.push(...(await axeViolations(page, 'stepped-up episode')));
  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});
