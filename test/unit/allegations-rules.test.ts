import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../src/time/index.js';
import {
  annualReport, considerationClock, defaultFeedbackDue, openBeyondMonths, reportCsv, subjectKey, timescaleMilestones, validateMeeting, TIMESCALE_TARGETS, type MeetingInput, type ReportCase,
} from '../../src/allegations/rules.js';
import { londonDateTime } from '../../src/allegations/allegation-forms.js';

const cal = defaultCalendar();

test('initial consideration is due 1 working day after the referral: Friday → Monday, over a bank holiday → Tuesday', () => {
  assert.equal(considerationClock(cal, '2026-11-27', '2026-11-27', null).dueDate, '2026-11-30');
  assert.equal(considerationClock(cal, '2026-12-24', '2026-12-24', null).dueDate, '2026-12-29');
  assert.equal(considerationClock(cal, '2026-11-27', '2026-11-30', '2026-11-30').status, 'completed_on_time');
  assert.equal(considerationClock(cal, '2026-11-25', '2026-11-27', null).status, 'overdue');
  assert.equal(considerationClock(cal, '2026-11-25', '2026-11-27', '2026-11-27').status, 'completed_late');
});

test('timescale targets default to 80% in 1 month, 90% in 3, all but exceptional in 12', () => {
  assert.deepEqual(TIMESCALE_TARGETS.map((t) => [t.months, t.percent]), [[1, 80], [3, 90], [12, 100]]);
  const m = timescaleMilestones('2026-01-31', '2026-03-15', '2026-06-01');
  assert.deepEqual(m.map((x) => [x.dueDate, x.state]), [['2026-02-28', 'missed'], ['2026-04-30', 'met'], ['2027-01-31', 'met']]);
  const open = timescaleMilestones('2026-01-10', null, '2026-03-01');
  assert.deepEqual(open.map((x) => x.state), ['missed', 'pending', 'pending']);
  assert.equal(openBeyondMonths('2026-01-10', '2026-02-10'), 0);
  assert.equal(openBeyondMonths('2026-01-10', '2026-02-11'), 1);
  assert.equal(openBeyondMonths('2026-01-10', '2026-04-11'), 3);
  assert.equal(openBeyondMonths('2025-01-10', '2026-01-11'), 12);
});

test('employer feedback is due 10 working days after the meeting by default', () => {
  assert.equal(defaultFeedbackDue(cal, '2026-11-27'), '2026-12-11');
});

const goodMeeting = (): MeetingInput => ({
  kind: 'initial', meetingDate: '2026-11-27', chair: 'Lee', attendees: [{ agency: 'police', name: '', attendance: 'attended' }], keyIssues: 'Issues',
  decisions: [{ slot: 1, decision: 'Police lead', rationale: 'Possible offence' }],
  actions: [{ slot: 'feedback', description: 'Feedback', owner: 'Head', dueDate: '2026-12-11', employerFeedback: true }],
  supportAnswer: 'provided', supportProvider: 'Union', supportNoneReason: '', childSupport: '', employmentStatus: 'none', employmentFrom: null, employmentTo: null, nextReviewDate: null,
});

test('a complete meeting passes the rules', () => {
  assert.deepEqual(validateMeeting(goodMeeting()), []);
});

test('a decision without its rationale is refused, naming the decision', () => {
  const m = goodMeeting();
  m.decisions.push({ slot: 2, decision: 'Suspend', rationale: ' ' });
  assert.deepEqual(validateMeeting(m).map((e) => e.field), ['rationale-2']);
});

test('the support question must be answered: who provides it, or why none is needed', () => {
  const m = goodMeeting();
  m.supportAnswer = '';
  assert.deepEqual(validateMeeting(m).map((e) => e.field), ['supportAnswer']);
  m.supportAnswer = 'none_needed';
  assert.deepEqual(validateMeeting(m).map((e) => e.field), ['supportNoneReason']);
  m.supportNoneReason = 'Declined';
  assert.deepEqual(validateMeeting(m), []);
});

test('actions need an owner and due date, and the employer feedback action is required', () => {
  const m = goodMeeting();
  m.actions = [{ slot: '1', description: 'CCTV', owner: '', dueDate: null, employerFeedback: false }];
  assert.deepEqual(validateMeeting(m).map((e) => e.field), ['owner-1', 'due-1', 'action-feedback']);
});

test('suspension, redeployment or leave needs a start date, and the end is not before it', () => {
  const m = goodMeeting();
  m.employmentStatus = 'suspended';
  assert.deepEqual(validateMeeting(m).map((e) => e.field), ['employmentFrom']);
  m.employmentFrom = '2026-11-27';
  m.employmentTo = '2026-11-01';
  assert.deepEqual(validateMeeting(m).map((e) => e.field), ['employmentTo']);
});

test('annual report: counts, timeliness against targets, repeat referrals, CSV', () => {
  const c = (id: number, received: string, outcomeDate: string | null, subjectId: number, sector = 'education'): ReportCase => ({ id, receivedDate: received, referrerSector: sector, employerSector: sector, category: 'physical', considerationDecision: 'threshold_harm', outcome: outcomeDate ? 'unfounded' : null, outcomeDate, subjectId });
  const r = annualReport([c(1, '2026-04-10', '2026-04-20', 1), c(2, '2026-05-01', '2026-07-15', 1, 'sport'), c(3, '2026-06-01', null, 2), c(4, '2025-06-01', '2025-06-02', 3)], '2026-04-01', '2027-03-31');
  assert.equal(r.total, 3);
  assert.deepEqual(r.bySourceSector.map((x) => [x.key, x.count]), [['education', 2], ['sport', 1]]);
  assert.deepEqual(r.timeliness.map((t) => [t.achievedPercent, t.onTarget]), [[50, false], [100, true], [100, true]]);
  assert.equal(r.repeatSubjects, 1);
  assert.equal(r.repeatReferrals, 2);
  const csv = reportCsv(r);
  assert.match(csv, /^section,item,count_or_percent,target_percent\r\n/);
  assert.match(csv, /timeliness,resolved within 1 month,50,80/);
});

test('subject key ignores case, accents and middle names', () => {
  assert.equal(subjectKey('Zoë Anne', "O'Brien"), subjectKey('zoe', 'OBrien'));
});

test('received time is London wall-clock time', () => {
  assert.equal(londonDateTime('2026-07-01', '09:30').toISOString(), '2026-07-01T08:30:00.000Z');
  assert.equal(londonDateTime('2026-12-01', '09:30').toISOString(), '2026-12-01T09:30:00.000Z');
});
