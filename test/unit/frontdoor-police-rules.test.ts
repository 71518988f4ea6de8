import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attendeeErrors, checkBatch, decisionErrors, encompassDueAt, encompassState, londonLocalTime, notificationsFromCsv, outstandingEncompass,
  parseCsvDateTime, planCsvHeader, londonDate, requiredEncompassNotices, splitByReference, CSV_COLUMNS,
} from '../../src/frontdoor/police-rules.js';
import { defaultCalendar, isoDateInLondon } from '../../src/time/index.js';

const header = [...CSV_COLUMNS];
const row = (o: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) => header.map((h) => o[h] ?? '');
const base = { police_reference: 'PPN-1', received_at: '2026-11-26 07:10', category: 'domestic_abuse', domestic_abuse: 'yes', risk: 'medium', summary: 'Argument, children present', person_role: 'child', given_name: 'Mia', family_name: 'Example', date_of_birth: '01/02/2019' };
const plan = () => {
  const p = planCsvHeader(header);
  assert.ok(p.ok);
  return p.plan;
};

test('CSV: rows of one reference become one notification with its children and adults', () => {
  const { notifications, problems } = notificationsFromCsv(plan(), [
    { line: 2, values: row(base) },
    { line: 3, values: row({ ...base, person_role: 'adult', given_name: 'Lee', date_of_birth: '' }) },
    { line: 4, values: row({ ...base, police_reference: 'ppn-2', category: 'crime', domestic_abuse: 'no', risk: 'standard' }) },
  ]);
  assert.deepEqual(problems, []);
  assert.equal(notifications.length, 2);
  const [a, b] = notifications;
  assert.equal(a!.people.length, 2);
  assert.deepEqual(a!.people.map((p) => p.role), ['child', 'adult']);
  assert.equal(a!.people[0]!.dateOfBirth, '2019-02-01');
  assert.equal(a!.domesticAbuse, true);
  // References are compared in upper case: the police's systems are not consistent about it.
  assert.equal(b!.policeReference, 'PPN-2');
  assert.equal(b!.domesticAbuse, false);
});

test('CSV: every bad row is reported with its own line, and a good row has none', () => {
  const { problems } = notificationsFromCsv(plan(), [
    { line: 2, values: row({ ...base, received_at: 'yesterday' }) },
    { line: 3, values: row({ ...base, police_reference: 'PPN-3', risk: 'extreme' }) },
    { line: 4, values: row({ ...base, police_reference: 'PPN-4', person_role: 'parent' }) },
    { line: 5, values: row({ ...base, police_reference: 'PPN-5', date_of_birth: '31/02/2019' }) },
    { line: 6, values: row({ ...base, police_reference: 'PPN-6', person_role: 'adult' }) },
    { line: 7, values: row({ ...base, police_reference: 'PPN-7', nhs_number: '1234567890' }) },
    { line: 8, values: row({ ...base, police_reference: 'PPN-8', given_name: '', family_name: '' }) },
    { line: 9, values: row({ ...base, police_reference: 'PPN-9' }) },
  ]);
  const lines = problems.map((p) => p.at);
  assert.deepEqual([...new Set(lines)], [2, 3, 4, 5, 6, 7, 8]);
  assert.match(problems.find((p) => p.at === 3)!.text, /standard, medium or high/);
  assert.match(problems.find((p) => p.at === 6)!.text, /at least one child/);
  assert.match(problems.find((p) => p.at === 7)!.text, /NHS number/);
});

test('CSV: a person problem is reported on that person’s line, not the notification’s first', () => {
  const { problems } = notificationsFromCsv(plan(), [
    { line: 2, values: row(base) },
    { line: 3, values: row({ ...base, person_role: 'adult', given_name: 'Lee' }) },
    { line: 4, values: row({ ...base, given_name: 'Noah', person_postcode: 'NOT A POSTCODE' }) },
  ]);
  assert.deepEqual(problems.map((p) => [p.at, p.field]), [[4, 'person_postcode']]);
});

