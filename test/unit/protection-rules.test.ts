import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar, isWeekend } from '../../src/time/index.js';
import {
  coreGroupClock, coreGroupDueDate, icpcClock, icpcTargetDate, isCategory, isPreBirth, latestCategory, missingAgencies,
  previousPlansCount, reviewDueDate, reviewInTime, validateConference, validateStrategyDiscussion, validScaling,
  visitClock, visitDueDate, workingDayNumber,
} from '../../src/protection/rules.js';

const cal = defaultCalendar();

describe('ICPC target: 15 working days after the strategy discussion that initiated the s47', () => {
  test('over Christmas and New Year 2026: a discussion on Thursday 17 December is due on Tuesday 12 January 2027', () => {
    // Christmas Day (Fri 25), Boxing Day substitute (Mon 28) and New Year's Day (Fri 1) are not working days.
    assert.equal(icpcTargetDate(cal, '2026-12-17'), '2027-01-12');
    assert.equal(cal.workingDaysBetween('2026-12-17', '2027-01-12'), 15);
  });
  test('over Easter 2026 (Good Friday 3 April, Easter Monday 6 April): a discussion on Friday 20 March is due on Tuesday 14 April', () => {
    assert.equal(icpcTargetDate(cal, '2026-03-20'), '2026-04-14');
  });
  test('the target is never a weekend or a bank holiday, whatever day the discussion was held', () => {
    for (let d = new Date('2026-01-01'); d < new Date('2027-12-01'); d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      const target = icpcTargetDate(cal, iso);
      assert.ok(!isWeekend(target) && cal.isWorkingDay(target), `${iso} → ${target}`);
    }
  });
  test('a discussion held on a bank holiday (Easter Monday) counts from the next working day', () => {
    assert.equal(icpcTargetDate(cal, '2026-04-06'), cal.addWorkingDays('2026-04-07', 14));
  });
  test('an ICPC on working day 12 is in time; on day 16 it is late', () => {
    const day12 = cal.addWorkingDays('2026-12-17', 12);
    assert.equal(day12, '2027-01-07');
    assert.equal(workingDayNumber(cal, '2026-12-17', day12), 12);
    assert.equal(icpcClock(cal, '2026-12-17', '2027-01-20', day12).status, 'completed_on_time');
    assert.equal(icpcClock(cal, '2026-12-17', '2027-01-20', '2027-01-13').status, 'completed_late');
  });
  test('an open clock: due soon, due today, overdue', () => {
    assert.equal(icpcClock(cal, '2026-12-17', '2027-01-07', null).status, 'due_soon');
    assert.equal(icpcClock(cal, '2026-12-17', '2027-01-12', null).status, 'due_today');
    const overdue = icpcClock(cal, '2026-12-17', '2027-01-14', null);
    assert.equal(overdue.status, 'overdue');
    assert.equal(overdue.workingDaysRemaining, -2);
    assert.equal(icpcClock(cal, '2026-12-17', '2026-12-18', null).status, 'on_track');
  });
});

describe('first core group: within 10 working days of the ICPC', () => {
  test('over Easter 2026: an ICPC on Tuesday 31 March has its core group due on Thursday 16 April', () => {
    assert.equal(coreGroupDueDate(cal, '2026-03-31'), '2026-04-16');
  });
  test('over Christmas: an ICPC on Wednesday 23 December 2026 → Monday 11 January 2027', () => {
    assert.equal(coreGroupDueDate(cal, '2026-12-23'), '2027-01-11');
  });
  test('a core group on working day 8 is in time', () => {
    const day8 = cal.addWorkingDays('2026-03-31', 8);
    assert.equal(day8, '2026-04-14');
    assert.equal(coreGroupClock(cal, '2026-03-31', '2026-04-20', day8).status, 'completed_on_time');
    assert.equal(coreGroupClock(cal, '2026-03-31', '2026-04-20', '2026-04-17').status, 'completed_late');
    assert.equal(coreGroupClock(cal, '2026-03-31', '2026-04-17', null).status, 'overdue');
  });
});

describe('review conferences: first within 3 months of the ICPC, then at most 6 months apart', () => {
  test('first review: calendar months from the ICPC (month ends clamp)', () => {
    assert.equal(reviewDueDate('2026-01-12', null), '2026-04-12');
    assert.equal(reviewDueDate('2026-11-30', null), '2027-02-28');
    assert.equal(reviewDueDate('2026-12-31', null), '2027-03-31');
  });
  test('later reviews: 6 months from the previous review, whatever the holidays', () => {
    assert.equal(reviewDueDate('2026-01-12', '2026-04-03'), '2026-10-03');
    assert.equal(reviewDueDate('2026-01-12', '2026-06-25'), '2026-12-25');
  });
  test('in time: on or before the limit', () => {
    assert.equal(reviewInTime('2026-01-12', null, '2026-04-12'), true);
    assert.equal(reviewInTime('2026-01-12', null, '2026-04-13'), false);
    assert.equal(reviewInTime('2026-01-12', '2026-04-01', '2026-10-01'), true);
  });
});

