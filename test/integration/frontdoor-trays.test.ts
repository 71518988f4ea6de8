// The MASH work trays, counted, filtered, sorted and paged in SQL, checked against a plain reading of
// each tray's definition over the demo council's open contacts. Both back ends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, TestClient, startTestApp, text, type TestApp } from '../support/harness.js';
import { TRAYS, type Tray, type TrayFilter } from '../../src/frontdoor/trays-service.js';
import type { RequestContext } from '../../src/audit/audit-log.js';

describe('front door trays', { concurrency: true }, () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      let t: TestApp;
      let ctx: RequestContext;
      // Each open contact's trays, read from the tables row by row (the oracle).
      let expected: Map<number, { trays: Tray[]; rag: string | null; origin: string; receivedAt: Date }>;

      before(async () => {
        t = await startTestApp(target);
        const db = t.handle.db;
        const manager = await db.selectFrom('users').select('id').where('username', '=', 'mash.manager').executeTakeFirstOrThrow();
        ctx = { requestId: 'trays-test', ip: 'local', user: (await t.services.users.currentUser(manager.id))! };
        const contacts = await db.selectFrom('contacts').selectAll().where('status', '=', 'open').execute();
        const children = await db.selectFrom('contact_children').select(['contact_id', 'status']).execute();
        const sent = await db.selectFrom('partner_requests').select('contact_id').where('status', '=', 'sent').execute();
        const handovers = await db.selectFrom('handover_items').select('contact_id').where('acknowledged_at', 'is', null).execute();
        expected = new Map(
          contacts.map((c) => {
            const mine = children.filter((ch) => ch.contact_id === c.id);
            const trays: Tray[] = [];
            if (mine.some((ch) => ch.status === 'awaiting_recommendation' || ch.status === 'challenged')) trays.push('queue');
            if (mine.some((ch) => ch.status === 'awaiting_decision')) trays.push('decision');
            if (sent.some((r) => r.contact_id === c.id)) trays.push('partner');
            if (mine.length && mine.every((ch) => ch.status === 'decided') && !c.referrer_anonymous && !c.feedback_sent_at && !c.feedback_not_sent_reason) trays.push('feedback');
            if (handovers.some((h) => h.contact_id === c.id)) trays.push('handover');
            return [c.id, { trays, rag: c.rag, origin: c.origin, receivedAt: c.received_at }];
          }),
        );
      });
      after(async () => t?.close());

      const filter = (over: Partial<TrayFilter>): TrayFilter => ({ tray: 'queue', rag: '', origin: '', source: '', sort: 'urgency', page: 1, ...over });
      const inTray = (tray: Tray) => [...expected].filter(([, e]) => e.trays.includes(tray)).map(([id]) => id);

      test('every tray is counted as its definition says, and the demo has work in each', async () => {
        const counts = await t.services.trays.counts();
        for (const tray of Object.keys(TRAYS) as Tray[]) {
          assert.equal(counts[tray], inTray(tray).length, tray);
          assert.ok(counts[tray] > 0, `the demo has contacts in ${tray}`);
        }
      });

      test('pages of a tray hold every contact once, in order, and a page past the end is empty', async () => {
        for (const tray of Object.keys(TRAYS) as Tray[]) {
          for (const sort of ['urgency', 'oldest', 'newest'] as const) {
            const seen: number[] = [];
            let pages = 1;
            for (let page = 1; page <= pages; page++) {
              const r = await t.services.trays.page(ctx, filter({ tray, sort, page, pageSize: 3 }));
              pages = r.pages;
              assert.equal(r.total, inTray(tray).length);
              seen.push(...r.rows.map((row) => row.id));
              if (sort === 'oldest') for (let i = 1; i < r.rows.length; i++) assert.ok(r.rows[i - 1]!.receivedAt <= r.rows[i]!.receivedAt);
              if (sort === 'urgency') {
                const rank = (rag: string | null) => ({ red: 0, amber: 1, green: 2 })[rag ?? ''] ?? 3;
                for (let i = 1; i < r.rows.length; i++) assert.ok(rank(r.rows[i - 1]!.rag) <= rank(r.rows[i]!.rag));
              }
            }
            assert.deepEqual([...seen].sort((a, b) => a - b), inTray(tray).sort((a, b) => a - b), `${tray} sorted ${sort}`);
            assert.equal(new Set(seen).size, seen.length);
            const beyond = await t.services.trays.page(ctx, filter({ tray, sort, page: pages + 1, pageSize: 3 }));
            assert.deepEqual(beyond.rows, []);
            assert.equal(beyond.total, inTray(tray).length);
          }
        }
      });

      test('a contact whose children are all decided carries its last decision date (its clock has stopped); others none', async () => {
        const feedback = await t.services.trays.page(ctx, filter({ tray: 'feedback', pageSize: 500 }));
        assert.ok(feedback.rows.length > 0);
        for (const row of feedback.rows) assert.match(row.decidedOn ?? '', /^\d{4}-\d{2}-\d{2}$/, `contact ${row.id}`);
        const queue = await t.services.trays.page(ctx, filter({ tray: 'queue', pageSize: 500 }));
        for (const row of queue.rows) assert.equal(row.decidedOn, null, `contact ${row.id}`);
        const mash = new TestClient(t.app);
        await mash.signIn('mash.manager');
        assert.doesNotMatch(text((await mash.get('/frontdoor?tray=feedback')).body), /Due today|Overdue|On track/);
      });

      test('filters by RAG rating (including not yet rated) and origin', async () => {
        for (const rag of ['red', 'amber', 'green', 'none']) {
          const r = await t.services.trays.page(ctx, filter({ rag, pageSize: 500 }));
          const want = inTray('queue').filter((id) => (rag === 'none' ? expected.get(id)!.rag === null : expected.get(id)!.rag === rag));
          assert.deepEqual(r.rows.map((x) => x.id).sort((a, b) => a - b), want.sort((a, b) => a - b), rag);
        }
        const edt = await t.services.trays.page(ctx, filter({ tray: 'handover', origin: 'edt', pageSize: 500 }));
        assert.ok(edt.rows.length > 0);
        assert.ok(edt.rows.every((x) => expected.get(x.id)!.origin === 'edt'));
      });

      test('the tray page shows a page of contacts with a way to the next, and bad page numbers fall back to the first', async () => {
        const mash = new TestClient(t.app);
        await mash.signIn('mash.manager');
        const first = await mash.get('/frontdoor?tray=queue&sort=oldest');
        assert.equal(first.status, 200);
        const ids = [...first.body.matchAll(/href="\/frontdoor\/contacts\/(\d+)"/g)].map((m) => Number(m[1]));
        assert.ok(ids.length > 0 && ids.length <= 50);
        const bad = await mash.get('/frontdoor?tray=queue&sort=oldest&page=abc');
        assert.equal(bad.status, 200);
        assert.deepEqual([...bad.body.matchAll(/href="\/frontdoor\/contacts\/(\d+)"/g)].map((m) => Number(m[1])), ids);
      });
    });
  }
});