test('CSV: two rows of one reference that disagree on the notification are refused', () => {
  const { problems } = notificationsFromCsv(plan(), [
    { line: 2, values: row(base) },
    { line: 3, values: row({ ...base, risk: 'high', given_name: 'Noah' }) },
  ]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.at, 3);
  assert.match(problems[0]!.text, /also on line 2/);
});

test('CSV: a missing required column is reported before any row', () => {
  const p = planCsvHeader(['police_reference', 'summary']);
  assert.equal(p.ok, false);
  assert.match((p as { text: string }).text, /received_at/);
});

test('CSV times: London local time (GMT and BST) and explicit offsets', () => {
  assert.equal(parseCsvDateTime('2026-11-26 21:40'), '2026-11-26T21:40:00.000Z');
  assert.equal(parseCsvDateTime('26/07/2026 21:40'), '2026-07-26T20:40:00.000Z');
  assert.equal(parseCsvDateTime('2026-07-26T21:40:00+01:00'), '2026-07-26T20:40:00.000Z');
  assert.equal(parseCsvDateTime('2026-07-26 25:40'), null);
  assert.equal(parseCsvDateTime('soon'), null);
  assert.equal(londonLocalTime('2026-03-29', 8, 30).toISOString(), '2026-03-29T07:30:00.000Z');
  assert.equal(londonLocalTime('2026-01-05', 0, 15).toISOString(), '2026-01-05T00:15:00.000Z');
  assert.equal(londonLocalTime('2026-06-05', 0, 15).toISOString(), '2026-06-04T23:15:00.000Z');
});

test('London dates and times by the summer time rule agree with Intl, hour by hour over two years', () => {
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 3600_000) {
    const d = new Date(t);
    assert.equal(londonDate(d), isoDateInLondon(d), d.toISOString());
  }
  // Around the clocks going forward (29 March 2026) and back (25 October 2026).
  assert.equal(londonLocalTime('2026-03-28', 8, 30).toISOString(), '2026-03-28T08:30:00.000Z');
  assert.equal(londonLocalTime('2026-03-30', 8, 30).toISOString(), '2026-03-30T07:30:00.000Z');
  assert.equal(londonLocalTime('2026-10-24', 8, 30).toISOString(), '2026-10-24T07:30:00.000Z');
  assert.equal(londonLocalTime('2026-10-26', 8, 30).toISOString(), '2026-10-26T08:30:00.000Z');
});

test('API batch: all problems are reported by index, and a reference twice in one batch is a problem', () => {
  const good = { policeReference: 'A-1', receivedAt: '2026-11-26T07:00:00Z', category: 'crime', risk: 'standard', summary: 'x', children: [{ givenName: 'Mia', familyName: 'Example', dateOfBirth: '2019-02-01' }] };
  assert.equal(checkBatch([good]).ok, true);
  const future = checkBatch([{ ...good, receivedAt: new Date(Date.now() + 3600_000).toISOString() }]);
  assert.equal(future.ok, false, 'a notification received in the future is a mistake');
  const r = checkBatch([good, { ...good, policeReference: 'a-1' }, { ...good, policeReference: 'A-2', children: [] }, { ...good, policeReference: 'A-3', receivedAt: '26/11/2026' }]);
  assert.equal(r.ok, false);
  const problems = (r as { problems: Array<{ at: number; field: string }> }).problems;
  assert.deepEqual(problems.map((p) => [p.at, p.field]), [[1, 'policeReference'], [2, 'children'], [3, 'receivedAt']]);
});

test('idempotency: references already held are reported, not imported again', () => {
  const items = [{ policeReference: 'A' }, { policeReference: 'B' }, { policeReference: 'C' }];
  assert.deepEqual(splitByReference(items, new Set(['B'])), { fresh: [{ policeReference: 'A' }, { policeReference: 'C' }], already: ['B'] });
  assert.deepEqual(splitByReference(items, new Set(['A', 'B', 'C'])).fresh, []);
});

