import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../src/time/index.js';
import { DEFAULT_RAG_TIMES } from '../../src/frontdoor/rules.js';
import {
  answerErrors, inboxOrder, inboxStatus, isOverdue, requestDue, sendErrors, shareErrors, shareableAgencies, QUESTION_MAX,
} from '../../src/frontdoor/partner-rules.js';

const cal = defaultCalendar();
// Friday 27 November 2026, 10:00 GMT.
const friday10 = new Date('2026-11-27T10:00:00Z');

test('the due time follows the RAG rating: red within hours, amber next working day at 17:00, green after three working days', () => {
  const red = requestDue(cal, 'red', friday10, DEFAULT_RAG_TIMES);
  assert.equal(red.due.toISOString(), '2026-11-27T14:00:00.000Z');
  assert.deepEqual([red.rag, red.assumed], ['red', false]);
  assert.equal(requestDue(cal, 'amber', friday10, DEFAULT_RAG_TIMES).due.toISOString(), '2026-11-30T17:00:00.000Z');
  assert.equal(requestDue(cal, 'green', friday10, DEFAULT_RAG_TIMES).due.toISOString(), '2026-12-02T17:00:00.000Z');
  // The council's own times are used.
  assert.equal(requestDue(cal, 'red', friday10, { ...DEFAULT_RAG_TIMES, redHours: 2 }).due.toISOString(), '2026-11-27T12:00:00.000Z');
});

test('a contact not yet rated is treated as amber, and the result says so', () => {
  const d = requestDue(cal, null, friday10, DEFAULT_RAG_TIMES);
  assert.deepEqual([d.rag, d.assumed], ['amber', true]);
  assert.equal(d.due.toISOString(), requestDue(cal, 'amber', friday10, DEFAULT_RAG_TIMES).due.toISOString());
});

test('overdue: only a request still awaiting an answer, past its due time, on an open contact', () => {
  const due = new Date('2026-11-27T12:00:00Z');
  const after = new Date('2026-11-27T12:00:01Z');
  assert.equal(isOverdue({ status: 'sent', dueAt: due, contactClosed: false }, after), true);
  assert.equal(isOverdue({ status: 'sent', dueAt: due, contactClosed: false }, due), false);
  assert.equal(isOverdue({ status: 'answered', dueAt: due, contactClosed: false }, after), false);
  assert.equal(isOverdue({ status: 'withdrawn', dueAt: due, contactClosed: false }, after), false);
  assert.equal(isOverdue({ status: 'sent', dueAt: due, contactClosed: true }, after), false);
});

test('an unanswered request on a closed contact is no longer needed', () => {
  assert.equal(inboxStatus({ status: 'sent', contactClosed: false }), 'open');
  assert.equal(inboxStatus({ status: 'sent', contactClosed: true }), 'closed');
  assert.equal(inboxStatus({ status: 'answered', contactClosed: true }), 'answered');
  assert.equal(inboxStatus({ status: 'withdrawn', contactClosed: false }), 'withdrawn');
});

test('the inbox puts overdue first, then soonest due, then answered (latest first), then the rest', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const at = (h: number) => new Date(now.getTime() + h * 3600_000);
  const rows = [
    { id: 1, status: 'answered', contactClosed: false, dueAt: at(-50), answeredAt: at(-40) },
    { id: 2, status: 'sent', contactClosed: false, dueAt: at(30), answeredAt: null },
    { id: 3, status: 'withdrawn', contactClosed: false, dueAt: at(-1), answeredAt: null },
    { id: 4, status: 'sent', contactClosed: false, dueAt: at(-2), answeredAt: null },
    { id: 5, status: 'sent', contactClosed: false, dueAt: at(3), answeredAt: null },
    { id: 6, status: 'answered', contactClosed: false, dueAt: at(-5), answeredAt: at(-1) },
    { id: 7, status: 'sent', contactClosed: false, dueAt: at(-20), answeredAt: null },
    { id: 8, status: 'sent', contactClosed: true, dueAt: at(-30), answeredAt: null },
  ];
  assert.deepEqual(inboxOrder(rows, now).map((r) => r.id), [7, 4, 5, 2, 6, 1, 8, 3]);
  assert.deepEqual(rows.map((r) => r.id), [1, 2, 3, 4, 5, 6, 7, 8], 'the input is not reordered');
});

test('sending needs an agency from the list, people on the contact and a question; one open request per agency', () => {
  const ok = { agencies: ['police', 'health'], question: 'Any history of domestic abuse at this address?', personIds: [10, 11] };
  assert.deepEqual(sendErrors(ok, [10, 11, 12], []), []);
  const fields = (errs: Array<{ field: string }>) => errs.map((e) => e.field);
  assert.deepEqual(fields(sendErrors({ agencies: [], question: ' ', personIds: [] }, [10], [])), ['agencies', 'people', 'question']);
  assert.deepEqual(fields(sendErrors({ ...ok, agencies: ['mi5'] }, [10, 11], [])), ['agencies']);
  assert.deepEqual(fields(sendErrors({ ...ok, personIds: [10, 99] }, [10, 11], [])), ['people']);
  assert.deepEqual(fields(sendErrors({ ...ok, question: 'x'.repeat(QUESTION_MAX + 1) }, [10, 11], [])), ['question']);
  const busy = sendErrors(ok, [10, 11], ['health']);
  assert.deepEqual(fields(busy), ['agencies']);
  assert.match(busy[0]!.text, /Health already has a request awaiting an answer/);
  assert.match(sendErrors(ok, [10, 11], ['health', 'police'])[0]!.text, /Police and Health already have/);
});

test('answers must say something; shares go to other partner agencies only', () => {
  assert.equal(answerErrors('  ').length, 1);
  assert.deepEqual(answerErrors('No information held.'), []);
  assert.deepEqual(shareableAgencies('police'), ['health', 'education', 'domestic_abuse', 'probation']);
  assert.deepEqual(shareErrors('police', ['health', 'education']), []);
  assert.deepEqual(shareErrors('police', []), [], 'sharing with nobody takes a share back');
  assert.equal(shareErrors('police', ['police']).length, 1);
  assert.equal(shareErrors('police', ['newspaper']).length, 1);
});
