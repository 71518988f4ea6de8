import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn, allocationErrors, allocationKind, closureErrors, unfinishedWorkErrors, deletionErrors, episodeStatus, markErrors, noteErrors, oversightErrors, parseTime, CLOSURE_REASONS, type AllocationInput } from '../../src/casework/rules.js';
import { fallbackKey } from '../../src/casework/chronology.js';

const fields = (errors: Array<{ field: string }>) => errors.map((e) => e.field);

const alloc = (over: Partial<AllocationInput> = {}): AllocationInput => ({
  teamId: 2,
  workerId: 7,
  reason: 'Allocated for a single assessment',
  fromDate: '2026-04-07',
  current: { teamId: null, workerId: null, startDate: '2026-04-01', status: 'open', lastFromDate: null },
  teamMembers: [7, 8],
  teamActive: true,
  today: '2026-04-07',
  ...over,
});

test('allocation: a worker who is an active member of an active team, with a reason and a date', () => {
  assert.deepEqual(allocationErrors(alloc()), []);
  assert.deepEqual(fields(allocationErrors(alloc({ teamId: null, workerId: null, reason: ' ', fromDate: null }))), ['teamId', 'workerId', 'fromDate', 'reason']);
  assert.deepEqual(fields(allocationErrors(alloc({ workerId: 9 }))), ['workerId'], 'not in the team');
  assert.deepEqual(fields(allocationErrors(alloc({ teamActive: false }))), ['teamId']);
  assert.deepEqual(fields(allocationErrors(alloc({ fromDate: '2026-04-08' }))), ['fromDate'], 'not in the future');
  assert.deepEqual(fields(allocationErrors(alloc({ fromDate: '2026-03-31' }))), ['fromDate'], 'not before the episode started');
  assert.deepEqual(fields(allocationErrors(alloc({ current: { teamId: 1, workerId: 8, startDate: '2026-04-01', status: 'open', lastFromDate: '2026-04-06' }, fromDate: '2026-04-05' }))), ['fromDate'], 'not before the current allocation');
  assert.deepEqual(fields(allocationErrors(alloc({ current: { teamId: 2, workerId: 7, startDate: '2026-04-01', status: 'open', lastFromDate: '2026-04-02' } }))), ['workerId'], 'no change');
  assert.deepEqual(fields(allocationErrors(alloc({ current: { teamId: null, workerId: null, startDate: '2026-04-01', status: 'closed', lastFromDate: null } }))), ['form']);
  assert.ok(allocationErrors(alloc({ reason: 'x'.repeat(2001) }))[0]!.text.includes('2000'));
});

test('allocation kind: first allocation, transfer between teams, reallocation within the team', () => {
  assert.equal(allocationKind({ teamId: null, workerId: null }, 2), 'allocation');
  assert.equal(allocationKind({ teamId: 1, workerId: 7 }, 2), 'transfer');
  assert.equal(allocationKind({ teamId: 2, workerId: 7 }, 2), 'reallocation');
  assert.equal(allocationKind({ teamId: 2, workerId: null }, 2), 'reallocation');
});

const closure = (over: Partial<Parameters<typeof closureErrors>[0]> = {}) => closureErrors({ endDate: '2026-04-07', reason: 'RC8', startDate: '2026-03-02', today: '2026-04-07', openClocks: 0, confirmed: false, hasDeathDate: false, ...over });