test('Encompass: which notices a child needs by age', () => {
  const on = '2026-11-26';
  assert.deepEqual(requiredEncompassNotices('2025-01-01', on).required, ['health_visitor']);
  assert.deepEqual(requiredEncompassNotices('2022-06-01', on).required, ['school', 'health_visitor']);
  assert.deepEqual(requiredEncompassNotices('2021-11-26', on).required, ['school', 'school_nurse']);
  assert.deepEqual(outstandingEncompass('2015-01-01', on, ['school']), ['school_nurse']);
  assert.deepEqual(outstandingEncompass('2015-01-01', on, ['school', 'school_nurse']), []);
  // Age unknown: the school and a health notice (either service).
  assert.deepEqual(outstandingEncompass(null, on, []), ['school', 'health_visitor']);
  assert.deepEqual(outstandingEncompass(null, on, ['school', 'school_nurse']), []);
});

test('Encompass is due before school starts on the next school day', () => {
  const calendar = defaultCalendar();
  // Thursday evening incident → before 08:30 on Friday.
  assert.equal(encompassDueAt(calendar, { incidentAt: new Date('2026-11-26T21:40:00Z'), receivedAt: new Date('2026-11-27T06:00:00Z') }).toISOString(), '2026-11-27T08:30:00.000Z');
  // Friday night → Monday; a Saturday → Monday too.
  assert.equal(encompassDueAt(calendar, { incidentAt: new Date('2026-11-27T22:00:00Z'), receivedAt: new Date('2026-11-28T06:00:00Z') }).toISOString(), '2026-11-30T08:30:00.000Z');
  assert.equal(encompassDueAt(calendar, { incidentAt: null, receivedAt: new Date('2026-11-28T10:00:00Z') }).toISOString(), '2026-11-30T08:30:00.000Z');
  // Over Christmas the bank holidays are skipped; summer time is respected.
  assert.equal(encompassDueAt(calendar, { incidentAt: new Date('2026-12-24T20:00:00Z'), receivedAt: new Date('2026-12-24T21:00:00Z') }).toISOString(), '2026-12-29T08:30:00.000Z');
  assert.equal(encompassDueAt(calendar, { incidentAt: new Date('2026-07-01T20:00:00Z'), receivedAt: new Date('2026-07-01T21:00:00Z') }).toISOString(), '2026-07-02T07:30:00.000Z');
  const due = new Date('2026-11-27T08:30:00Z');
  assert.equal(encompassState(false, 2, due, new Date('2026-11-28T00:00:00Z')), 'not_needed');
  assert.equal(encompassState(true, 0, due, new Date('2026-11-28T00:00:00Z')), 'sent');
  assert.equal(encompassState(true, 1, due, new Date('2026-11-27T08:00:00Z')), 'due');
  assert.equal(encompassState(true, 1, due, new Date('2026-11-27T08:30:00Z')), 'overdue');
});

test('the screening meeting: multi-agency attendance and complete decisions', () => {
  assert.match(attendeeErrors([])[0]!.text, /who attended/);
  assert.match(attendeeErrors([{ name: 'A', agency: 'police' }])[0]!.text, /Children’s social care, Health, Education/);
  assert.deepEqual(attendeeErrors([{ name: 'A', agency: 'police' }, { name: 'B', agency: 'health' }, { name: 'C', agency: 'education' }, { name: 'D', agency: 'childrens_social_care' }]), []);
  const d = { notificationId: 7, decision: 'contact' as const, notes: '', sharedWith: '', action: { text: 'Call school', owner: '', dueOn: '2026-11-01' }, matchedChildren: 0 };
  const fields = decisionErrors(d, '2026-11-26').map((e) => e.field);
  assert.deepEqual(fields, ['notes-7', 'decision-7', 'owner-7', 'dueOn-7']);
  assert.deepEqual(decisionErrors({ ...d, notes: 'ok', matchedChildren: 1, action: null }, '2026-11-26'), []);
  assert.deepEqual(decisionErrors({ ...d, decision: 'information_shared', notes: 'ok', action: null }, '2026-11-26').map((e) => e.field), ['sharedWith-7']);
});
