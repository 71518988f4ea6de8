import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../src/time/index.js';
import {
  DEFAULT_SETTINGS, FACTORS, assessmentClock, assessmentDueDate, authorisationBlockers, closureReasonFor, guidanceDueDate, nextReviewDue, parseTimescales,
  sectionComplete, validateFactors, validateGuidance, validatePlanEnd, validatePlanStart, validateReview, validateSettings, type AssessmentContent,
} from '../../src/assessments/rules.js';

const cal = defaultCalendar();

test('the 45-working-day limit from a referral on Friday 18 December 2026 runs over Christmas, Boxing Day (substitute Monday 28th) and New Year', () => {
  const due = assessmentDueDate(cal, '2026-12-18', '2026-12-18', 45);
  assert.equal(due.statutoryDate, '2027-02-24');
  assert.equal(due.dueDate, '2027-02-24');
  assert.equal(due.capped, false);
  // Started on Christmas Eve with 45 days set: capped at the referral's 45 working days.
  const late = assessmentDueDate(cal, '2026-12-18', '2026-12-24', 45);
  assert.equal(late.dueDate, '2027-02-24');
  assert.equal(late.capped, true);
  // 10 working days from Christmas Eve: 29, 30, 31 Dec, 4–8 Jan (8), 11, 12 Jan.
  assert.equal(assessmentDueDate(cal, '2026-12-18', '2026-12-24', 10).dueDate, '2027-01-12');
});

test('a 20-working-day timescale from the Thursday before Easter 2026 skips Good Friday, Easter Monday and the early May bank holiday', () => {
  const due = assessmentDueDate(cal, '2026-04-02', '2026-04-02', 20);
  assert.equal(due.dueDate, '2026-05-05');
  assert.equal(due.capped, false);
  assert.equal(assessmentDueDate(cal, '2026-04-02', '2026-04-02', 10).dueDate, '2026-04-20');
  // The referral was weeks earlier: the 45-day limit wins over a 35-day timescale started late.
  const capped = assessmentDueDate(cal, '2026-03-02', '2026-04-02', 35);
  assert.equal(capped.statutoryDate, '2026-05-07');
  assert.equal(capped.dueDate, '2026-05-07');
  assert.equal(capped.capped, true);
});

test('manager guidance is due 1 working day after the request: Maundy Thursday → Tuesday after Easter; Christmas Eve → 29 December', () => {
  assert.equal(guidanceDueDate(cal, '2026-04-02'), '2026-04-07');
  assert.equal(guidanceDueDate(cal, '2026-12-24'), '2026-12-29');
  assert.equal(guidanceDueDate(cal, '2026-12-24', { ...DEFAULT_SETTINGS, guidanceWorkingDays: 2 }), '2026-12-30');
});

test('the assessment clock: due soon within 5 working days, due today, overdue, done in time or late (authorisation date)', () => {
  const a = { start_date: '2026-04-02', due_date: '2026-05-05', authorisation_date: null };
  assert.equal(assessmentClock(cal, a, '2026-04-20')!.status, 'on_track');
  assert.equal(assessmentClock(cal, a, '2026-04-28')!.status, 'due_soon');
  assert.equal(assessmentClock(cal, a, '2026-05-05')!.status, 'due_today');
  assert.equal(assessmentClock(cal, a, '2026-05-06')!.status, 'overdue');
  assert.equal(assessmentClock(cal, { ...a, authorisation_date: '2026-05-05' }, '2026-06-01')!.status, 'completed_on_time');
  assert.equal(assessmentClock(cal, { ...a, authorisation_date: '2026-05-06' }, '2026-06-01')!.status, 'completed_late');
  assert.equal(assessmentClock(cal, { start_date: null, due_date: null, authorisation_date: null }, '2026-06-01'), null);
});

test('guidance needs a focus, an offered timescale and a start date on or after the referral, not in the future', () => {
  const ok = { guidance: 'Focus on school attendance', timescale: 20, startDate: '2026-04-02' };
  assert.deepEqual(validateGuidance(ok, [10, 20, 35, 45], '2026-04-01', '2026-04-02'), []);
  const fields = (g: typeof ok, offered = [10, 20, 35, 45]) => validateGuidance(g, offered, '2026-04-01', '2026-04-02').map((e) => e.field);
  assert.deepEqual(fields({ ...ok, guidance: ' ' }), ['guidance']);
  assert.deepEqual(fields({ ...ok, timescale: 15 }), ['timescale']);
  assert.deepEqual(fields(ok, [10, 45]), ['timescale']);
  assert.deepEqual(fields({ ...ok, startDate: '2026-03-31' }), ['startDate']);
  assert.deepEqual(fields({ ...ok, startDate: '2026-04-03' }), ['startDate']);
});

test('DfE factors: the census list (1A–24A, no retired 18A/19A), 21 alone and only with no further action, no duplicates', () => {
  assert.equal(Object.keys(FACTORS).length, 42);
  assert.ok(!('18A' in FACTORS) && !('19A' in FACTORS) && '24A' in FACTORS && '8F' in FACTORS);
  assert.deepEqual(validateFactors(['3B', '16A'], 'cin_plan'), []);
  assert.deepEqual(validateFactors(['21'], 'nfa'), []);
  assert.deepEqual(validateFactors(['21'], null), []);
  assert.match(validateFactors(['21', '3B'], 'nfa')[0]!.text, /cannot be selected with other factors/);
  assert.match(validateFactors(['21'], 'cin_plan')[0]!.text, /only be used when the outcome is no further action/);
  assert.match(validateFactors(['3B', '3B'], 'cin_plan')[0]!.text, /once/);
  assert.match(validateFactors(['18A'], 'cin_plan')[0]!.text, /Not a DfE assessment factor: 18A/);
});

