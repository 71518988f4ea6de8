/**
 * The police screening queue's filter (category and the received dates as GOV.UK date inputs): a date that is
 * not a real one is reported in the error summary (never a 500 or silently dropped), what was typed is kept,
 * a valid filter narrows the queue and its page links keep it. The meeting form has no duplicate ids.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';
import { londonLocalTime, type NotificationInput, type PoliceCategory } from '../../src/frontdoor/police-rules.js';
import { QUEUE_PAGE_SIZE } from '../../src/frontdoor/police-service.js';
import { addCalendarDays, todayInLondon } from '../../src/time/index.js';

const notification = (ref: string, receivedOn: string, category: PoliceCategory, i: number): NotificationInput => ({
  policeReference: ref,
  receivedAt: londonLocalTime(receivedOn, 9, i % 60),
  incidentAt: null,
  category,
  domesticAbuse: category === 'domestic_abuse',
  risk: 'standard',
  force: 'Test Police',
  officer: 'PC 1 Test',
  summary: 'Test notification for the queue filter.',
  address: '',
  postcode: '',
  people: [{ role: 'child', givenName: 'Filter', familyName: `Testchild-${i}`, dateOfBirth: '2016-05-05', postcode: '', nhsNumber: '' }],
});

const dateQuery = (key: 'from' | 'to', iso: string) => `${key}-day=${Number(iso.slice(8))}&${key}-month=${Number(iso.slice(5, 7))}&${key}-year=${iso.slice(0, 4)}`;

for (const target of TARGETS) {
  describe(`police queue filter on ${target}`, () => {
    let t: TestApp;
    let worker: TestClient;
    const today = todayInLondon();
    // Days no demo notification is received on: the demo's are from the last few days.
    const busyDay = addCalendarDays(today, -40);
    const quietDay = addCalendarDays(today, -41);

    before(async () => {
      t = await startTestApp(target);
      // A full page and one more of domestic abuse on the busy day, one crime the same day, one the day before.
      const batch = Array.from({ length: QUEUE_PAGE_SIZE + 1 }, (_, i) => notification(`QF-DA-${String(i).padStart(3, '0')}`, busyDay, 'domestic_abuse', i));
      batch.push(notification('QF-CRIME-1', busyDay, 'crime', 90), notification('QF-EARLIER-1', quietDay, 'domestic_abuse', 91));
      await t.services.police.import(SYSTEM_CONTEXT, batch, { kind: 'csv', fileName: 'queue-filter.csv' });
      worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
    });
    after(async () => t?.close());

    test('dates that are not real, incomplete, in the future or the wrong way round: a specific error each, input kept, no list', async () => {
      const cases: Array<[string, RegExp, string]> = [
        ['from-day=31&from-month=2&from-year=2026', /The “received from” date must be a real date/, 'from'],
        ['to-day=5&to-month=13&to-year=2026', /The “received to” date must be a real date/, 'to'],
        ['from-day=5&from-year=2026', /The “received from” date must include a month/, 'from'],
        ['from-day=x&from-month=1&from-year=2026', /The “received from” date must be a real date/, 'from'],
        [dateQuery('from', addCalendarDays(today, 3)), /The “received from” date must be today or in the past/, 'from'],
        [`${dateQuery('from', busyDay)}&${dateQuery('to', quietDay)}`, /The “received to” date must be the same as or after the “received from” date/, 'to'],
      ];
      for (const [query, message, field] of cases) {
        const res = await worker.get(`/frontdoor/police?category=domestic_abuse&${query}`);
        assert.equal(res.status, 400, query);
        const page = text(res.body);
        assert.match(page, new RegExp(`There is a problem ${message.source}`), query);
        assert.match(res.body, new RegExp(`href="#${field}-day"`), `${query}: the summary links to the day box`);
        assert.match(res.body, new RegExp(`id="${field}-error"`), `${query}: the field shows its error`);
        assert.match(page, /Correct the filter to see the notifications awaiting screening/);
        assert.doesNotMatch(page, /QF-DA-000/, `${query}: no list under a filter that could not be applied`);
        assert.match(res.body, /<title>Error: /);
      }
      const kept = await worker.get('/frontdoor/police?category=domestic_abuse&from-day=31&from-month=2&from-year=2026');
      assert.match(kept.body, /<input[^>]*name="from-day"[^>]*value="31"/, 'what was typed is kept');
      assert.match(kept.body, /<option value="domestic_abuse" selected>/);
    });

    test('a valid filter narrows the queue by category and received date; page links keep the filter', async () => {
      const res = await worker.get(`/frontdoor/police?category=domestic_abuse&${dateQuery('from', busyDay)}&${dateQuery('to', busyDay)}`);
      assert.equal(res.status, 200);
      const page = text(res.body);
      assert.match(page, new RegExp(`${QUEUE_PAGE_SIZE + 1} awaiting screening that match the filter, oldest first, page 1 of 2`));
      assert.match(page, /QF-DA-000/);
      assert.doesNotMatch(page, /QF-CRIME-1/, 'another category');
      assert.doesNotMatch(page, /QF-EARLIER-1/, 'received the day before');
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(res.body)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(next, 'a link to the next page');
      const params = new URL(next, 'http://x').searchParams;
      assert.equal(params.get('category'), 'domestic_abuse');
      assert.equal(params.get('from-day'), String(Number(busyDay.slice(8))));
      assert.equal(params.get('to-year'), busyDay.slice(0, 4));
      assert.equal(params.get('page'), '2');
      const second = text((await worker.get(next)).body);
      assert.match(second, new RegExp(`QF-DA-${String(QUEUE_PAGE_SIZE).padStart(3, '0')}`));
      assert.doesNotMatch(second, /QF-DA-000 /);

      // From only: the day before is included, later days too.
      const from = text((await worker.get(`/frontdoor/police?${dateQuery('from', quietDay)}&${dateQuery('to', busyDay)}&category=crime`)).body);
      assert.match(from, /QF-CRIME-1/);
      assert.doesNotMatch(from, /QF-DA-0/);
      const none = await worker.get(`/frontdoor/police?${dateQuery('from', addCalendarDays(today, -60))}&${dateQuery('to', addCalendarDays(today, -59))}`);
      assert.equal(none.status, 200);
      assert.match(text(none.body), /No police notifications are waiting for screening that match the filter/);
    });

    test('the screening meeting form has no duplicate ids, and a date error links to its day box', async () => {
      const form = await worker.get('/frontdoor/police/meetings/new');
      assert.equal(form.status, 200);
      const ids = [...form.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
      assert.deepEqual([...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))], []);
      const res = await worker.post('/frontdoor/police/meetings/new', { 'meetingDate-day': '30', 'meetingDate-month': '2', 'meetingDate-year': '2026', chair: 'Chair' }, { tokenFrom: '/frontdoor/police/meetings/new' });
      assert.equal(res.status, 400);
      assert.match(text(res.body), /The date of the meeting must be a real date/);
      assert.match(res.body, /href="#meetingDate-day"/);
    });
  });
}
