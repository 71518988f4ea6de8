/**
 * Issue 5's "done when" journeys in a real browser, each for the same child from start to end, through the pages only
 * (the set-up adds the children to the person index and opens journey (b)'s episodes; after that the tests only read
 * the council's calendar), with axe on every kind of page:
 *  (a) a contact at the front door decided as a referral by the MASH manager → allocation → assessment with manager
 *      guidance and a 20-working-day timescale → Signs of Safety mapping with two danger statements and their safety
 *      goals → three professionals' scaling → strategy discussion → s47 → ICPC on working day 12 → CP plan (NEG), which
 *      shows the assessment's danger statements and safety goals → core group on working day 8 → two visits (child
 *      seen alone) → review conference; the top of the child's record (status and clocks) checked on the way.
 *  (b) assessment → CIN plan → closure: RC8 is refused after a CIN plan (CIN census 2990) and the episode closes with
 *      RC7; a sibling assessed with no further action closes with RC8, another referred to early help with RC9.
 * Statutory dates lie in the past (the forms refuse future dates), counted back from today on the council calendar.
 * Requests, authorisations and decisions are recorded on the real date, as the pages set them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SKIP, axeViolations, launchBrowser, openTab, report, screenshot, signIn, startServer, type BrowserServer, type Tab } from './browser-support.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';
import { addCalendarDays, addCalendarMonths, todayInLondon, type WorkingCalendar } from '../../src/time/index.js';
import { formatIsoDate } from '../../src/web/nunjucks-setup.js';

let server: BrowserServer | undefined;
let browser: Browser | undefined;
let cal: WorkingCalendar;
const today = todayInLondon();
const ids = { rowan: 0, esme: 0, otto: 0, ivy: 0 };
let bReferralOn = '';

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  cal = await server.app.services.calendar.calendar();
  const people = server.app.services.people;
  const address = { line1: '12 Orchard Row', town: 'Demo Town', postcode: 'DE1 4QT' };
  ids.rowan = await people.create(SYSTEM_CONTEXT, { givenNames: 'Rowan', familyName: 'Quillfeather', dateOfBirth: '2017-05-14', sex: 'M', address });
  ids.esme = await people.create(SYSTEM_CONTEXT, { givenNames: 'Esme', familyName: 'Thistlewood', dateOfBirth: '2014-09-02', sex: 'F' });
  ids.otto = await people.create(SYSTEM_CONTEXT, { givenNames: 'Otto', familyName: 'Thistlewood', dateOfBirth: '2016-11-21', sex: 'M' });
  ids.ivy = await people.create(SYSTEM_CONTEXT, { givenNames: 'Ivy', familyName: 'Thistlewood', dateOfBirth: '2019-02-08', sex: 'F' });
  // Journey (b) starts at the assessment: the siblings' referral 30 working days ago opened an episode each (the front
  // door is journey (a)'s).
  bReferralOn = wdBefore(30);
  for (const id of [ids.esme, ids.otto, ids.ivy]) {
    await server.app.handle.db.insertInto('cin_episodes').values({ person_id: id, contact_child_id: null, referral_date: bReferralOn, referral_source: '2A', primary_need_code: 'N4', start_date: bReferralOn, end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: null }).execute();
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** n working days before `from` on the council calendar (from today by default). */
function wdBefore(n: number, from = today): string {
  let d = from;
  for (let c = 0; c < n; ) {
    d = addCalendarDays(d, -1);
    if (cal.isWorkingDay(d)) c++;
  }
  return d;
}

async function fillDate(page: Page, prefix: string, iso: string) {
  await page.locator(`#${prefix}-day`).fill(String(Number(iso.slice(8, 10))));
  await page.locator(`#${prefix}-month`).fill(String(Number(iso.slice(5, 7))));
  await page.locator(`#${prefix}-year`).fill(iso.slice(0, 4));
}

