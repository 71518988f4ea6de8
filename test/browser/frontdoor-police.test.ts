/**
 * Police notifications in a real browser, with axe on every page type: a CSV with a bad row imports nothing
 * and names the rows → the corrected file imports two domestic abuse notifications (one child matched at
 * import, one unknown) → the same file again adds nothing → the queue, filtered by date (a bad date is
 * reported) → the unknown child is added to the person index and linked from the notification's search →
 * today's screening meeting with attendees, a decision and an action per notification (a contact to the MASH
 * that shows on the MASH queue) → Operation Encompass notices to the school and the health visitor.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer } from './browser-support.js';
import { CSV_COLUMNS, londonDate } from '../../src/frontdoor/police-rules.js';
import { addCalendarDays, todayInLondon } from '../../src/time/index.js';
import { formatIsoDate } from '../../src/web/nunjucks-setup.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const csv = (rows: Row[]) => Buffer.from([CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(','))].join('\r\n') + '\r\n');

/** A demo child with one record and an uncommon family name: the police give their details as the record has them. */
let known: { id: number; given: string; family: string; dob: string; postcode: string };

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const r = await server.app.handle.db
    .selectFrom('people as p')
    .innerJoin('person_names as n', 'n.person_id', 'p.id')
    .innerJoin('person_addresses as a', 'a.person_id', 'p.id')
    .select(['p.id', 'n.given_names', 'n.family_name', 'p.date_of_birth', 'a.postcode'])
    .where('n.kind', '=', 'current')
    .where('a.to_date', 'is', null)
    .where('p.restricted', '=', false)
    .where('p.merged_into_id', 'is', null)
    .where('p.date_of_birth', '>', '2014-01-01')
    .where('n.family_name', 'not in', ['Khan', 'Patel', 'Smith', 'Smyth', 'Hussain'])
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  known = { id: Number(r.id), given: r.given_names.split(' ')[0]!, family: r.family_name, dob: String(r.date_of_birth), postcode: r.postcode ?? '' };
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const ddmmyyyy = (iso: string) => `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const parts = (iso: string) => ({ day: String(Number(iso.slice(8))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) });

async function fillDate(scope: ReturnType<Page['locator']>, iso: string) {
  const p = parts(iso);
  await scope.getByLabel('Day').fill(p.day);
  await scope.getByLabel('Month').fill(p.month);
  await scope.getByLabel('Year').fill(p.year);
}

test('police notification import → screening meeting → Operation Encompass notice, with axe', { skip: SKIP }, async () => {
  const db = server!.app.handle.db;
  const { page, problems, context } = await openTab(browser!, server!.baseUrl);
  const violations: string[] = [];
  const today = todayInLondon();
  // Received three days ago (a weekend's backlog, say), so they are the oldest on the queue and the meeting form.
  const stamp = Date.now();
  const received = new Date(stamp - 3 * 86400_000);
  const receivedOn = londonDate(received);
  const incident = new Date(received.getTime() - 5 * 3600_000).toISOString();
  const suffix = String(stamp).slice(-6);
  const refA = `BT-DA-${suffix}-A`;
  const refB = `BT-DA-${suffix}-B`;
  // The unknown child is four: the school (nursery) and the health visitor are both told.
  const unknownDob = addCalendarDays(today, -(4 * 365 + 120));
  const unknown = { given: 'Tobiah', family: 'Quarrington-Vale', dob: unknownDob };
  const common = { received_at: received.toISOString(), incident_at: incident, category: 'domestic_abuse', domestic_abuse: 'yes', force: 'Demo Borough Police', officer: 'PC 2231 Okoro' };
  const rowsA: Row[] = [
    { ...common, police_reference: refA, risk: 'high', summary: 'Father assaulted mother in the kitchen; the child was present and called 999.', address: '14 Test Street, Demo Town', postcode: known.postcode, person_role: 'child', given_name: known.given, family_name: known.family, date_of_birth: known.dob, person_postcode: known.postcode },
    { ...common, police_reference: refA, risk: 'high', summary: 'Father assaulted mother in the kitchen; the child was present and called 999.', address: '14 Test Street, Demo Town', postcode: known.postcode, person_role: 'adult', given_name: 'Carla', family_name: known.family, date_of_birth: '1990-02-03' },
  ];
  const rowsB: Row[] = [
    { ...common, police_reference: refB, risk: 'medium', summary: 'Shouting heard by neighbours; mother’s ex-partner left before police arrived. The child was asleep upstairs.', address: '3 Brook Close, Demo Town', postcode: 'DE1 7QX', person_role: 'child', given_name: unknown.given, family_name: unknown.family, date_of_birth: ddmmyyyy(unknown.dob), person_postcode: 'DE1 7QX' },
    { ...common, police_reference: refB, risk: 'medium', summary: 'Shouting heard by neighbours; mother’s ex-partner left before police arrived. The child was asleep upstairs.', address: '3 Brook Close, Demo Town', postcode: 'DE1 7QX', person_role: 'adult', given_name: 'Jade', family_name: "O'Neill", date_of_birth: '1996-08-19' },
  ];
  const good = csv([...rowsA, ...rowsB]);
  const count = async () => Number((await db.selectFrom('police_notifications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();

  await signIn(page, 'mash.worker');
  await page.goto('/frontdoor');
  await page.getByRole('link', { name: 'Police notifications' }).first().click();
  await page.getByRole('heading', { name: 'Police notifications' }).waitFor();
  violations.push(...(await axeViolations(page, 'police queue')));
  await page.getByRole('link', { name: 'Import police notifications (CSV)' }).click();
  violations.push(...(await axeViolations(page, 'import')));

  // A file with bad rows (lines 4 and 6): nothing is imported, and the summary and the table name the rows.
  const bad = csv([...rowsA, { ...rowsB[0]!, risk: 'severe' }, { ...rowsB[1]!, risk: 'severe' }, { ...rowsB[0]!, police_reference: `BT-DA-${suffix}-C`, date_of_birth: '31/02/2022' }]);
  await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The file has 2 errors: nothing was imported/);
  const problemsTable = await page.getByRole('region', { name: 'Errors in the file' }).innerText();
  assert.match(problemsTable, /Line 4\s+risk must be standard, medium or high/);
  assert.match(problemsTable, /Line 6\s+date_of_birth must be a date/);
  assert.equal(await count(), before, 'nothing of the bad file was imported');
  violations.push(...(await axeViolations(page, 'import with errors')));
  await screenshot(page, 'police-import-errors');

  await page.getByLabel('CSV file').setInputFiles({ name: 'overnight.csv', mimeType: 'text/csv', buffer: good });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { name: '2 notifications imported' }).waitFor();
  const result = await page.locator('main').innerText();
  assert.match(result, /File\s+overnight\.csv/);
  assert.match(result, /Rows in the file\s+4/);
  assert.match(result, /New, added to the screening queue\s+2/);
  assert.match(result, /People matched to a person record\s+1/);
  assert.equal(await count(), before + 2);
  const batch = await db.selectFrom('police_import_batches').select(['file_name', 'added']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(batch, { file_name: 'overnight.csv', added: 2 }, 'the batch keeps the uploaded file’s name');
  violations.push(...(await axeViolations(page, 'import result')));

  // The same file again adds nothing.
  await page.goto('/frontdoor/police/import');
  await page.getByLabel('CSV file').setInputFiles({ name: 'overnight.csv', mimeType: 'text/csv', buffer: good });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { name: '0 notifications imported' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Already imported \(not added again\)\s+2/);
  await page.getByText('References already imported').click();
  assert.match(await page.locator('main').innerText(), new RegExp(`${refA}, ${refB}`));
  assert.equal(await count(), before + 2, 'the re-import added nothing');
  violations.push(...(await axeViolations(page, 're-import result')));

  // The queue, filtered to the day they were received; a date that is not real is reported, not ignored.
  await page.getByRole('link', { name: 'Go to the screening queue' }).click();
  const filter = page.locator('form.app-filter');
  await filter.getByLabel('Category').selectOption('domestic_abuse');
  await filter.getByRole('group', { name: 'Received from' }).getByLabel('Day').fill('31');
  await filter.getByRole('group', { name: 'Received from' }).getByLabel('Month').fill('2');
  await filter.getByRole('group', { name: 'Received from' }).getByLabel('Year').fill(today.slice(0, 4));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The “received from” date must be a real date/);
  assert.equal(await filter.getByRole('group', { name: 'Received from' }).getByLabel('Day').inputValue(), '31', 'what was typed is kept');
  violations.push(...(await axeViolations(page, 'police queue, bad filter')));
  await fillDate(filter.getByRole('group', { name: 'Received from' }), receivedOn);
  await fillDate(filter.getByRole('group', { name: 'Received to' }), receivedOn);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('region', { name: 'Police notifications awaiting screening' }).waitFor();
  const queue = await page.getByRole('region', { name: 'Police notifications awaiting screening' }).innerText();
  assert.match(queue, new RegExp(refA));
  assert.match(queue, new RegExp(`${refB}[\\s\\S]*${unknown.given} ${unknown.family} \\(not matched\\)`));
  assert.match(queue, /that match the filter/);
  violations.push(...(await axeViolations(page, 'police queue, filtered')));
  await screenshot(page, 'police-queue');

  // The unknown child: the notification's search finds nobody; the worker adds them to the person index and links them.
  await page.getByRole('region', { name: 'Police notifications awaiting screening' }).getByRole('link', { name: refB }).click();
  const urlB = page.url();
  const idB = Number(/police\/(\d+)$/.exec(urlB)![1]);
  assert.match(await page.locator('main').innerText(), /Encompass (due|overdue)/);
  violations.push(...(await axeViolations(page, 'notification')));
  await page.getByRole('link', { name: `Find ${unknown.given} ${unknown.family} in the person index` }).click();
  await page.getByRole('heading', { name: `Find ${unknown.given} ${unknown.family} in the person index` }).waitFor();
  violations.push(...(await axeViolations(page, 'notification person search')));
  await page.getByRole('link', { name: 'Find a person' }).last().click();
  await page.getByLabel('Name, date of birth, postcode, NHS number or UPN').fill(`${unknown.given} ${unknown.family} ${ddmmyyyy(unknown.dob)}`);
  await Promise.all([page.waitForURL(/\/people\?/), page.getByRole('button', { name: 'Search' }).click()]);
  violations.push(...(await axeViolations(page, 'person index search')));
  await Promise.all([page.waitForURL(/\/people\/new$/), page.getByRole('button', { name: 'Add a new person' }).click()]);
  violations.push(...(await axeViolations(page, 'add a person')));
  await page.getByLabel('Male', { exact: true }).check();
  await page.getByLabel('Address line 1').fill('3 Brook Close');
  await page.getByLabel('Town or city').fill('Demo Town');
  await page.getByLabel('Postcode').fill('DE1 7QX');
  await Promise.all([page.waitForURL(/\/people\/\d+$/), page.getByRole('button', { name: 'Add person' }).click()]);
  const newPersonId = Number(/people\/(\d+)$/.exec(page.url())![1]);
  violations.push(...(await axeViolations(page, 'person page')));
  await page.goto(urlB);
  await page.getByRole('link', { name: `Find ${unknown.given} ${unknown.family} in the person index` }).click();
  const card = page.locator('.govuk-summary-card').filter({ has: page.locator(`a[href="/people/${newPersonId}"]`) });
  violations.push(...(await axeViolations(page, 'notification person search, with a result')));
  await Promise.all([page.waitForURL(urlB), card.getByRole('button', { name: /^This is them: link the record/ }).click()]);
  await page.getByText('Matched to the person record').waitFor();
  assert.match(await page.locator('main table').first().innerText(), new RegExp(`Person record ${newPersonId} \\(matched by the MASH\\)`));

  const idA = (await db.selectFrom('police_notifications').select('id').where('police_reference', '=', refA).executeTakeFirstOrThrow()).id;

  // Today's screening meeting.
  await page.goto('/frontdoor/police');
  await page.getByRole('button', { name: 'Record the screening meeting' }).click();
  await page.getByRole('heading', { name: 'Record the screening meeting' }).waitFor();
  violations.push(...(await axeViolations(page, 'meeting form')));
  assert.equal(await page.locator('#meetingDate-year').inputValue(), today.slice(0, 4), 'today is filled in');
  await page.getByLabel('Chair').fill('Priya Manning, MASH team manager');
  const attendees: Array<[string, string]> = [
    ['Priya Manning, MASH team manager', 'Children’s social care'],
    ['DC Pat Ollerton, police MASH officer', 'Police'],
    ['Hana Ellis, safeguarding nurse', 'Health'],
    ['Dana Abbott, domestic abuse MASH worker', 'Domestic abuse service'],
  ];
  for (const [i, [name, agency]] of attendees.entries()) {
    await page.getByLabel(`Attendee ${i + 1}: name and role`).fill(name);
    await page.getByLabel(`Attendee ${i + 1}: agency`).selectOption({ label: agency });
  }
  const a = page.locator(`#notification-${idA}`);
  const b = page.locator(`#notification-${idB}`);
  await a.getByLabel('Contact to the MASH').check();
  await a.getByLabel('Reason for the decision').fill('High risk and the child called 999: the MASH must screen today.');
  await a.getByLabel('Action (optional)').fill('Refer the mother to MARAC');
  await a.getByLabel('Action owner').fill('DC Pat Ollerton');
  await fillDate(a.getByRole('group', { name: 'Action due' }), today);
  await b.getByLabel('Information shared with a partner agency').check();
  await b.getByLabel('Reason for the decision').fill('First notification for this family; mother engaging with the domestic abuse service.');
  await b.getByLabel('Shared with (for information shared with a partner)').fill('St Mary’s Nursery & Children’s Centre');
  await b.getByLabel('Action (optional)').fill('Offer the mother an outreach appointment');
  await b.getByLabel('Action owner').fill('Dana Abbott');
  await fillDate(b.getByRole('group', { name: 'Action due' }), today);
  // Education is missing: refused with the summary, and nothing typed is lost.
  await page.getByRole('button', { name: 'Save the meeting and its decisions' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /record an attendee from Education/);
  assert.equal(await a.getByLabel('Action (optional)').inputValue(), 'Refer the mother to MARAC');
  assert.equal(await b.getByLabel('Information shared with a partner agency').isChecked(), true);
  violations.push(...(await axeViolations(page, 'meeting form with errors')));
  await page.getByLabel('Attendee 5: name and role').fill('Ed Carter, education safeguarding officer');
  await page.getByLabel('Attendee 5: agency').selectOption({ label: 'Education' });
  await Promise.all([page.waitForURL(/\/frontdoor\/police\/meetings\/\d+$/), page.getByRole('button', { name: 'Save the meeting and its decisions' }).click()]);
  await page.getByText('Screening meeting recorded: 2 notifications decided').waitFor();
  const meeting = await page.locator('main').innerText();
  assert.match(meeting, /Ed Carter, education safeguarding officer \(Education\)/);
  assert.match(meeting, new RegExp(`${refA}\\s+${known.given} ${known.family}\\s+Contact to the MASH \\(contact \\d+\\)`));
  assert.match(meeting, new RegExp(`${refB}\\s+${unknown.given} ${unknown.family}\\s+Information shared with a partner agency: St Mary’s Nursery & Children’s Centre`));
  assert.match(meeting, /Refer the mother to MARAC \(DC Pat Ollerton, due/);
  violations.push(...(await axeViolations(page, 'meeting')));
  await screenshot(page, 'police-meeting');

  // The contact is on the MASH queue.
  const contactLink = page.getByRole('link', { name: /^contact \d+$/ });
  const contactId = Number(/contact (\d+)/.exec(await contactLink.innerText())![1]);
  await page.goto('/frontdoor?tray=queue&origin=police_notification');
  await page.getByRole('link', { name: `Contact ${contactId}`, exact: true }).waitFor();
  violations.push(...(await axeViolations(page, 'MASH queue, police contacts')));
  await page.getByRole('link', { name: `Contact ${contactId}`, exact: true }).click();
  assert.match(await page.locator('main').innerText(), new RegExp(`Police notification ${refA}`));
  violations.push(...(await axeViolations(page, 'contact from the meeting')));

  // Operation Encompass for the four-year-old: the nursery's key adult and the health visitor.
  await page.goto(urlB);
  const screening = await page.locator('main').innerText();
  assert.match(screening, /Adult\s+Jade O'Neill \(19 August 1996\)/, 'names are escaped once');
  assert.match(screening, /Decision\s+Information shared with a partner agency: St Mary’s Nursery & Children’s Centre/);
  assert.match(screening, /Action: Offer the mother an outreach appointment, owner Dana Abbott/);
  assert.match(screening, /Still to record: School or early years setting \(key adult\), Health visitor/);
  const form = page.locator('form', { has: page.getByRole('button', { name: `Record the notice for ${unknown.given}` }) });
  await form.getByLabel('School or early years setting (key adult)').check();
  await fillDate(form.getByRole('group', { name: 'Date sent' }), receivedOn);
  await form.getByLabel('Sent by').fill('Morgan Ashby');
  await form.getByRole('button', { name: `Record the notice for ${unknown.given}` }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the school, health visiting team or school nurse notified/);
  assert.equal(await form.getByLabel('Sent by').inputValue(), 'Morgan Ashby');
  violations.push(...(await axeViolations(page, 'notification, Encompass errors')));
  await form.getByLabel('Name of the school, health visiting team or school nurse').fill('St Mary’s Nursery (key adult: Ms Obi)');
  await Promise.all([page.waitForURL(urlB), form.getByRole('button', { name: `Record the notice for ${unknown.given}` }).click()]);
  await page.getByText('Operation Encompass notice recorded: School or early years setting (key adult)').waitFor();
  await form.getByLabel('Health visitor').check();
  await form.getByLabel('Name of the school, health visiting team or school nurse').fill('Demo Borough health visiting team');
  await fillDate(form.getByRole('group', { name: 'Date sent' }), today);
  await form.getByLabel('Sent by').fill('Morgan Ashby');
  await Promise.all([page.waitForURL(urlB), form.getByRole('button', { name: `Record the notice for ${unknown.given}` }).click()]);
  await page.getByText('Operation Encompass notice recorded: Health visitor').waitFor();
  const notices = await page.getByRole('table', { name: 'Notices sent' }).innerText();
  assert.match(notices, new RegExp(`School or early years setting \\(key adult\\)\\s+St Mary’s Nursery \\(key adult: Ms Obi\\)\\s+${formatIsoDate(receivedOn)}\\s+Morgan Ashby`));
  assert.match(notices, new RegExp(`Health visitor\\s+Demo Borough health visiting team\\s+${formatIsoDate(today)}\\s+Morgan Ashby`));
  const done = await page.locator('main').innerText();
  assert.match(done, /Encompass sent/);
  assert.doesNotMatch(done, /Still to record/);
  violations.push(...(await axeViolations(page, 'notification, Encompass sent')));
  await screenshot(page, 'police-notification-encompass');

  // Off the queue's list of notices to send; the known child's notification is still on it.
  await page.goto('/frontdoor/police');
  const outstanding = page.locator('#encompass + p + table, #encompass ~ table').first();
  const toSend = (await page.locator('#encompass').count()) ? await outstanding.innerText() : '';
  assert.doesNotMatch(toSend, new RegExp(refB));
  assert.match(toSend, new RegExp(refA));

  assert.deepEqual(problems, []);
  assert.equal(violations.length, 0, report(violations));
  await context.close();
});