const complete: AssessmentContent = { childSeen: 'seen_alone', childSeenDate: '2026-04-08', childVoice: 'Likes school', riskFactors: 'x', protectiveFactors: 'y', factors: ['16A'], analysis: 'z', outcome: 'cin_plan', others: 1 };

test('authorisation needs an outcome, analysis, valid factors and the child’s voice', () => {
  assert.deepEqual(authorisationBlockers(complete), []);
  assert.deepEqual(authorisationBlockers({ ...complete, outcome: null, analysis: '', factors: [] }).map((e) => e.field), ['outcome', 'analysis', 'factors']);
  assert.deepEqual(authorisationBlockers({ ...complete, factors: ['21'] }).map((e) => e.field), ['factors']);
  assert.deepEqual(authorisationBlockers({ ...complete, childSeen: 'seen', childSeenDate: null }).map((e) => e.field), ['voice']);
  assert.ok(sectionComplete({ ...complete, childSeen: 'not_seen', childSeenDate: null }, 'voice'));
  assert.ok(!sectionComplete({ ...complete, others: 0 }, 'others'));
});

test('closure reason after the outcome: RC8 after no further action, RC9 after early help, none otherwise', () => {
  assert.equal(closureReasonFor('nfa')!.code, 'RC8');
  assert.equal(closureReasonFor('early_help')!.code, 'RC9');
  assert.equal(closureReasonFor('cin_plan'), null);
});

test('settings: timescales 1–45 working days, each once; the defaults are 10, 20, 35 and 45', () => {
  assert.deepEqual(DEFAULT_SETTINGS.timescales, [10, 20, 35, 45]);
  assert.deepEqual(validateSettings(DEFAULT_SETTINGS), []);
  assert.deepEqual(parseTimescales('20, 10 45'), [10, 20, 45]);
  assert.deepEqual(validateSettings({ ...DEFAULT_SETTINGS, timescales: parseTimescales('10, 50') }).map((e) => e.field), ['timescales']);
  assert.deepEqual(validateSettings({ ...DEFAULT_SETTINGS, timescales: parseTimescales('10, ten') }).map((e) => e.field), ['timescales']);
  assert.deepEqual(validateSettings({ ...DEFAULT_SETTINGS, timescales: [10, 10] }).map((e) => e.field), ['timescales']);
  assert.deepEqual(validateSettings({ ...DEFAULT_SETTINGS, timescales: [] }).map((e) => e.field), ['timescales']);
});

test('CIN plan reviews: first due the interval after the start, then the next date set (within the interval), none once ended', () => {
  const plan = { start_date: '2026-04-07', review_interval_weeks: 12, end_date: null };
  assert.equal(nextReviewDue(plan, []), '2026-06-30');
  assert.equal(nextReviewDue(plan, [{ review_date: '2026-06-25', next_review_date: '2026-08-20' }]), '2026-08-20');
  assert.equal(nextReviewDue(plan, [{ review_date: '2026-06-25', next_review_date: null }]), '2026-09-17');
  assert.equal(nextReviewDue({ ...plan, end_date: '2026-07-01' }, []), null);
  const fields = (r: Parameters<typeof validateReview>[0], last: string | null = null) => validateReview(r, plan, last, '2026-07-01').map((e) => e.field);
  assert.deepEqual(fields({ reviewDate: '2026-06-25', outcome: 'Progress', nextReviewDate: '2026-09-17' }), []);
  assert.deepEqual(fields({ reviewDate: '2026-06-25', outcome: 'Progress', nextReviewDate: '2026-09-18' }), ['nextReviewDate']);
  assert.deepEqual(fields({ reviewDate: '2026-04-01', outcome: '', nextReviewDate: null }), ['reviewDate', 'outcome']);
  assert.deepEqual(fields({ reviewDate: '2026-06-25', outcome: 'x', nextReviewDate: null }, '2026-06-26'), ['reviewDate']);
  assert.deepEqual(validatePlanStart('2026-04-07', '2026-04-01', '2026-04-08', true).map((e) => e.field), ['form']);
  assert.deepEqual(validatePlanStart('2026-03-31', '2026-04-01', '2026-04-08', false).map((e) => e.field), ['startDate']);
  assert.deepEqual(validatePlanEnd('2026-04-07', '', '2026-04-07', '2026-04-08').map((e) => e.field), ['endDate', 'endReason']);
});

test('the top of the child’s record: a CIN plan on an open episode, else an assessment not yet authorised on one', async () => {
  const { recordStatusOf } = await import('../../src/assessments/record.js');
  const open = [5];
  assert.equal(recordStatusOf(null, [], open), null);
  assert.deepEqual(recordStatusOf({ status: 'awaiting_guidance', episode_id: 5 }, [], open), { text: 'Open assessment: awaiting manager guidance', priority: 10 });
  assert.deepEqual(recordStatusOf({ status: 'in_progress', episode_id: 5 }, [], open), { text: 'Open assessment: in progress', priority: 10 });
  assert.equal(recordStatusOf({ status: 'in_progress', episode_id: 4 }, [], open), null, 'a closed episode’s assessment does not count');
  assert.deepEqual(recordStatusOf({ status: 'in_progress', episode_id: 5 }, [{ end_date: null, episode_id: 5 }], open), { text: 'Child in need plan', priority: 20 });
  assert.equal(recordStatusOf(null, [{ end_date: '2026-03-02', episode_id: 5 }], open), null, 'an ended plan does not count');
});