test('closure: a date between the start and today, a DfE reason RC1–RC9, confirmation while clocks are open, RC2 with a date of death', () => {
  assert.deepEqual(Object.keys(CLOSURE_REASONS), ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9']);
  assert.deepEqual(closure(), []);
  assert.deepEqual(fields(closure({ endDate: null, reason: '' })), ['endDate', 'reason']);
  assert.deepEqual(fields(closure({ reason: 'RC10' })), ['reason']);
  assert.deepEqual(fields(closure({ endDate: '2026-03-01' })), ['endDate']);
  assert.deepEqual(fields(closure({ endDate: '2026-04-08' })), ['endDate']);
  assert.deepEqual(fields(closure({ reason: 'RC2' })), ['reason']);
  assert.deepEqual(closure({ reason: 'RC2', hasDeathDate: true }), []);
  const open = closure({ openClocks: 2 });
  assert.deepEqual(fields(open), ['confirmOpen']);
  assert.match(open[0]!.text, /2 statutory clocks are still open/);
  assert.match(closure({ openClocks: 1 })[0]!.text, /A statutory clock is still open/);
  assert.deepEqual(closure({ openClocks: 2, confirmed: true }), []);
  // Closing on Good Friday or Easter Monday 2026 is allowed: closure is a calendar date, not a working-day clock.
  assert.deepEqual(closure({ endDate: '2026-04-03' }), []);
  assert.deepEqual(closure({ endDate: '2026-04-06' }), []);
});

const note = (over: Partial<Parameters<typeof noteErrors>[0]> = {}) => noteErrors({ type: 'visit', occurredDate: '2026-04-07', occurredTime: '10:30', summary: 'Home visit', body: 'Saw the child.', childSeen: 'yes', childSeenAlone: 'yes', final: true, today: '2026-04-07', ...over });

test('case notes: a final note is complete; a visit says whether the child was seen and seen alone; a draft can have gaps', () => {
  assert.deepEqual(note(), []);
  assert.deepEqual(fields(note({ type: 'meeting' })), ['type']);
  assert.deepEqual(fields(note({ occurredDate: null })), ['occurredOn']);
  assert.deepEqual(fields(note({ occurredDate: '2026-04-08' })), ['occurredOn']);
  assert.deepEqual(fields(note({ occurredTime: '25:00' })), ['occurredTime']);
  assert.deepEqual(fields(note({ summary: '', body: '' })), ['summary', 'body']);
  assert.deepEqual(fields(note({ childSeen: '' })), ['childSeen']);
  assert.deepEqual(fields(note({ childSeenAlone: '' })), ['childSeenAlone']);
  assert.deepEqual(note({ childSeen: 'no', childSeenAlone: '' }), []);
  assert.deepEqual(fields(note({ childSeen: 'no', childSeenAlone: 'yes' })), ['childSeenAlone']);
  assert.deepEqual(note({ type: 'phone_call', childSeen: '', childSeenAlone: '' }), []);
  assert.deepEqual(note({ final: false, occurredDate: null, occurredTime: '', summary: '', childSeen: '' }), [], 'a draft with only the note');
  assert.deepEqual(fields(note({ final: false, summary: '', body: '' })), ['body'], 'a draft needs some text');
  assert.equal(parseTime('9:05'), '09:05');
  assert.equal(parseTime('14.30'), '14:30');
  assert.equal(parseTime('24:00'), null);
});

test('deletion needs a reason; oversight needs a decision, and a direction needs a timescale not in the past; marks need analysis', () => {
  assert.deepEqual(fields(deletionErrors(' ')), ['reason']);
  assert.deepEqual(deletionErrors('Recorded on the wrong child'), []);
  const o = (over: Partial<Parameters<typeof oversightErrors>[0]> = {}) => oversightErrors({ decision: 'Agree the plan', direction: 'Visit weekly', timescale: '2026-04-10', today: '2026-04-07', ...over });
  assert.deepEqual(o(), []);
  assert.deepEqual(fields(o({ decision: '' })), ['decision']);
  assert.deepEqual(fields(o({ timescale: null })), ['timescale']);
  assert.deepEqual(o({ direction: '', timescale: null }), []);
  assert.deepEqual(fields(o({ timescale: '2026-04-06' })), ['timescale']);
  assert.deepEqual(fields(o({ timescale: null, timescaleError: 'The timescale must be a real date' })), ['timescale']);
  assert.deepEqual(fields(markErrors('')), ['analysis']);
  assert.deepEqual(markErrors('The first sign of the pattern'), []);
});

test('status from the episodes, age, and chronology keys for entries a module gave without one', () => {
  assert.equal(episodeStatus([]), 'No children in need episode');
  assert.equal(episodeStatus([{ status: 'closed', worker_name: 'Sam', team_name: 'Assessment' }]), 'Closed');
  assert.equal(episodeStatus([{ status: 'open', worker_name: null, team_name: null }]), 'Open episode (unallocated)');
  assert.equal(episodeStatus([{ status: 'open', worker_name: 'Sam Walker', team_name: 'Assessment' }]), 'Allocated to Sam Walker (Assessment)');
  assert.equal(ageOn('2016-04-07', '2026-04-06'), 9);
  assert.equal(ageOn('2016-04-07', '2026-04-07'), 10);
  assert.equal(ageOn('2016-02-29', '2026-02-28'), 9);
  const k = fallbackKey({ date: '2026-04-03', kind: 'Strategy discussion', summary: 'Joint s47' });
  assert.match(k, /^strategy-discussion:2026-04-03\.[0-9a-f]{12}$/);
  assert.equal(k, fallbackKey({ date: '2026-04-03', kind: 'Strategy discussion', summary: 'Joint s47' }));
  assert.notEqual(k, fallbackKey({ date: '2026-04-03', kind: 'Strategy discussion', summary: 'Single agency' }));
});

test('closure RC8 / RC9 ("closed after assessment"): only with an authorised assessment and no plan or initial conference after it (CIN census 8825Q, 2990)', () => {
  const none = { authorisedAssessments: 0, cinPlans: 0, cpPlans: 0, initialConferences: 0 };
  const assessed = { ...none, authorisedAssessments: 1 };
  assert.deepEqual(closure({ activity: assessed }), []);
  assert.deepEqual(closure({ reason: 'RC9', activity: assessed }), []);
  const noAssessment = closure({ activity: none });
  assert.deepEqual(fields(noAssessment), ['reason']);
  assert.match(noAssessment[0]!.text, /RC8 is for a case closed after an assessment, and this episode has no authorised assessment/);
  const cin = closure({ reason: 'RC9', activity: { ...assessed, cinPlans: 1 } });
  assert.match(cin[0]!.text, /RC9 .* had a child in need plan: select another reason, such as RC7/);
  assert.match(closure({ activity: { ...assessed, cpPlans: 1, initialConferences: 1 } })[0]!.text, /had a child protection plan:/);
  assert.match(closure({ activity: { ...assessed, initialConferences: 1 } })[0]!.text, /had an initial child protection conference/);
  assert.match(closure({ activity: { ...assessed, cinPlans: 1, cpPlans: 1 } })[0]!.text, /a child in need plan and a child protection plan/);
  // Other reasons do not depend on the work done; RC7 after a plan is how such an episode closes.
  assert.deepEqual(closure({ reason: 'RC7', activity: { ...none, cinPlans: 1 } }), []);
  assert.deepEqual(closure({ reason: 'RC7', activity: none }), []);
});

test('closure: the census refuses unfinished work in a closed episode (8867, 8868), running plans, and a closure before the last activity (8565)', () => {
  const none = { authorisedAssessments: 1, cinPlans: 0, cpPlans: 0, initialConferences: 0 };
  assert.deepEqual(unfinishedWorkErrors('2026-06-01', none), []);
  assert.match(unfinishedWorkErrors('2026-06-01', { ...none, unauthorisedAssessments: 1 })[0]!.text, /An assessment on this episode is not authorised.*8867/);
  assert.match(unfinishedWorkErrors('2026-06-01', { ...none, unauthorisedAssessments: 2 })[0]!.text, /2 assessments on this episode are not authorised/);
  assert.match(unfinishedWorkErrors('2026-06-01', { ...none, unfinishedS47s: 1 })[0]!.text, /neither an initial conference nor a decision.*8868/);
  assert.match(unfinishedWorkErrors('2026-06-01', { ...none, openCpPlans: 1 })[0]!.text, /child protection plan .* still running/);
  assert.match(unfinishedWorkErrors('2026-06-01', { ...none, openCinPlans: 1 })[0]!.text, /child in need plan .* still running/);
  const late = unfinishedWorkErrors('2026-06-01', { ...none, latest: { date: '2026-06-02', what: 'the end of a plan' } });
  assert.deepEqual(late, [{ field: 'endDate', text: 'The date the episode closed must be on or after the end of a plan on 2 June 2026 (CIN census 8565)' }]);
  assert.deepEqual(unfinishedWorkErrors('2026-06-02', { ...none, latest: { date: '2026-06-02', what: 'the end of a plan' } }), []);
  // Through closureErrors: a bad closure date is reported once, as itself, not also against the activity.
  const base = { reason: 'RC7', startDate: '2026-01-05', today: '2026-11-27', openClocks: 0, confirmed: false, hasDeathDate: false };
  assert.deepEqual(closureErrors({ ...base, endDate: '2026-05-01', activity: { ...none, latest: { date: '2026-06-02', what: 'the end of a plan' } } }).map((e) => e.field), ['endDate']);
  assert.deepEqual(closureErrors({ ...base, endDate: '2025-12-01', activity: { ...none, latest: { date: '2026-06-02', what: 'the end of a plan' } } }).map((e) => e.text), ['The date the episode closed must be on or after the date it started']);
});
