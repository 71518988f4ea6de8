/**
 * The person index in a real browser, with axe on every page: search, add after searching,
 * the person page with its family diagram, restricted matches.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer } from './browser-support.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;
let williamId = 0;

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const people = server.app.services.people;
  williamId = await people.create(SYSTEM_CONTEXT, { givenNames: 'William', familyName: 'Smith', dateOfBirth: '2015-03-02', sex: 'M', nhsNumber: '9434765919', address: { line1: '4 Mill Lane', town: 'Demo Town', postcode: 'DE1 3AB' } });
  const mum = await people.create(SYSTEM_CONTEXT, { givenNames: 'Grace', familyName: 'Smith', dateOfBirth: '1988-07-11', sex: 'F' });
  const sister = await people.create(SYSTEM_CONTEXT, { givenNames: 'Lily', familyName: 'Smith', dateOfBirth: '2018-10-20', sex: 'F' });
  await people.addRelationship(SYSTEM_CONTEXT, mum, williamId, 'mother', null);
  await people.addRelationship(SYSTEM_CONTEXT, mum, sister, 'mother', null);
  await people.addRelationship(SYSTEM_CONTEXT, sister, williamId, 'sibling', null);
  await people.addWarning(SYSTEM_CONTEXT, williamId, 'do_not_disclose_address', 'Do not share the address with the father', '2030-06-30');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('find a person: "Bill Smyth 03/02/2015" finds William Smith with the reasons, and the page passes axe', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'mash.worker');
  await page.getByRole('link', { name: 'Find a person' }).first().click();
  violations.push(...(await axeViolations(page, 'find a person')));
  await page.getByLabel('Name, date of birth, postcode, NHS number or UPN').fill('Bill Smyth 03/02/2015');
  await Promise.all([page.waitForURL(/\/people\?/), page.getByRole('button', { name: 'Search' }).click()]);
  assert.match((await page.locator('#results').textContent()) ?? '', /1 person found|\d+ people found/);
  // The demo council has its own William Smith and Bill Smyth: find this test's record (at 4 Mill Lane).
  const first = page.locator('.app-result').filter({ hasText: '4 Mill Lane' }).first();
  assert.match((await first.textContent()) ?? '', /William Smith/);
  assert.match((await first.textContent()) ?? '', /Likely match/);
  assert.match((await first.textContent()) ?? '', /Do not share the address/);
  await first.getByText(/Why this matched/).click();
  assert.match((await first.textContent()) ?? '', /day and month swapped/);
  violations.push(...(await axeViolations(page, 'search results')));
  await screenshot(page, 'people-search-results');
  assert.deepEqual(problems, []);
  assert.equal(report(violations), '');
  await context.close();
});

test('add a new person only after searching; errors, then the new record', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  await signIn(page, 'edt.worker');
  await page.goto('/people/new');
  assert.match(page.url(), /\/people$/);
  assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Search first/);
  await page.getByLabel('Name, date of birth, postcode, NHS number or UPN').fill('Zara Okonkwo 14/6/2019');
  await Promise.all([page.waitForURL(/\/people\?/), page.getByRole('button', { name: 'Search' }).click()]);
  await Promise.all([page.waitForURL(/\/people\/new$/), page.getByRole('button', { name: 'Add a new person' }).click()]);
  assert.equal(await page.getByLabel('Given names').inputValue(), 'Zara');
  assert.equal(await page.getByLabel('Family name', { exact: true }).inputValue(), 'Okonkwo');
  assert.equal(await page.locator('#dateOfBirth-year').inputValue(), '2019');
  violations.push(...(await axeViolations(page, 'add a person')));
  await page.getByLabel('Given names').fill('');
  await page.getByLabel('Postcode').fill('not a postcode');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
  assert.match(summary, /Enter the person’s given names/);
  assert.match(summary, /Select the person’s sex/);
  violations.push(...(await axeViolations(page, 'add a person with errors')));
  await screenshot(page, 'people-add-errors');
  await page.getByLabel('Given names').fill('Zara');
  await page.getByLabel('Female').check();
  await page.getByLabel('Address line 1').fill('9 Station Road');
  await page.getByLabel('Town or city').fill('Demo Town');
  await page.getByLabel('Postcode').fill('DE1 4AB');
  await Promise.all([page.waitForURL(/\/people\/\d+$/), page.getByRole('button', { name: 'Add person' }).click()]);
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Zara Okonkwo');
  violations.push(...(await axeViolations(page, 'new person page')));
  assert.deepEqual(problems, []);
  assert.equal(report(violations), '');
  await context.close();
});

test('the person page: warnings first, family diagram with an accessible alternative, history', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  await signIn(page, 'social.worker');
  await page.goto(`/people/${williamId}`);
  assert.match((await page.locator('.app-person-warning').first().textContent()) ?? '', /Do not disclose address/);
  const svg = page.locator('.app-genogram svg');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match((await svg.locator('desc').textContent()) ?? '', /Grace Smith/);
  const table = (await page.locator('#relationships ~ .govuk-table, #relationships + figure + .govuk-table').first().textContent()) ?? (await page.content());
  assert.match(table, /Mother/);
  assert.match(await page.content(), /Sister/);
  const violations = await axeViolations(page, 'person page');
  await screenshot(page, 'people-person-page');
  await page.goto(`/people/${williamId}/relationships/new?q=Lily+Smith`);
  violations.push(...(await axeViolations(page, 'add relationship')));
  await page.goto(`/people/${williamId}/address`);
  violations.push(...(await axeViolations(page, 'new address')));
  await page.goto(`/people/${williamId}/edit`);
  violations.push(...(await axeViolations(page, 'change details')));
  assert.deepEqual(problems, []);
  assert.equal(report(violations), '');
  await context.close();
});

test('managers: who has viewed the record, and restricting it', { skip: SKIP }, async () => {
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  await signIn(page, 'mash.manager');
  await page.goto(`/people/${williamId}`);
  await page.getByRole('link', { name: 'Who has viewed this record' }).click();
  assert.match(await page.content(), /Opened the record/);
  const violations = await axeViolations(page, 'viewers');
  await page.goto(`/people/${williamId}/restriction`);
  violations.push(...(await axeViolations(page, 'restriction form')));
  assert.deepEqual(problems, []);
  assert.equal(report(violations), '');
  await context.close();
});
