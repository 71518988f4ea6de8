/**
 * The clock and section registries as the casework pages use them: a module's clock (here a fake one, counted in
 * working days over Easter 2026) appears on the child's record with its days and tag, in the worker's and the
 * manager's trays, and makes closing the episode ask for confirmation; a module's section can set the status at the top.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshEpisode } from '../support/casework.js';
import { TARGETS, startTestApp, TestClient, text, type TestApp, versionOf, dateFields } from '../support/harness.js';
import { CLOCK_SOURCES } from '../../src/casework/clock-sources.js';
import { RECORD_SECTIONS } from '../../src/casework/record-sections.js';
import type { ClockSource } from '../../src/casework/clocks.js';
import { todayInLondon } from '../../src/time/index.js';


for (const target of TARGETS) {
  describe(`casework clocks and sections on ${target}`, () => {
    let t: TestApp;
    let episode: { id: number; person_id: number };
    let dueDate = '';

    before(async () => {
      t = await startTestApp(target);
      const sw = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirstOrThrow();
      // A fresh referral with nothing on it yet (see freshEpisode), in the manager's team (Child Protection), so it
      // shows in both trays.
      episode = await freshEpisode(t.handle.db, { teamName: 'Child Protection', workerId: sw.id, referralDate: '2026-03-30', today: todayInLondon() });
      // Started Wednesday 1 April 2026, 3 working days: Thursday 2, then Good Friday (3) and Easter Monday (6) do not count, so Tuesday 7 and Wednesday 8.
      const fake: ClockSource = async (_db, query, calendar, today) => {
        if (query.personIds && !query.personIds.includes(episode.person_id)) return [];
        const due = calendar.addWorkingDays('2026-04-01', 3);
        dueDate = due;
        const r = calendar.clockStatusForDueDate('2026-04-01', due, today, null, { dueSoonThreshold: 2 });
        return [{ label: 'Test assessment due', dueDate: due, status: r.status, workingDaysLeft: r.workingDaysRemaining, href: `/children/${episode.person_id}`, personId: episode.person_id, episodeId: episode.id, workerId: sw.id, teamId: null }];
      };
      CLOCK_SOURCES.push(fake);
      RECORD_SECTIONS.push({ template: 'casework/views/macros.njk', order: 1, load: async () => ({ recordStatus: { text: 'Child protection plan', priority: 40 } }) });
    });
    after(async () => {
      CLOCK_SOURCES.length = 0;
      RECORD_SECTIONS.length = 0;
      await t?.close();
    });

    test('the clock counts working days over Easter and shows on the record with days overdue and its tag; a section sets the status', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const body = text((await sw.get(`/children/${episode.person_id}`)).body);
      assert.equal(dueDate, '2026-04-08');
      assert.match(body, /Current status: Child protection plan/);
      assert.match(body, /Test assessment due 8 April 2026/);
      if (todayInLondon() > '2026-04-08') {
        assert.match(body, /\d+ working days overdue Overdue/);
      }
      const tray = text((await sw.get('/casework')).body);
      assert.match(tray, /Test assessment due ?: 8 April 2026/);
      const tm = new TestClient(t.app);
      await tm.signIn('team.manager');
      assert.match(text((await tm.get('/casework')).body), /Test assessment due ?: 8 April 2026/, 'in the manager’s team tray');
    });

    test('closing the episode while the clock is open asks for confirmation, then closes', async () => {
      const tm = new TestClient(t.app);
      await tm.signIn('team.manager');
      const form = await tm.get(`/casework/episodes/${episode.id}/close`);
      // The fake clock (and any other the child has running).
      assert.match(text(form.body), /\d+ statutory clocks? (is|are) still open/);
      assert.match(text(form.body), /Open clocks .*Test assessment due 8 April 2026/);
      const version = versionOf(form.body);
      const today = todayInLondon();
      const refused = await tm.post(`/casework/episodes/${episode.id}/close`, { version, reason: 'RC7', ...dateFields('endDate', today) });
      assert.equal(refused.status, 400);
      assert.match(text(refused.body), /(A statutory clock is|\d+ statutory clocks are) still open on the child's record: confirm/);
      const ok = await tm.post(`/casework/episodes/${episode.id}/close`, { version, reason: 'RC7', confirmOpen: 'yes', ...dateFields('endDate', today) });
      assert.equal(ok.status, 302);
    });
  });
}
