import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';

/** The demo council's people include William Smith and a second record for him, "Bill Smyth" (see src/people/demo-seed.ts). */
async function personId(t: TestApp, given: string, family: string): Promise<number> {
  const row = await t.handle.db.selectFrom('person_names').select('person_id').where('given_names', '=', given).where('family_name', '=', family).where('kind', '=', 'current').executeTakeFirstOrThrow();
  return Number(row.person_id);
}

async function waitForScan(t: TestApp) {
  const deadline = Date.now() + 30_000;
  while (t.services.duplicates.backgroundScanRunning) {
    if (Date.now() > deadline) throw new Error('duplicate scan did not finish');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The review link for the pair whose two names appear in its hidden link text. */
function pairLink(listHtml: string, nameA: string, nameB: string): number | null {
  for (const m of listHtml.matchAll(/href="\/people\/duplicates\/(\d+)">Review<span class="govuk-visually-hidden"> ([^<]+)<\/span>/g)) {
    if (m[2]!.includes(nameA) && m[2]!.includes(nameB)) return Number(m[1]);
  }
  return null;
}

for (const target of TARGETS) {
  describe(`duplicate review and merging on ${target}`, () => {
    let t: TestApp;
    let manager: TestClient;
    let william: number;
    let bill: number;
    before(async () => {
      t = await startTestApp(target);
      william = await personId(t, 'William', 'Smith');
      bill = await personId(t, 'Bill', 'Smyth');
      manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
    });
    after(async () => {
      await t?.services.duplicates.stopBackgroundScan();
      await t?.close();
    });

    test('a social worker (no people.merge) cannot see or act on duplicates', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      assert.equal((await sw.get('/people/duplicates')).status, 403);
      assert.equal((await sw.get('/people/duplicates/1')).status, 403);
      assert.equal((await sw.post('/people/duplicates/scan', {}, { tokenFrom: '/' })).status, 403);
      assert.equal((await sw.post('/people/duplicates/1/merge', { keep: String(william) })).status, 403);
      assert.equal((await sw.post('/people/duplicates/1/not-same')).status, 403);
      assert.equal((await sw.post('/people/merges/1/unmerge')).status, 403);
    });

    test('a MASH manager starts a scan and sees the pairs it finds, most likely first; twins are not among them', async () => {
      const empty = await manager.get('/people/duplicates');
      assert.equal(empty.status, 200);
      assert.match(text(empty.body), /not been checked for duplicates yet/);
      const started = await manager.post('/people/duplicates/scan', {}, { tokenFrom: '/people/duplicates' });
      assert.equal(started.status, 302);
      assert.equal(started.location, '/people/duplicates');
      await waitForScan(t);
      const list = await manager.get('/people/duplicates');
      const page = text(list.body);
      assert.match(page, /Checking for duplicates/, 'the flash says the check has started');
      assert.match(page, /The last check finished/);
      assert.match(list.body, /<caption class="govuk-table__caption govuk-table__caption--m">\d+ possible duplicates?, most likely first/);
      assert.match(page, /William Smith 2 March 2015 \(age \d+\) · DB5 1RW/);
      assert.match(page, /Bill Smyth 3 February 2015 \(age \d+\) · DB3 6FL/);
      assert.match(page, /Mohammed Khan/);
      assert.match(page, /Muhammad Khan/);
      assert.doesNotMatch(page, /Ava Patel/, 'twins are never proposed as duplicates');
      assert.ok(pairLink(list.body, 'William Smith', 'Bill Smyth'));
      const scores = [...page.matchAll(/Score (-?[\d.]+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'highest score first');
    });

    test('the pair side by side with the reasons; merging keeps the chosen record, and undoing it restores both', async () => {
      const pairId = pairLink((await manager.get('/people/duplicates')).body, 'William Smith', 'Bill Smyth');
      assert.ok(pairId);
      const view = await manager.get(`/people/duplicates/${pairId}`);
      assert.equal(view.status, 200);
      const page = text(view.body);
      assert.match(page, /Are these the same person\?/);
      assert.match(page, /Nickname of William/);
      assert.match(page, /Day and month swapped/);
      assert.match(page, /Same postcode as a previous address/);
      assert.match(page, /2 March 2015/);
      assert.match(page, /3 February 2015/);
      assert.match(page, /Flat 3, 41 Foundry Lane/);
      assert.match(view.body, /<th scope="row" class="govuk-table__header">NHS number<\/th>/);
      assert.match(view.body, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Which record do you want to keep\?/);

      const missing = await manager.post(`/people/duplicates/${pairId}/merge`, {});
      assert.equal(missing.status, 400);
      assert.match(text(missing.body), /There is a problem/);
      assert.match(missing.body, /href="#keep">Select the record to keep/);
      const stranger = await manager.post(`/people/duplicates/${pairId}/merge`, { keep: '999999' });
      assert.equal(stranger.status, 400);
      assert.match(text(stranger.body), /Select one of the two records to keep/);

      const merged = await manager.post(`/people/duplicates/${pairId}/merge`, { keep: String(william) });
      assert.equal(merged.status, 302);
      assert.equal(merged.location, `/people/${william}`);
      const kept = await manager.get(`/people/${william}`);
      assert.equal(kept.status, 200);
      assert.match(text(kept.body), /Records merged/);
      assert.match(text(kept.body), /Bill Smyth \(person \d+\) has been merged into this record/);
      // The merged record's address now belongs to William.
      assert.match(text(kept.body), /Flat 3, 41 Foundry Lane/);
      const redirected = await manager.get(`/people/${bill}`);
      assert.equal(redirected.status, 302);
      assert.equal(redirected.location, `/people/${william}`);
      assert.equal(pairLink((await manager.get('/people/duplicates')).body, 'William Smith', 'Bill Smyth'), null, 'a merged pair leaves the list');
      assert.equal((await manager.post(`/people/duplicates/${pairId}/merge`, { keep: String(william) })).status, 404, 'a merged pair is gone');

      const mergeId = Number(/action="\/people\/merges\/(\d+)\/unmerge"/.exec(kept.body)?.[1]);
      assert.ok(mergeId, 'the kept record offers to undo the merge');
      const undone = await manager.post(`/people/merges/${mergeId}/unmerge`, { keptId: String(william) });
      assert.equal(undone.status, 302);
      assert.equal(undone.location, `/people/${william}`);
      assert.match(text((await manager.get(`/people/${william}`)).body), /Merge undone/);
      const billAgain = await manager.get(`/people/${bill}`);
      assert.equal(billAgain.status, 200);
      assert.match(text(billAgain.body), /Bill Smyth/);
      const billNames = await t.handle.db.selectFrom('person_names').select(['given_names', 'kind']).where('person_id', '=', bill).execute();
      assert.deepEqual(billNames.map((n) => [n.given_names, n.kind]), [['Bill', 'current']]);
      const billAddress = await t.handle.db.selectFrom('person_addresses').select('line1').where('person_id', '=', bill).execute();
      assert.deepEqual(billAddress.map((a) => a.line1), ['Flat 3, 41 Foundry Lane']);
      // Undone because they were not the same person: the pair is not proposed again.
      assert.equal(pairLink((await manager.get('/people/duplicates')).body, 'William Smith', 'Bill Smyth'), null);

      // A second click finds the merge already undone; the page it came from is where it goes back to.
      const again = await manager.request('POST', `/people/merges/${mergeId}/unmerge`, { _csrf: manager.csrf ?? '' }, { referer: `http://localhost/people/${william}` });
      assert.equal(again.status, 302);
      assert.equal(again.location, `/people/${william}`);
      assert.equal((await manager.post('/people/merges/999999/unmerge')).status, 404);

      const actions = (await t.handle.db.selectFrom('audit_events').select('action').where('username', '=', 'mash.manager').execute()).map((a) => a.action);
      for (const a of ['person.duplicate.scan_start', 'person.duplicate.view', 'person.merge', 'person.unmerge']) assert.ok(actions.includes(a), `audited: ${a}`);
    });

    test('"not the same person" removes the pair for good, even after another scan', async () => {
      const list = await manager.get('/people/duplicates');
      const pairId = pairLink(list.body, 'Mohammed Khan', 'Muhammad Khan');
      assert.ok(pairId);
      const res = await manager.post(`/people/duplicates/${pairId}/not-same`, {}, { tokenFrom: `/people/duplicates/${pairId}` });
      assert.equal(res.status, 302);
      assert.equal(res.location, '/people/duplicates');
      const after = await manager.get('/people/duplicates');
      assert.match(text(after.body), /Marked as not the same person/);
      assert.equal(pairLink(after.body, 'Mohammed Khan', 'Muhammad Khan'), null);

      const twice = await manager.post(`/people/duplicates/${pairId}/not-same`);
      assert.equal(twice.status, 409);
      assert.match(text(twice.body), /already been reviewed/);
      assert.doesNotMatch(twice.body, /action="\/people\/duplicates\/\d+\/merge"/, 'a reviewed pair offers no decisions');

      await manager.post('/people/duplicates/scan');
      await waitForScan(t);
      assert.equal(pairLink((await manager.get('/people/duplicates')).body, 'Mohammed Khan', 'Muhammad Khan'), null);
      const row = await t.handle.db.selectFrom('duplicate_candidates').select('status').where('id', '=', pairId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'not_same');
    });

    test('a pair with a record restricted from the manager shows nothing of it and cannot be decided', async () => {
      // Mark Brennan's record is restricted to the LADO team in the demo data.
      const mark = await personId(t, 'Mark', 'Brennan');
      const claire = await personId(t, 'Claire', 'Brennan');
      const [a, b] = mark < claire ? [mark, claire] : [claire, mark];
      const { id } = await t.handle.db.insertInto('duplicate_candidates').values({ person_a: a, person_b: b, score: 11, reasons: '[]' }).returning('id').executeTakeFirstOrThrow();
      const list = text((await manager.get('/people/duplicates')).body);
      assert.match(list, /Restricted record You do not have access to this record/);
      const view = await manager.get(`/people/duplicates/${id}`);
      assert.equal(view.status, 200);
      assert.doesNotMatch(text(view.body), /Mark Brennan|1983/);
      assert.match(text(view.body), /One of these records is restricted/);
      assert.doesNotMatch(view.body, /name="keep"/);
      assert.equal((await manager.post(`/people/duplicates/${id}/merge`, { keep: String(claire) })).status, 403);
      assert.equal((await manager.post(`/people/duplicates/${id}/not-same`)).status, 403);
      const row = await t.handle.db.selectFrom('people').select('merged_into_id').where('id', '=', mark).executeTakeFirstOrThrow();
      assert.equal(row.merged_into_id, null);
    });

    test('unknown pairs and bad ids are 404s', async () => {
      assert.equal((await manager.get('/people/duplicates/999999')).status, 404);
      assert.equal((await manager.get('/people/duplicates/abc')).status, 404);
      assert.equal((await manager.get('/people/duplicates?page=999')).status, 200);
    });
  });
}
