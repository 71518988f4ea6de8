import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policeErrorSummary, queueFilter, uploadName } from '../../src/frontdoor/police-routes.js';

test('queue filter: valid day/month/year boxes become dates and are kept for page links', () => {
  const f = queueFilter({ 'from-day': '3', 'from-month': '11', 'from-year': '2025', 'to-day': '07', 'to-month': '11', 'to-year': '2025' });
  assert.deepEqual(f.errors, []);
  assert.equal(f.from, '2025-11-03');
  assert.equal(f.to, '2025-11-07');
  assert.deepEqual(f.params, { 'from-day': '3', 'from-month': '11', 'from-year': '2025', 'to-day': '07', 'to-month': '11', 'to-year': '2025' });
  assert.deepEqual(f.values.from, { day: '3', month: '11', year: '2025' });
});

test('queue filter: no dates is no filter and no error', () => {
  const f = queueFilter({ 'from-day': '', 'from-month': ' ', category: 'crime' });
  assert.deepEqual(f.errors, []);
  assert.equal(f.from, undefined);
  assert.equal(f.to, undefined);
  assert.deepEqual(f.params, {});
});

test('queue filter: each bad date gets its own specific error and is not applied', () => {
  const f = queueFilter({ 'from-day': '29', 'from-month': '2', 'from-year': '2025', 'to-month': '3', 'to-year': '2025' });
  assert.equal(f.from, undefined);
  assert.equal(f.to, undefined);
  assert.deepEqual(f.errors, [
    { field: 'from', text: 'The “received from” date must be a real date' },
    { field: 'to', text: 'The “received to” date must include a day' },
  ]);
  assert.deepEqual(f.values.from, { day: '29', month: '2', year: '2025' }, 'what was typed is kept');
});

test('queue filter: a whole date in the link (from=YYYY-MM-DD) is read as the boxes; anything else there is an error', () => {
  const f = queueFilter({ from: '2025-11-03', to: 'yesterday' });
  assert.equal(f.from, '2025-11-03');
  assert.deepEqual(f.values.from, { day: '3', month: '11', year: '2025' });
  assert.deepEqual(f.params, { 'from-day': '3', 'from-month': '11', 'from-year': '2025' });
  assert.deepEqual(f.errors, [{ field: 'to', text: 'The “received to” date must be a real date' }]);
  assert.deepEqual(queueFilter({ from: '2025-02-30' }).errors, [{ field: 'from', text: 'The “received from” date must be a real date' }]);
});

test('queue filter: "to" before "from" is an error on "to"', () => {
  const f = queueFilter({ 'from-day': '10', 'from-month': '11', 'from-year': '2025', 'to-day': '9', 'to-month': '11', 'to-year': '2025' });
  assert.deepEqual(f.errors, [{ field: 'to', text: 'The “received to” date must be the same as or after the “received from” date' }]);
});

test('error summary: police date inputs link to their day box; other fields and the form as usual', () => {
  assert.deepEqual(
    policeErrorSummary([
      { field: 'meetingDate', text: 'a' },
      { field: 'dueOn-12', text: 'b' },
      { field: 'sentOn-7', text: 'c' },
      { field: 'from', text: 'd' },
      { field: 'notes-12', text: 'e' },
      { field: 'form', text: 'f' },
    ]),
    [
      { text: 'a', href: '#meetingDate-day' },
      { text: 'b', href: '#dueOn-12-day' },
      { text: 'c', href: '#sentOn-7-day' },
      { text: 'd', href: '#from-day' },
      { text: 'e', href: '#notes-12' },
      { text: 'f' },
    ],
  );
});

test('upload name: the last part of a path, without control characters, at most 200 characters', () => {
  assert.equal(uploadName('overnight.csv'), 'overnight.csv');
  assert.equal(uploadName('C:\\fakepath\\ppn 2026-11-27.csv'), 'ppn 2026-11-27.csv');
  assert.equal(uploadName('../../etc/passwd'), 'passwd');
  assert.equal(uploadName('a\u0000b\nc.csv'), 'abc.csv');
  assert.equal(uploadName(undefined), '');
  assert.equal(uploadName('x'.repeat(300)).length, 200);
});
