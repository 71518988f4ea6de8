/**
 * The front door in a real browser, with axe on every page: a school contact about two siblings recorded
 * search-first → RAG → recommendations → the manager challenges one and decides both (strategy discussion for one,
 * early help for the other) → feedback to the referrer → closed; an anonymous contact → NFA; an EDT contact
 * → on the MASH's morning handover.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
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

async function startContact(page: Page) {
  await page.goto('/frontdoor');
  await Promise.all([page.waitForURL(/\/frontdoor\/drafts\/\d+$/), page.getByRole('button', { name: 'Record a contact' }).click()]);
}

async function findAndAdd(page: Page, query: string, name: string, as: 'child' | 'adult') {
  await page.getByLabel('Find a child or adult').fill(query);
  await Promise.all([page.waitForURL(/#people$/), page.getByRole('button', { name: 'Find', exact: true }).click()]);
  await Promise.all([page.waitForURL(/#people$/), page.getByRole('button', { name: `Add ${name} as ${as}` }).click()]);
}

async function fillReferrer(page: Page) {
  await page.getByLabel('Time received').fill('00:01');
  await page.getByLabel('Email', { exact: true }).check();
  await page.getByLabel('Referral source').selectOption('2A');
  await page.getByLabel('Referrer’s name').fill('Jo Teacher');
  await page.getByLabel('Organisation (optional)').fill('Brackenbury Primary School');
  await page.getByLabel('Email (optional)').fill('dsl@brackenbury.example');
}

test('school contact about two siblings → challenge → strategy discussion and early help → feedback → closed, with axe', { skip: SKIP }, async () => {
  const worker = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  const page = worker.page;
  await signIn(page, 'mash.worker');
  await page.getByRole('link', { name: 'Front door' }).first().click();
  violations.push(...(await axeViolations(page, 'MASH queue')));
  await screenshot(page, 'frontdoor-tray');
  await startContact(page);
  violations.push(...(await axeViolations(page, 'new contact')));
  await findAndAdd(page, 'Amy Patel', 'Amy Patel', 'child');
  violations.push(...(await axeViolations(page, 'contact: search results')));
  await findAndAdd(page, 'Ava Patel 2016', 'Ava Patel', 'child');
  await findAndAdd(page, 'Priya Patel', 'Priya Patel', 'adult');
  await page.getByLabel('How Priya Patel is involved').fill('Mother');
  await fillReferrer(page);
  await page.getByLabel('What happened', { exact: true }).fill('Amy said her dad grabbed her arm; a bruise was seen. Ava was withdrawn.');
  // A failed submit shows the errors and keeps what was typed.
  await page.getByRole('button', { name: 'Record contact' }).click();
  await page.getByText('There is a problem').waitFor();
  violations.push(...(await axeViolations(page, 'contact: errors')));
  assert.equal(await page.getByLabel('What happened', { exact: true }).inputValue(), 'Amy said her dad grabbed her arm; a bruise was seen. Ava was withdrawn.');
  await page.locator('#parentsAware-2').check();
  await page.getByLabel('Consent has not been sought').check();
  await page.getByLabel('Reason to proceed without consent').fill('Asking the parents first could place the children at risk.');
  await screenshot(page, 'frontdoor-contact-form');
  await Promise.all([page.waitForURL(/\/frontdoor\/contacts\/\d+$/), page.getByRole('button', { name: 'Record contact' }).click()]);
  const contactUrl = page.url();
  violations.push(...(await axeViolations(page, 'contact page')));

  await page.getByRole('link', { name: 'Give a RAG rating' }).click();
  await page.getByLabel('Red').check();
  await page.getByLabel('Why this rating').fill('A disclosure of physical harm today.');
  violations.push(...(await axeViolations(page, 'RAG')));
  await Promise.all([page.waitForURL(contactUrl), page.getByRole('button', { name: 'Save rating' }).click()]);

  // Information from police and health, about Amy and Ava only (not their mother).
  await page.getByRole('link', { name: 'Send a request for information to a partner agency' }).click();
  await page.getByLabel('Police').check();
  await page.getByLabel('Health', { exact: true }).check();
  await page.getByLabel('Priya Patel').uncheck();
  await page.getByLabel('What do you need to know?').fill('Any police call-outs or health concerns for this family in the last 12 months?');
  violations.push(...(await axeViolations(page, 'send partner request')));
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByText('Police').first().waitFor();
  const contactId = /contacts\/(\d+)/.exec(contactUrl)![1];
  for (const [username, answer] of [['police.partner', 'Two domestic incidents at the address in October; father arrested once.'], ['health.partner', 'Health visitor noted Ava missed two appointments.']] as const) {
    const partner = await openTab(browser!, server!.baseUrl);
    await signIn(partner.page, username);
    await partner.page.getByRole('link', { name: 'Information requests' }).first().click();
    violations.push(...(await axeViolations(partner.page, `${username} inbox`)));
    const inbox = await partner.page.locator('main').innerText();
    assert.ok(!inbox.includes('Jo Teacher'), 'partners do not see the referrer');
    const agency = username === 'police.partner' ? 'police' : 'health';
    const req = await server!.app.handle.db.selectFrom('partner_requests').select('id').where('contact_id', '=', Number(contactId)).where('agency', '=', agency).executeTakeFirstOrThrow();
    await partner.page.locator(`a[href="/partner/requests/${req.id}"]`).first().click();
    const seen = await partner.page.locator('main').innerText();
    assert.match(seen, /Amy Patel/);
    assert.ok(!seen.includes('Priya Patel'), 'the mother was not in the request');
    assert.ok(!seen.includes('grabbed her arm'), 'partners do not see what the referrer said');
    violations.push(...(await axeViolations(partner.page, `${username} request`)));
    await partner.page.getByLabel('Answer', { exact: true }).fill(answer);
    await partner.page.getByRole('button', { name: 'Send answer' }).click();
    await partner.page.locator('.govuk-notification-banner').waitFor();
    worker.problems.push(...partner.problems);
    await partner.context.close();
  }
  await page.goto(contactUrl);
  const answers = await page.locator('#partner-requests').innerText();
  assert.match(answers, /Two domestic incidents at the address in October/);
  assert.match(answers, /Health visitor noted Ava missed two appointments/);
  assert.ok(contactId);

  await page.getByRole('link', { name: 'Recommend an outcome for Amy' }).click();
  await page.getByLabel('Strategy discussion (reasonable cause to suspect significant harm)').check();
  await page.getByLabel('Rationale').fill('Disclosure of physical abuse by father, with a visible injury.');
  violations.push(...(await axeViolations(page, 'recommendation')));
  await Promise.all([page.waitForURL(/#child-\d+$/), page.getByRole('button', { name: 'Send to manager' }).click()]);
  await page.getByRole('link', { name: 'Recommend an outcome for Ava' }).click();
  await page.getByLabel('No further action').check();
  await page.getByLabel('Rationale').fill('No direct concern for Ava.');
  await Promise.all([page.waitForURL(/#child-\d+$/), page.getByRole('button', { name: 'Send to manager' }).click()]);

  const manager = await openTab(browser!, server!.baseUrl);
  const mpage = manager.page;
  await signIn(mpage, 'mash.manager');
  await mpage.goto('/frontdoor?tray=decision');
  violations.push(...(await axeViolations(mpage, 'awaiting decision tray')));
  await mpage.goto(contactUrl);
  await mpage.getByRole('link', { name: 'Challenge the recommendation for Ava' }).click();
  await mpage.getByLabel('Your challenge').fill('Ava lives in the same home: should the family have early help?');
  violations.push(...(await axeViolations(mpage, 'challenge')));
  await Promise.all([mpage.waitForURL(/#child-\d+$/), mpage.getByRole('button', { name: 'Send challenge' }).click()]);

  await page.goto(contactUrl);
  await page.getByRole('link', { name: 'Respond to challenge about Ava' }).click();
  await page.getByLabel('Your response to the challenge').fill('Agreed: the family needs support.');
  await page.getByLabel('Change my recommendation').check();
  await page.getByLabel('Step down to early help').check();
  await page.getByLabel('Receiving early help team').selectOption({ label: 'Early Help' });
  await page.getByLabel('Analysis for stepping down').fill('Parenting support and liaison with school.');
  await page.getByLabel('Rationale').fill('Ava is affected by the same home conditions.');
  violations.push(...(await axeViolations(page, 'respond to challenge')));
  await Promise.all([page.waitForURL(/#child-\d+$/), page.getByRole('button', { name: 'Send response' }).click()]);

  await mpage.goto(contactUrl);
  await mpage.getByRole('link', { name: 'Decide for Amy' }).click();
  await mpage.getByLabel('Strategy discussion (reasonable cause to suspect significant harm)').check();
  await mpage.getByLabel('Primary need (CIN census)').selectOption('N1');
  await mpage.getByLabel('Rationale').fill('Reasonable cause to suspect significant harm.');
  violations.push(...(await axeViolations(mpage, 'decision')));
  await Promise.all([mpage.waitForURL(/#child-\d+$/), mpage.getByRole('button', { name: 'Record decision' }).click()]);
  await mpage.getByRole('link', { name: 'Decide for Ava' }).click();
  assert.equal(await mpage.getByLabel('Step down to early help').isChecked(), true, 'the recommendation is pre-selected');
  await mpage.getByLabel('Rationale').fill('Agree with the step-down.');
  await Promise.all([mpage.waitForURL(/#child-\d+$/), mpage.getByRole('button', { name: 'Record decision' }).click()]);
  await screenshot(mpage, 'frontdoor-contact-decided');

  await page.goto(contactUrl);
  await page.getByRole('link', { name: 'Write feedback' }).click();
  const letter = await page.getByLabel('Feedback', { exact: true }).inputValue();
  assert.match(letter, /Amy Patel: we are holding a strategy discussion/);
  assert.match(letter, /Ava Patel: we have asked our early help service/);
  violations.push(...(await axeViolations(page, 'feedback')));
  await Promise.all([page.waitForURL(/#feedback$/), page.getByRole('button', { name: 'Record as sent' }).click()]);
  await Promise.all([page.waitForURL(contactUrl), page.getByRole('button', { name: 'Close contact' }).click()]);
  await page.getByText('Contact closed').waitFor();
  violations.push(...(await axeViolations(page, 'closed contact')));
  await screenshot(page, 'frontdoor-contact-closed');

  assert.deepEqual([...worker.problems, ...manager.problems], []);
  assert.equal(violations.length, 0, report(violations));
  await worker.context.close();
  await manager.context.close();
});

test('an anonymous contact → no further action → closed without feedback', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  await signIn(page, 'mash.worker');
  await startContact(page);
  await findAndAdd(page, 'Dev Patel', 'Dev Patel', 'child');
  await page.getByLabel('Time received').fill('00:02');
  await page.locator('#referrerAnonymous-2').check();
  await page.getByLabel('What happened', { exact: true }).fill('A caller said a small child was crying in the garden for an hour.');
  await page.getByLabel('Not known').check();
  await page.getByLabel('Consent has not been sought').check();
  await page.getByLabel('Reason to proceed without consent').fill('Anonymous caller; proportionate checks only.');
  await Promise.all([page.waitForURL(/\/frontdoor\/contacts\/\d+$/), page.getByRole('button', { name: 'Record contact' }).click()]);
  const url = page.url();
  await page.getByRole('link', { name: 'Recommend an outcome for Dev' }).click();
  await page.getByLabel('No further action').check();
  await page.getByLabel('Rationale').fill('Health visitor saw Dev last week; no concerns.');
  await Promise.all([page.waitForURL(/#child-\d+$/), page.getByRole('button', { name: 'Send to manager' }).click()]);
  const m = await openTab(browser!, server!.baseUrl);
  await signIn(m.page, 'mash.manager');
  await m.page.goto(url);
  await m.page.getByRole('link', { name: 'Decide for Dev' }).click();
  await m.page.getByLabel('Rationale').fill('Agreed.');
  await Promise.all([m.page.waitForURL(/#child-\d+$/), m.page.getByRole('button', { name: 'Record decision' }).click()]);
  await page.goto(url);
  await page.getByText('The referrer is anonymous: no feedback can be sent.').waitFor();
  await Promise.all([page.waitForURL(url), page.getByRole('button', { name: 'Close contact' }).click()]);
  await page.getByText('Contact closed').waitFor();
  assert.deepEqual([...problems, ...m.problems], []);
  await context.close();
  await m.context.close();
});

test('an EDT contact at night appears on the MASH morning handover', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'edt.worker');
  await startContact(page);
  await findAndAdd(page, 'Amy Patel', 'Amy Patel', 'child');
  await page.getByLabel('Time received').fill('00:03');
  await page.getByLabel('Referral source').selectOption('6');
  await page.getByLabel('Referrer’s name').fill('PC Reid');
  await page.getByLabel('What happened', { exact: true }).fill('Police called: domestic incident, father arrested.');
  await page.getByLabel('What the emergency duty team did').fill('Visited with police; children with grandmother overnight.');
  await page.getByLabel('Yes', { exact: true }).nth(1).check();
  await page.getByLabel('Parents agree to the referral and to information being shared').check();
  violations.push(...(await axeViolations(page, 'EDT contact form')));
  await Promise.all([page.waitForURL(/\/frontdoor\/contacts\/\d+$/), page.getByRole('button', { name: 'Record contact' }).click()]);
  const id = /contacts\/(\d+)/.exec(page.url())![1];
  await page.getByText('It is on the MASH’s morning handover queue.').waitFor();
  const m = await openTab(browser!, server!.baseUrl);
  await signIn(m.page, 'mash.worker');
  await m.page.goto('/frontdoor?tray=handover');
  await m.page.getByRole('link', { name: `Contact ${id}` }).waitFor();
  violations.push(...(await axeViolations(m.page, 'handover tray')));
  assert.deepEqual([...problems, ...m.problems], []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
  await m.context.close();
});