/** Clicks and waits for the next page (a form post redirects; the URL may or may not change). */
async function submit(page: Page, name: string, url?: RegExp) {
  await Promise.all([url ? page.waitForURL(url) : page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** The text of the page's error summary, or a failure that shows the page when there is none. */
async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor().catch(async (err) => {
    throw new Error(`${err}: ${(await page.locator('main').innerText()).slice(0, 800)}`);
  });
  return page.locator('.govuk-error-summary').innerText();
}

/** Fails with the page's text when the expected text does not appear (a refused form, say). */
async function expectText(page: Page, text: string | RegExp) {
  await page.getByText(text).first().waitFor().catch(async (err) => {
    throw new Error(`${err}\n${new URL(page.url()).pathname}: ${(await page.locator('main').innerText()).slice(0, 1200)}`);
  });
}

/** The top of the child's record: the current status and the open clocks, one line per clock. */
async function recordTop(page: Page, personId: number): Promise<{ status: string; clocks: string[] }> {
  await page.goto(`/children/${personId}`);
  const status = (await page.locator('#current-status').innerText()).replace(/\s+/g, ' ').trim();
  const rows = page.locator('#clocks ~ table tbody tr');
  const clocks = (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  return { status, clocks };
}

/** The line a clock shows on the record: what, due date, working days left or overdue, and the status tag. */
function clockLine(label: string, start: string, due: string, dueSoon = 0): RegExp {
  const r = cal.clockStatusForDueDate(start, due, today, null, { dueSoonThreshold: dueSoon });
  const left = r.workingDaysRemaining;
  const days = left > 0 ? `${left} working days? left` : left === 0 ? 'Due today' : `${-left} working days? overdue`;
  const tag = { on_track: 'On track', due_soon: 'Due soon', due_today: 'Due today', overdue: 'Overdue', completed_on_time: 'Done in time', completed_late: 'Done late' }[r.status];
  return new RegExp(`^${label} ${formatIsoDate(due)} ${days} ${tag}$`);
}

function hasClock(clocks: string[], line: RegExp, what: string) {
  assert.ok(clocks.some((c) => line.test(c)), `${what}: expected a clock matching ${line}; the record shows:\n${clocks.join('\n')}`);
}

/** The manager allocates the child's open episode from the record to Sam Walker in the Assessment team. */
async function allocate(page: Page, childId: number, from: string, axe?: (page: Page, label: string) => Promise<unknown>) {
  await page.goto(`/children/${childId}`);
  await page.getByRole('link', { name: /^Allocate/ }).click();
  await page.getByLabel('Team').selectOption({ label: 'Assessment' });
  const workers = await page.getByLabel('Worker').locator('option').allInnerTexts();
  await page.getByLabel('Worker').selectOption({ index: workers.findIndex((o) => o.startsWith('Sam Walker')) });
  await fillDate(page, 'fromDate', from);
  await page.getByLabel('Reason').fill('Allocated for a single assessment');
  await axe?.(page, 'allocation');
  await submit(page, 'Allocate', new RegExp(`/children/${childId}`));
}

/** A tab signed in as a demo user. */
async function as(username: string): Promise<Tab> {
  const tab = await openTab(browser!, server!.baseUrl);
  await signIn(tab.page, username);
  return tab;
}

test('(a) front-door referral → allocation → assessment (guidance, 20 days) → mapping, two danger statements, three scalings → strategy discussion → s47 → ICPC on day 12 → CP plan (NEG) with the assessment’s danger statements → core group on day 8 → visits → review conference, with axe', { skip: SKIP }, async () => {
  const violations: string[] = [];
  const axe = async (page: Page, label: string) => violations.push(...(await axeViolations(page, label)));
  const child = ids.rowan;

  // The timeline, counted back from a review conference two working days ago (all on the council calendar).
  const reviewOn = wdBefore(2);
  let icpcOn = addCalendarDays(addCalendarMonths(reviewOn, -3), 7);
  while (!cal.isWorkingDay(icpcOn)) icpcOn = addCalendarDays(icpcOn, 1);
  const sdOn = wdBefore(12, icpcOn);
  assert.equal(cal.addWorkingDays(sdOn, 12), icpcOn, 'the ICPC is on working day 12 after the strategy discussion');
  const referralOn = wdBefore(8, sdOn);
  const assessmentStart = cal.addWorkingDays(referralOn, 1);
  const mappedOn = cal.addWorkingDays(assessmentStart, 2);
  const coreGroupOn = cal.addWorkingDays(icpcOn, 8);
  const visit1 = cal.addWorkingDays(icpcOn, 4);
  const visit2 = wdBefore(3);
  assert.ok(reviewOn <= addCalendarMonths(icpcOn, 3), 'the review is within 3 months of the ICPC');

  const mash = await as('mash.worker');
  const mashManager = await as('mash.manager');
  const manager = await as('team.manager');
  const worker = await as('social.worker');
  const iro = await as('iro');
  const tabs = [mash, mashManager, manager, worker, iro];

  // ---- the front door: a school's contact, recorded search-first, recommended and decided as a referral ----------
  let p = mash.page;
  await p.goto('/frontdoor');
  await submit(p, 'Record a contact', /\/frontdoor\/drafts\/\d+$/);
  await p.getByLabel('Find a child or adult').fill('Rowan Quillfeather');
  await Promise.all([p.waitForURL(/#people$/), p.getByRole('button', { name: 'Find', exact: true }).click()]);
  await Promise.all([p.waitForURL(/#people$/), p.getByRole('button', { name: 'Add Rowan Quillfeather as child' }).click()]);
  await fillDate(p, 'receivedDate', referralOn);
  await p.getByLabel('Time received').fill('10:15');
  await p.getByLabel('Email', { exact: true }).check();
  await p.getByLabel('Referral source').selectOption('2A');
  await p.getByLabel('Referrer’s name').fill('Jo Reynolds');
  await p.getByLabel('Organisation (optional)').fill('Orchard Row Primary School');
  await p.getByLabel('What happened', { exact: true }).fill('Rowan came to school hungry again and said he was left at home alone overnight while his mum was out.');
  await p.locator('#parentsAware').check();
  await p.getByLabel('Parents agree to the referral and to information being shared').check();
  await axe(p, 'contact form');
  await submit(p, 'Record contact', /\/frontdoor\/contacts\/\d+$/);
  await axe(p, 'contact page');
  const contactUrl = p.url();
  await p.getByRole('link', { name: 'Recommend an outcome for Rowan' }).click();
  await p.getByLabel('Referral to children’s social care for assessment').check();
  await p.getByLabel('Rationale').fill('Repeated hunger and being left alone overnight: a single assessment is needed.');
  await axe(p, 'recommendation');
  await submit(p, 'Send to manager', /#child-\d+$/);

  p = mashManager.page;
  await p.goto(contactUrl);
  await p.getByRole('link', { name: 'Decide for Rowan' }).click();
  assert.equal(await p.getByLabel('Referral to children’s social care for assessment').isChecked(), true, 'the recommendation is pre-selected');
  await p.getByLabel('Primary need (CIN census)').selectOption('N1');
  await p.getByLabel('Rationale').fill('Agreed: referral for a single assessment.');
  // The contact is dated months ago, so the decision is late and needs its reason.
  await p.getByRole('button', { name: 'Record decision' }).click();
  assert.match(await errorSummary(p), /after the one-working-day timescale/);
  await axe(p, 'late decision refused');
  await p.getByLabel('Why the decision is after the timescale').fill('Recorded after the event for the journey: the contact came in by email.');
  await submit(p, 'Record decision', /#child-\d+$/);
  await axe(p, 'contact decided');

  // ---- the child's record: an open, unallocated episode; the team manager allocates it ---------------------------
  p = manager.page;
  let top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Open episode (unallocated)');
  assert.deepEqual(top.clocks, [], 'no statutory clock before the assessment');
  assert.match(await p.locator('#episodes ~ .app-episode').first().innerText(), new RegExp(`Referral date\\s+${formatIsoDate(referralOn)}[\\s\\S]*2A: Schools[\\s\\S]*N1: Abuse or neglect`));
  await axe(p, 'record (unallocated)');
  await allocate(p, child, referralOn, axe);
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Allocated to Sam Walker (Assessment)');

  // ---- the assessment: asked for by the worker, guidance and a 20-working-day timescale from the manager ----------
  p = worker.page;
  await p.goto(`/children/${child}`);
  await p.getByRole('button', { name: 'Start an assessment' }).click();
  await submit(p, 'Ask a manager for guidance', /\/assessments\/\d+$/);
  const assessmentUrl = new URL(p.url()).pathname;
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Open assessment: awaiting manager guidance · Allocated to Sam Walker (Assessment)');
  hasClock(top.clocks, clockLine('Manager guidance for the assessment', today, cal.addWorkingDays(today, 1)), 'guidance asked for');

  p = manager.page;
  await p.goto(assessmentUrl);
  await p.getByRole('link', { name: 'Give guidance and set the timescale' }).click();
  await p.getByLabel('What the assessment should focus on').fill('Who looks after Rowan at night; food in the house; speak to the school and the GP.');
  await p.getByLabel('20 working days').check();
  await fillDate(p, 'startDate', assessmentStart);
  await submit(p, 'Give guidance and start the assessment', new RegExp(`${assessmentUrl}$`));
  const assessmentDue = cal.addWorkingDays(assessmentStart, 20);
  assert.ok(assessmentDue <= cal.addWorkingDays(referralOn, 45));
  assert.match(await p.locator('.govuk-notification-banner').innerText(), new RegExp(`Due by ${formatIsoDate(assessmentDue)}`));
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Open assessment: in progress · Allocated to Sam Walker (Assessment)');
  hasClock(top.clocks, clockLine('Assessment to be completed and authorised', assessmentStart, assessmentDue, 5), 'assessment started');

  // ---- Signs of Safety: the assessment's mapping with two danger statements and their safety goals ---------------
  p = worker.page;
  await p.goto(assessmentUrl);
  await p.getByRole('link', { name: 'Signs of Safety mapping for this assessment' }).click();
  await axe(p, 'new mapping (assessment)');
  await fillDate(p, 'mappedOn', mappedOn);
  await p.getByLabel('Harm').fill('Rowan left alone overnight at least twice\nNo food in the house on three school mornings');
  await p.getByLabel('Complicating factors').fill('Mum works night shifts with no childcare');
  await p.getByLabel('Strengths').fill('Mum asked the school for breakfast club');
  await p.getByLabel('Existing safety').fill('Grandad had Rowan overnight when Mum told him about a shift');
  await p.getByLabel('Next steps').fill('Family network meeting with Grandad and Aunt Tess');
  await p.getByLabel('Who is worried (statement 1)').fill('The school and children’s services');
  await p.getByLabel('What they are worried about (statement 1)').fill('Rowan being left alone at night while Mum works');
  await p.getByLabel('What might happen to the child (statement 1)').fill('Rowan could be hurt or frightened with no adult to help him');
  await p.getByLabel('Safety goal for statement 1').fill('A safe adult is with Rowan every night Mum works');
  await p.getByLabel('How long the safety must be shown (goal 1)').fill('for six months');
  await p.getByLabel('Who is worried (statement 2)').fill('The GP and the school nurse');
  await p.getByLabel('What they are worried about (statement 2)').fill('Rowan going without food');
  await p.getByLabel('What might happen to the child (statement 2)').fill('Rowan could become unwell and fall behind at school');
  await p.getByLabel('Safety goal for statement 2').fill('Rowan has breakfast and an evening meal every day, checked by the school and Grandad');
  await p.getByLabel('Bottom line 1', { exact: true }).fill('If Rowan is left alone at night again, he will stay with Grandad while we make sure he is safe.');
  await submit(p, 'Save mapping', /\/mappings\/\d+$/);
  const assessmentMappingUrl = new URL(p.url()).pathname;
  assert.match(await p.locator('.govuk-caption-l').innerText(), /Rowan Quillfeather · Assessment/, 'the mapping belongs to the assessment');
  await submit(p, 'Make the mapping final');
  await expectText(p, 'Mapping made final');
  await fillDate(p, 'sharedOn', mappedOn);
  await submit(p, 'Record bottom lines as shared');
  await expectText(p, 'The bottom line was stated and shared with the family');
  await axe(p, 'mapping (final)');

  // Three professionals scale it.
  await p.getByRole('link', { name: 'Record scaling on this mapping' }).click();
  await fillDate(p, 'scaledOn', mappedOn);
  const scalers = [['Sam Walker', 'Social worker', 'Children’s services', '3'], ['Jo Reynolds', 'Designated safeguarding lead', 'School', '4'], ['Dr Amir Shah', 'GP', 'Health', '2']];
  for (const [i, [name, role, agency, score]] of scalers.entries()) {
    await p.getByLabel(`Name of person ${i + 1}`).fill(name!);
    await p.getByLabel(`Role of person ${i + 1}`).fill(role!);
    await p.getByLabel(`Agency of person ${i + 1} (optional)`).fill(agency!);
    await p.getByLabel(`Score given by person ${i + 1}`).selectOption(score!);
  }
  await axe(p, 'scaling form');
  await submit(p, 'Save scaling', /signs-of-safety/);
  await expectText(p, 'Scaling recorded for 3 people');
  await axe(p, 'Signs of Safety record');
  const scaling = await p.getByRole('table', { name: /Scaling by date/ }).innerText();
  assert.match(scaling, new RegExp(`${formatIsoDate(mappedOn)}\\s+3\\s`), 'the median of 3, 4 and 2 on the mapping’s date');
  for (const [name, role, agency, score] of scalers) assert.ok(scaling.includes(`${name} (${role}, ${agency}): ${score}`), `${name}'s score is in the table`);
  await p.goto(assessmentMappingUrl);
  assert.equal(await p.getByRole('table', { name: 'Scaling recorded on this mapping' }).locator('tbody tr').count(), 3);

  // ---- the rest of the assessment: outcome strategy discussion, submitted and authorised -------------------------
  await p.goto(assessmentUrl);
  await p.getByRole('link', { name: 'The child’s voice and whether they were seen' }).click();
  await p.getByLabel('Seen alone').check();
  await fillDate(p, 'childSeenDate', cal.addWorkingDays(assessmentStart, 1));
  await p.getByLabel('The child’s voice').fill('Rowan said the dark flat is scary when Mum is at work and he eats cereal for tea.');
  await submit(p, 'Save and return to the assessment', new RegExp(`${assessmentUrl}$`));
  await p.getByRole('link', { name: 'Absent parents and significant others' }).click();
  await p.locator('#name-1').fill('Lee Quillfeather');
  await p.locator('#relationship-1').fill('Father');
  await p.locator('#absent-1').check();
  await p.locator('#contacted-1').check();
  await p.locator('#view-1').fill('Would have Rowan at weekends.');
  await submit(p, 'Save and return to the assessment', new RegExp(`${assessmentUrl}$`));
  await p.getByRole('link', { name: 'Risk and protective factors' }).click();
  await p.getByLabel('Risk factors: what are we worried about?').fill('Left alone overnight; no food.');
  await p.getByLabel('Protective factors: what is working well?').fill('Grandad nearby and willing.');
  await submit(p, 'Save and return to the assessment', new RegExp(`${assessmentUrl}$`));
  await p.getByRole('link', { name: 'Assessment factors' }).click();
  await p.getByLabel('16A: Neglect').check();
  await submit(p, 'Save and return to the assessment', new RegExp(`${assessmentUrl}$`));
  await p.getByRole('link', { name: 'Analysis' }).click();
  await p.getByLabel('Analysis').fill('Rowan is likely to suffer significant harm through neglect at night: a strategy discussion is needed.');
  await submit(p, 'Save and return to the assessment', new RegExp(`${assessmentUrl}$`));
  await p.getByRole('link', { name: 'Outcome' }).click();
  await p.getByLabel('Strategy discussion (significant harm suspected)').check();
  await submit(p, 'Save and return to the assessment', new RegExp(`${assessmentUrl}$`));
  await p.getByRole('link', { name: 'Check answers and submit for authorisation' }).click();
  await submit(p, 'Submit for authorisation', new RegExp(`${assessmentUrl}$`));
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Open assessment: submitted for authorisation · Allocated to Sam Walker (Assessment)');
  hasClock(top.clocks, clockLine('Assessment to be authorised', assessmentStart, assessmentDue, 5), 'assessment submitted');

  p = manager.page;
  await p.goto(assessmentUrl);
  await p.getByRole('button', { name: 'Authorise or return' }).click();
  await p.getByLabel('Authorise the assessment').check();
  await p.getByLabel('Your comments or challenge').fill('Agreed: hold a strategy discussion today.');
  await submit(p, 'Save decision', new RegExp(`${assessmentUrl}$`));
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Allocated to Sam Walker (Assessment)', 'no open assessment once it is authorised');
  assert.ok(!top.clocks.some((c) => c.startsWith('Assessment')), 'the assessment clock has stopped');

  // ---- strategy discussion → section 47 enquiry ---------------------------------------------------------------------
  p = worker.page;
  await p.goto(`/children/${child}`);
  await p.getByRole('link', { name: 'Child protection record' }).click();
  await axe(p, 'child protection record');
  // The authorised assessment leads to the strategy discussion.
  await p.goto(assessmentUrl);
  await p.getByRole('link', { name: 'Record the strategy discussion' }).click();
  await fillDate(p, 'heldOn', sdOn);
  await p.locator('#name-1').fill('Sam Walker');
  await p.locator('#name-2').fill('DS Kerry Lund');
  await p.locator('#name-3').fill('Dr Amir Shah');
  await p.locator('#agency-4').selectOption('education');
  await p.locator('#name-4').fill('Jo Reynolds');
  await p.getByLabel('Information shared').fill('Assessment findings; police have two calls about Rowan alone at night.');
  await p.getByLabel('Section 47 enquiry: single agency (children’s social care)').check();
  await axe(p, 'strategy discussion form');
  await submit(p, 'Save strategy discussion', /\/protection\/s47\/\d+$/);
  const s47Url = new URL(p.url()).pathname;
  await expectText(p, 'A section 47 enquiry has started from this discussion.');
  await p.locator('#childSeen').check();
  await p.locator('#childSeenAlone').check();
  await fillDate(p, 'childSeenOn', cal.addWorkingDays(sdOn, 1));
  await p.getByLabel('Findings').fill('Rowan has been left alone at night on at least four occasions.');
  await p.getByLabel(/likely to suffer significant harm: initial child protection conference/).check();
  await fillDate(p, 'completedOn', cal.addWorkingDays(sdOn, 6));
  await axe(p, 's47 enquiry');
  await submit(p, 'Save enquiry', new RegExp(`${s47Url}$`));
  await expectText(p, 'Section 47 enquiry saved');
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Section 47 enquiry · Allocated to Sam Walker (Assessment)');
  hasClock(top.clocks, clockLine('Initial child protection conference', sdOn, cal.addWorkingDays(sdOn, 15), 3), 'ICPC awaited');

  // ---- the initial conference on working day 12: a plan (NEG) that takes the assessment's mapping -----------------
  p = iro.page;
  await p.goto(s47Url);
  await p.getByRole('button', { name: 'Record the initial conference' }).click();
  await fillDate(p, 'heldOn', icpcOn);
  for (const [slot, agency, name, scale] of [['1', 'social_care', 'Sam Walker', '3'], ['2', 'police', 'DS Kerry Lund', '3'], ['3', 'health', 'Dr Amir Shah', '2'], ['4', 'education', 'Jo Reynolds', '4']] as const) {
    await p.locator(`#agency-${slot}`).selectOption(agency);
    await p.locator(`#name-${slot}`).fill(name);
    await p.locator(`#scaling-${slot}`).fill(scale);
  }
  await p.getByLabel('Reports received').fill('Single assessment; school report; GP report');
  await p.getByLabel('Child protection plan', { exact: true }).check();
  await p.getByLabel('NEG: Neglect').check();
  await axe(p, 'initial conference form');
  await submit(p, 'Save conference', /\/protection\/plans\/\d+$/);
  const planUrl = new URL(p.url()).pathname;
  await p.getByRole('heading', { name: 'Child protection plan', level: 1 }).waitFor();
  const dangers = p.getByRole('table', { name: 'Danger statements paired with safety goals' });
  const dangerRows = (await dangers.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
  assert.equal(dangerRows.length, 2, 'both danger statements are the plan’s');
  assert.match(dangerRows[0]!, /The school and children’s services Rowan being left alone at night while Mum works Rowan could be hurt or frightened with no adult to help him A safe adult is with Rowan every night Mum works \(for six months\)/);
  assert.match(dangerRows[1]!, /The GP and the school nurse Rowan going without food .* Rowan has breakfast and an evening meal every day, checked by the school and Grandad/);
  assert.match(await p.locator('main').innerText(), /If Rowan is left alone at night again, he will stay with Grandad/);
  assert.equal(await p.getByRole('link', { name: 'an earlier mapping' }).getAttribute('href'), assessmentMappingUrl, 'carried forward from the assessment’s mapping');
  const planClocks = (await p.getByRole('table', { name: 'Clocks on this plan' }).locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  hasClock(planClocks, clockLine('First core group', icpcOn, cal.addWorkingDays(icpcOn, 10), 3), 'the plan’s own clocks');
  await axe(p, 'plan (chair)');
  await screenshot(p, 'practice-journey-plan');

  p = worker.page;
  await p.goto(s47Url);
  assert.match(await p.locator('main').innerText(), /working day 12 of 15/);
  top = await recordTop(p, child);
  assert.equal(top.status, 'Current status: Child protection plan: Neglect · Allocated to Sam Walker (Assessment)');
  hasClock(top.clocks, clockLine('First core group', icpcOn, cal.addWorkingDays(icpcOn, 10), 3), 'plan started');
  hasClock(top.clocks, clockLine('First review child protection conference', icpcOn, addCalendarMonths(icpcOn, 3), 10), 'plan started');
  hasClock(top.clocks, clockLine('Child protection visit', icpcOn, cal.addWorkingDays(icpcOn, 10), 3), 'plan started');
  assert.ok(!top.clocks.some((c) => c.startsWith('Initial child protection conference')), 'the ICPC clock has stopped');
  await axe(p, 'record (CP plan)');

  // The plan's mapping is a draft carried forward from the assessment's.
  await p.goto(planUrl);
  await p.getByRole('link', { name: /the plan’s Signs of Safety mapping/ }).click();
  assert.match(await p.locator('.govuk-caption-l').innerText(), /Child protection plan/);
  assert.match(await p.locator('main').innerText(), /Carried forward from an earlier mapping/);
  await axe(p, 'plan’s mapping');

  // ---- core group on working day 8, two visits with the child seen alone ----------------------------------------
  await p.goto(planUrl);
  await p.getByRole('button', { name: 'Record a core group' }).click();
  await fillDate(p, 'heldOn', coreGroupOn);
  await p.locator('#name-1').fill('Sam Walker');
  await p.locator('#agency-2').selectOption('education');
  await p.locator('#name-2').fill('Jo Reynolds');
  await p.getByLabel('Notes and progress against the plan').fill('Grandad stays on Mum’s work nights; breakfast club started.');
  await axe(p, 'core group form');
  await submit(p, 'Save core group', new RegExp(`${planUrl}$`));
  await expectText(p, 'Core group recorded');
  assert.match(await p.locator('main').innerText(), /the first was held on working day 8/);
  for (const [on, note] of [[visit1, 'Seen alone in his room: Grandad had stayed the night.'], [visit2, 'Seen alone after school: food in the cupboards.']] as const) {
    await p.getByRole('button', { name: 'Record a visit' }).click();
    await fillDate(p, 'visitedOn', on);
    await p.locator('#seen').check();
    await p.locator('#seenAlone').check();
    await p.getByLabel('Notes').fill(note);
    if (on === visit1) await axe(p, 'visit form');
    await submit(p, 'Save visit', new RegExp(`${planUrl}$`));
    await expectText(p, 'Visit recorded');
  }
  const visits = await p.getByRole('table', { name: 'Visits' }).locator('tbody tr').allInnerTexts();
  assert.deepEqual(visits.map((v) => v.split('\t').slice(0, 3).join(' | ')), [`${formatIsoDate(visit2)} | Yes | Yes`, `${formatIsoDate(visit1)} | Yes | Yes`]);
  await axe(p, 'plan with core group and visits');

  // ---- the review conference: the plan continues (NEG) ----------------------------------------------------------
  p = iro.page;
  await p.goto(planUrl);
  await p.getByRole('button', { name: 'Record a review conference' }).click();
  await fillDate(p, 'heldOn', reviewOn);
  await p.locator('#name-1').fill('Sam Walker');
  await p.locator('#scaling-1').fill('6');
  await p.locator('#name-2').fill('DS Kerry Lund');
  await p.locator('#scaling-2').fill('6');
  await p.locator('#name-3').fill('Dr Amir Shah');
  await p.locator('#scaling-3').fill('5');
  await p.getByLabel('Plan continues').check();
  await axe(p, 'review conference form');
  await submit(p, 'Save conference', new RegExp(`${planUrl}$`));
  await expectText(p, 'Review conference recorded');
  assert.match(await p.locator('main').innerText(), /Review\s+Plan continues\s+NEG/);

  top = await recordTop(worker.page, child);
  assert.equal(top.status, 'Current status: Child protection plan: Neglect · Allocated to Sam Walker (Assessment)');
  hasClock(top.clocks, clockLine('Review child protection conference', reviewOn, addCalendarMonths(reviewOn, 6), 10), 'after the review');
  hasClock(top.clocks, clockLine('Child protection visit', visit2, cal.addWorkingDays(visit2, 10), 3), 'after the review');
  assert.ok(!top.clocks.some((c) => c.startsWith('First')), `no first core group or first review clock left:\n${top.clocks.join('\n')}`);
  const protection = await worker.page.locator('[aria-labelledby="protection-heading"]').innerText();
  assert.match(protection, new RegExp(`Last visit\\s+${formatIsoDate(visit2)}: seen alone`));
  await axe(worker.page, 'record at the end of journey (a)');
  await screenshot(worker.page, 'practice-journey-record');

  await worker.page.goto(`/children/${child}/chronology`);
  const chronology = await worker.page.locator('main').innerText();
  await axe(worker.page, 'chronology');
  for (const kind of ['Contact', 'Assessment', 'Signs of Safety mapping', 'Scaling', 'Strategy discussion', 'Section 47 enquiry', 'Initial child protection conference', 'Child protection plan', 'Core group', 'Child protection visit', 'Review child protection conference']) {
    assert.ok(chronology.includes(kind), `the chronology has a ${kind} entry`);
  }

  assert.deepEqual(tabs.flatMap((t) => t.problems), []);
  assert.equal(violations.length, 0, report(violations));
  for (const t of tabs) await t.context.close();
});

/**
 * The single assessment for a child with an open episode, through its pages: the worker asks for it, the manager gives
 * guidance with a 20-working-day timescale from `startOn`, the worker completes every section with `outcome` and
 * `factor`, submits it, and the manager authorises it. Returns the assessment's path.
 */
async function assessment(worker: Page, manager: Page, childId: number, o: { startOn: string; outcome: string; factor: string; voice: string; analysis: string }, axe?: (page: Page, label: string) => Promise<unknown>): Promise<string> {
  await worker.goto(`/children/${childId}`);
  await worker.getByRole('button', { name: 'Start an assessment' }).click();
  await axe?.(worker, 'start an assessment');
  await submit(worker, 'Ask a manager for guidance', /\/assessments\/\d+$/);
  const url = new URL(worker.url()).pathname;
  await manager.goto(url);
  await manager.getByRole('link', { name: 'Give guidance and set the timescale' }).click();
  await axe?.(manager, 'guidance');
  await manager.getByLabel('What the assessment should focus on').fill('The children’s experience at home since Mum became unwell; speak to the school.');
  await manager.getByLabel('20 working days').check();
  await fillDate(manager, 'startDate', o.startOn);
  await submit(manager, 'Give guidance and start the assessment', new RegExp(`${url}$`));
  await worker.goto(url);
  await axe?.(worker, 'task list');
  const save = () => submit(worker, 'Save and return to the assessment', new RegExp(`${url}$`));
  await worker.getByRole('link', { name: 'The child’s voice and whether they were seen' }).click();
  await worker.getByLabel('Seen alone').check();
  await fillDate(worker, 'childSeenDate', o.startOn);
  await worker.getByLabel('The child’s voice').fill(o.voice);
  await axe?.(worker, 'child’s voice section');
  await save();
  await worker.getByRole('link', { name: 'Absent parents and significant others' }).click();
  await worker.locator('#name-1').fill('Mark Thistlewood');
  await worker.locator('#relationship-1').fill('Father');
  await worker.locator('#absent-1').check();
  await worker.locator('#contacted-1').check();
  await worker.locator('#view-1').fill('Supports Mum and sees the children on Sundays.');
  await save();
  await worker.getByRole('link', { name: 'Risk and protective factors' }).click();
  await worker.getByLabel('Risk factors: what are we worried about?').fill('Mum’s low mood; missed school mornings.');
  await worker.getByLabel('Protective factors: what is working well?').fill('Dad and the school are involved.');
  await save();
  await worker.getByRole('link', { name: 'Assessment factors' }).click();
  await worker.getByLabel(o.factor).check();
  await axe?.(worker, 'factors section');
  await save();
  await worker.getByRole('link', { name: 'Analysis' }).click();
  await worker.getByLabel('Analysis').fill(o.analysis);
  await save();
  await worker.getByRole('link', { name: 'Outcome' }).click();
  await worker.getByLabel(o.outcome).check();
  await save();
  await worker.getByRole('link', { name: 'Check answers and submit for authorisation' }).click();
  await axe?.(worker, 'check answers');
  await submit(worker, 'Submit for authorisation', new RegExp(`${url}$`));
  await manager.goto(url);
  await manager.getByRole('button', { name: 'Authorise or return' }).click();
  await axe?.(manager, 'authorise');
  await manager.getByLabel('Authorise the assessment').check();
  await manager.getByLabel('Your comments or challenge').fill('Agreed.');
  await submit(manager, 'Save decision', new RegExp(`${url}$`));
  await expectText(manager, 'Assessment authorised');
  return url;
}

/** The manager closes the child's open episode from the record with a DfE reason; returns the error summary if refused. */
async function closeEpisode(page: Page, childId: number, reason: string): Promise<string | null> {
  await page.goto(`/children/${childId}`);
  await page.getByRole('link', { name: /^Close/ }).click();
  await page.getByLabel(new RegExp(`${reason}:`)).check().catch(async (err) => {
    throw new Error(`${err}\n${page.url()}: ${(await page.locator('main').innerText()).slice(0, 1500)}`);
  });
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/close')),
    page.getByRole('button', { name: 'Close episode' }).click(),
  ]);
  if (res.status() >= 400) return errorSummary(page);
  await page.waitForURL(new RegExp(`/children/${childId}`));
  return null;
}

test('(b) assessment → CIN plan → closure (RC8 refused after a plan: RC7); a sibling’s NFA assessment → RC8; another’s early help → RC9, with axe', { skip: SKIP }, async () => {
  const violations: string[] = [];
  const axe = async (page: Page, label: string) => violations.push(...(await axeViolations(page, label)));
  const referralOn = bReferralOn;
  const startOn = cal.addWorkingDays(referralOn, 1);
  const workerTab = await as('social.worker');
  const managerTab = await as('team.manager');
  const w = workerTab.page;
  const m = managerTab.page;
  for (const id of [ids.esme, ids.otto, ids.ivy]) await allocate(m, id, referralOn);
  const allocated = ' · Allocated to Sam Walker (Assessment)';

  // ---- Esme: assessment → CIN plan → review → plan ends → the episode closes (RC8 refused: there was a plan) ------
  const esmeAssessment = await assessment(w, m, ids.esme, { startOn, outcome: 'Child in need plan', factor: '4B: Mental health: parent or carer', voice: 'Esme worries about Mum and would like help with the morning routine.', analysis: 'Esme and her brother and sister need a plan of support while Mum recovers.' }, axe);
  await w.goto(esmeAssessment);
  await w.getByRole('button', { name: 'Start a child in need plan' }).click();
  const planStart = wdBefore(10);
  await fillDate(w, 'startDate', planStart);
  await axe(w, 'start a CIN plan');
  await submit(w, 'Start the plan', /\/cin-plans\/\d+$/);
  const cinPlanUrl = new URL(w.url()).pathname;
  let top = await recordTop(w, ids.esme);
  assert.equal(top.status, `Current status: Child in need plan${allocated}`);
  hasClock(top.clocks, clockLine('Child in need plan review', planStart, addCalendarDays(planStart, 12 * 7), 10), 'CIN plan started');
  await axe(w, 'record (CIN plan)');
  await w.goto(cinPlanUrl);
  await w.getByRole('button', { name: 'Record a review' }).click();
  await fillDate(w, 'reviewDate', wdBefore(5));
  await w.getByLabel('What the review decided').fill('Mum’s treatment has started and Esme is in school on time: the plan can end.');
  await axe(w, 'CIN plan review');
  await submit(w, 'Save review', /\/cin-plans\/\d+$/);
  await w.getByRole('button', { name: 'End the plan' }).click();
  await fillDate(w, 'endDate', today);
  await w.getByLabel('Why the plan ended').fill('The plan’s outcomes were met.');
  await axe(w, 'end the CIN plan');
  await submit(w, 'End the plan', /\/cin-plans\/\d+$/);
  await expectText(w, 'Child in need plan ended');
  top = await recordTop(w, ids.esme);
  assert.equal(top.status, 'Current status: Allocated to Sam Walker (Assessment)', 'the plan has ended; the episode is still open');
  assert.deepEqual(top.clocks, []);

  const refused = await closeEpisode(m, ids.esme, 'RC8');
  assert.match(refused ?? 'it closed', /RC8 is for a case closed straight after the assessment, and this episode had a child in need plan: select another reason, such as RC7/);
  await axe(m, 'closure refused (RC8 after a CIN plan)');
  assert.equal(await closeEpisode(m, ids.esme, 'RC7'), null);
  await expectText(m, 'Episode closed');
  top = await recordTop(m, ids.esme);
  assert.equal(top.status, 'Current status: Closed');
  assert.match(await m.locator('#episodes ~ .app-episode').first().innerText(), /Closure\s+RC7: Services ceased for any other reason/);
  await axe(m, 'record (closed)');

  // ---- Ivy: RC9 is refused before any assessment; early help after it → RC9 ---------------------------------------
  const early = await closeEpisode(m, ids.ivy, 'RC9');
  assert.match(early ?? 'it closed', /RC9 is for a case closed after an assessment, and this episode has no authorised assessment/);
  await axe(m, 'closure refused (RC9 with no assessment)');
  const ivyAssessment = await assessment(w, m, ids.ivy, { startOn, outcome: 'Step down to early help', factor: '4B: Mental health: parent or carer', voice: 'Ivy drew her family and said she likes nursery.', analysis: 'Ivy’s needs can be met by the family hub with the school nursing team.' });
  assert.match(await m.locator('main').innerText(), /The episode can now be closed with reason RC9: case closed after assessment, referred to early help/);
  assert.equal(await closeEpisode(m, ids.ivy, 'RC9'), null);
  top = await recordTop(m, ids.ivy);
  assert.equal(top.status, 'Current status: Closed');
  assert.match(await m.locator('#episodes ~ .app-episode').first().innerText(), /Closure\s+RC9: Case closed after assessment, referred to early help/);
  assert.ok(ivyAssessment);

  // ---- Otto: an assessment with no further action → RC8, from the link on the authorised assessment ----------------
  const ottoAssessment = await assessment(w, m, ids.otto, { startOn, outcome: 'No further action', factor: '21: No factors identified', voice: 'Otto said things are fine at home and he loves football club.', analysis: 'No further concerns for Otto: Dad and the school are supporting the family.' });
  await m.goto(ottoAssessment);
  assert.match(await m.locator('main').innerText(), /The episode can now be closed with reason RC8: case closed after assessment, no further action/);
  await Promise.all([m.waitForURL(new RegExp(`/children/${ids.otto}$`)), m.getByRole('link', { name: 'the child’s record', exact: true }).click()]);
  assert.equal(await closeEpisode(m, ids.otto, 'RC8'), null);
  top = await recordTop(m, ids.otto);
  assert.equal(top.status, 'Current status: Closed');
  assert.match(await m.locator('#episodes ~ .app-episode').first().innerText(), /Closure\s+RC8: Case closed after assessment, no further action/);

  assert.deepEqual([...workerTab.problems, ...managerTab.problems], []);
  assert.equal(violations.length, 0, report(violations));
  await workerTab.context.close();
  await managerTab.context.close();
});
