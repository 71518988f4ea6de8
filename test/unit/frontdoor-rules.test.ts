import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../src/time/index.js';
import {
  DEFAULT_RAG_TIMES, REFERRAL_SOURCES, REFERRAL_SOURCE_ORDER, closeBlockers, consentErrors, decisionClock, decisionIsLate, endOfWorkingDay,
  feedbackLetter, isReferralOutcome, responseDue, timeLeft, validateRagTimes,
} from '../../src/frontdoor/rules.js';

const calendar = defaultCalendar();

test('the decision is due one working day after receipt: Friday → Monday, and over a bank holiday weekend', () => {
  assert.equal(decisionClock(calendar, '2026-11-27', '2026-11-27', null).dueDate, '2026-11-30');
  // Thursday before Good Friday 2026 (3 April) → Easter Monday (6 April) is a bank holiday too → Tuesday.
  assert.equal(decisionClock(calendar, '2026-04-02', '2026-04-02', null).dueDate, '2026-04-07');
  assert.equal(decisionClock(calendar, '2026-11-27', '2026-12-01', null).status, 'overdue');
  assert.equal(decisionClock(calendar, '2026-11-27', '2026-12-01', '2026-11-30').status, 'completed_on_time');
  // A contact received on Saturday is due on Monday.
  assert.equal(decisionClock(calendar, '2026-11-28', '2026-11-28', null).dueDate, '2026-11-30');
});

test('a decision is late only after the due day', () => {
  assert.equal(decisionIsLate(calendar, '2026-11-27', '2026-11-30'), false);
  assert.equal(decisionIsLate(calendar, '2026-11-27', '2026-12-01'), true);
});

test('RAG response times: red in hours, amber and green by 5pm on a working day (GMT and BST)', () => {
  const friday = new Date('2026-11-27T10:00:00Z');
  assert.equal(responseDue(calendar, 'red', friday).toISOString(), '2026-11-27T14:00:00.000Z');
  assert.equal(responseDue(calendar, 'amber', friday).toISOString(), '2026-11-30T17:00:00.000Z');
  assert.equal(responseDue(calendar, 'green', friday).toISOString(), '2026-12-02T17:00:00.000Z');
  assert.equal(endOfWorkingDay('2026-07-01').toISOString(), '2026-07-01T16:00:00.000Z', '17:00 BST');
  assert.equal(responseDue(calendar, 'amber', friday, { ...DEFAULT_RAG_TIMES, amberWorkingDays: 2 }).toISOString(), '2026-12-01T17:00:00.000Z');
  assert.deepEqual(validateRagTimes(DEFAULT_RAG_TIMES), []);
  assert.equal(validateRagTimes({ redHours: 0, amberWorkingDays: 1, greenWorkingDays: 3 })[0]?.field, 'redHours');
  assert.equal(validateRagTimes({ redHours: 4, amberWorkingDays: 3, greenWorkingDays: 2 })[0]?.field, 'greenWorkingDays');
});

test('proceeding without consent needs a reason', () => {
  assert.deepEqual(consentErrors('given', ''), []);
  assert.equal(consentErrors('refused', ' ')[0]?.field, 'consentOverrideReason');
  assert.deepEqual(consentErrors('not_sought', 'Would place the child at risk'), []);
});

test('only referral and strategy discussion count as referrals (CIN census)', () => {
  assert.deepEqual((['nfa', 'information_advice', 'early_help', 'referral', 'strategy_discussion', 'transfer'] as const).filter(isReferralOutcome), ['referral', 'strategy_discussion']);
});

test('every DfE referral source is listed once, in the DfE order', () => {
  assert.deepEqual([...REFERRAL_SOURCE_ORDER].sort(), Object.keys(REFERRAL_SOURCES).sort());
  assert.equal(REFERRAL_SOURCE_ORDER[0], '1A');
  assert.equal(REFERRAL_SOURCE_ORDER.at(-1), '10');
});

test('time left reads as people say it', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  assert.equal(timeLeft(new Date('2026-11-27T12:05:00Z'), now).text, '2 hours 5 minutes left');
  assert.equal(timeLeft(new Date('2026-11-27T09:20:00Z'), now).text, 'overdue by 40 minutes');
  assert.equal(timeLeft(new Date('2026-11-29T13:00:00Z'), now).text, '2 days 3 hours left');
});

test('the feedback letter names each child and their outcome in plain words', () => {
  const letter = feedbackLetter({ councilName: 'Demo Borough Council', referrerName: 'Jo', receivedDate: '2026-11-27', workerName: 'Morgan', children: [{ name: 'Amy Patel', decision: 'strategy_discussion' }, { name: 'Ava Patel', decision: 'early_help' }] });
  assert.match(letter, /^Dear Jo,/);
  assert.match(letter, /27 November 2026/);
  assert.match(letter, /- Amy Patel: we are holding a strategy discussion/);
  assert.match(letter, /- Ava Patel: we have asked our early help service/);
});

test('a contact closes only when every child is decided and the referrer is told (or cannot be)', () => {
  const decided = [{ status: 'decided' }, { status: 'decided' }];
  assert.deepEqual(closeBlockers({ feedbackSentAt: new Date(), feedbackNotSentReason: '', anonymous: false }, decided), []);
  assert.equal(closeBlockers({ feedbackSentAt: null, feedbackNotSentReason: '', anonymous: false }, decided).length, 1);
  assert.deepEqual(closeBlockers({ feedbackSentAt: null, feedbackNotSentReason: 'No contact details given', anonymous: false }, decided), []);
  assert.deepEqual(closeBlockers({ feedbackSentAt: null, feedbackNotSentReason: '', anonymous: true }, decided), []);
  assert.equal(closeBlockers({ feedbackSentAt: new Date(), feedbackNotSentReason: '', anonymous: false }, [{ status: 'decided' }, { status: 'challenged' }]).length, 1);
});