describe('statutory visits: every N working days (default 10) from the last visit or the plan start', () => {
  test('over Christmas: plan started Tuesday 22 December 2026 → first visit due Friday 8 January 2027', () => {
    assert.equal(visitDueDate(cal, '2026-12-22', null, 10), '2027-01-08');
  });
  test('over Easter 2026: last visit on Thursday 2 April, every 5 working days → Monday 13 April', () => {
    assert.equal(visitDueDate(cal, '2026-01-05', '2026-04-02', 5), '2026-04-13');
  });
  test('a visit overdue is flagged', () => {
    // 20 March + 10 working days skips Good Friday and Easter Monday: due Tuesday 7 April.
    assert.equal(visitDueDate(cal, '2026-03-02', '2026-03-20', 10), '2026-04-07');
    assert.equal(visitClock(cal, '2026-03-02', '2026-03-20', 10, '2026-04-07').status, 'due_today');
    assert.equal(visitClock(cal, '2026-03-02', '2026-03-20', 10, '2026-04-08').status, 'overdue');
    assert.equal(visitClock(cal, '2026-03-02', '2026-03-20', 10, '2026-03-23').status, 'on_track');
  });
});

describe('strategy discussions, categories, previous plans, pre-birth', () => {
  test('police, health and social care are required; missing ones are flagged', () => {
    assert.deepEqual(missingAgencies([{ agency: 'social_care' }, { agency: 'education' }]), ['police', 'health']);
    assert.deepEqual(missingAgencies([{ agency: 'social_care' }, { agency: 'police' }, { agency: 'health' }]), []);
  });
  test('category codes are the CIN census ones', () => {
    for (const c of ['NEG', 'PHY', 'SAB', 'EMO', 'MUL']) assert.ok(isCategory(c));
    assert.ok(!isCategory('neglect'));
    assert.ok(!isCategory('toString'));
    assert.equal(latestCategory('NEG', [{ held_on: '2026-02-01', category: 'NEG' }, { held_on: '2026-05-01', category: 'EMO' }, { held_on: '2026-08-01', category: null }]), 'EMO');
  });
  test('previous plans: the child’s plans that started earlier', () => {
    assert.equal(previousPlansCount([{ start_date: '2020-01-01', id: 1 }, { start_date: '2023-05-01', id: 2 }, { start_date: '2026-03-01', id: 3 }], '2026-03-01', 3), 2);
    assert.equal(previousPlansCount([], '2026-03-01'), 0);
  });
  test('pre-birth: an expected date of birth and no date of birth', () => {
    assert.equal(isPreBirth({ date_of_birth: null, expected_date_of_birth: '2026-08-01' }), true);
    assert.equal(isPreBirth({ date_of_birth: '2026-08-01', expected_date_of_birth: '2026-08-01' }), false);
  });
  test('scalings are whole numbers 0 to 10', () => {
    assert.equal(validScaling('0'), 0);
    assert.equal(validScaling('10'), 10);
    assert.equal(validScaling(''), null);
    assert.equal(validScaling('11'), undefined);
    assert.equal(validScaling('5.5'), undefined);
  });
  test('a strategy discussion needs a date, attendees, information shared and a decision; no s47 needs a rationale', () => {
    const errors = validateStrategyDiscussion({ heldOn: '2026-01-01', attendees: [], informationShared: '', decision: 'no_s47', rationale: '', actions: [{ description: 'x', owner: '', dueOn: null, slot: '1' }] }, '2026-01-05');
    assert.deepEqual(errors.map((e) => e.field), ['heldOn', 'agency-1', 'informationShared', 'rationale', 'owner-1', 'due-1']);
  });
  test('a conference that makes a plan needs a category', () => {
    const base = { kind: 'initial' as const, heldOn: '2026-02-01', attendees: [{ agency: 'police', name: 'PC Reid', role: '', attended: true, scaling: 3, slot: '1' }], reportsReceived: '', decision: 'plan', category: '' };
    assert.deepEqual(validateConference(base, '2026-01-15').map((e) => e.field), ['category']);
    assert.deepEqual(validateConference({ ...base, category: 'NEG' }, '2026-01-15'), []);
    assert.deepEqual(validateConference({ ...base, decision: 'no_plan' }, '2026-01-15'), []);
  });
});
