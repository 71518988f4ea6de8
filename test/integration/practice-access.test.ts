import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';
import { todayInLondon } from '../../src/time/index.js';
import type { RequestContext } from '../../src/audit/audit-log.js';

/** Written out role by role: who may see a child's Signs of Safety work, and who may record it. */
const EXPECTED: Record<Role, { view: boolean; write: boolean }> = {
  administrator: { view: false, write: false },
  mash_worker: { view: true, write: true },
  mash_manager: { view: true, write: true },
  social_worker: { view: true, write: true },
  team_manager: { view: true, write: true },
  lado: { view: false, write: false },
  iro: { view: true, write: true },
  edt_worker: { view: true, write: true },
  analyst: { view: false, write: false },
  partner: { view: false, write: false },
  early_help_worker: { view: true, write: true },
  partner_system: { view: false, write: false },
};

for (const target of TARGETS) {
  describe(`Signs of Safety access on ${target}`, () => {
    let t: TestApp;
    let child: number;
    let mappingId: number;
    let voiceId: number;
    let meetingId: number;

    before(async () => {
      t = await startTestApp(target);
      child = (await t.handle.db.selectFrom('person_names').select('person_id').where('given_names', '=', 'Amy').where('family_name', '=', 'Patel').executeTakeFirstOrThrow()).person_id;
      const sw = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirstOrThrow()).id;
      const ctx: RequestContext = { requestId: 'access-test', ip: '127.0.0.1', user: (await t.services.users.currentUser(sw))! };
      const today = todayInLondon();
      const p = t.services.practice;
      mappingId = await p.createMapping(ctx, child, {
        mappedOn: today,
        items: { harm: ['Bruise'], complicating: [], working_well: ['School attendance'], existing_safety: [], next_steps: ['Network meeting'] },
        dangers: [{ whoWorried: 'School', worry: 'Dad grabbing Amy', whatMightHappen: 'Injury', goal: 'Sober carer', sustainedFor: '6 months' }],
        bottomLines: [{ text: 'Court', stated: false, sharedOn: null }],
      });
      voiceId = await p.recordChildVoice(ctx, child, { kind: 'words_and_pictures', recordedOn: today, worries: '', goodThings: '', dreams: '', explanation: 'Why the social worker visits', seen: true, seenAlone: false, ownerKind: null, ownerId: null });
      meetingId = await p.recordMeeting(ctx, child, { kind: 'group_supervision', meetingDate: today, mappingId, notes: '', attendees: [{ name: 'Sam Walker', role: 'Social worker', agency: 'Children’s services', isFamilyMember: false, score: 4, rationale: '' }], actions: [] });
    });
    after(async () => t?.close());

    test('role by role: casework.view to see, casework.write to record; everyone else refused', async () => {
      const viewPages = [`/children/${child}/signs-of-safety`, `/mappings/${mappingId}`, `/child-voice/${voiceId}`, `/mapping-meetings/${meetingId}`];
      const writePages = [`/children/${child}/mappings/new`, `/mappings/${mappingId}/edit`, `/children/${child}/scaling/new`, `/children/${child}/child-voice/new`, `/children/${child}/mapping-meetings/new`];
      const before = (await t.handle.db.selectFrom('mappings').select('id').execute()).length;
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const expected = EXPECTED[role];
        for (const url of viewPages) assert.equal((await client.get(url)).status, expected.view ? 200 : 403, `${role} GET ${url}`);
        for (const url of writePages) assert.equal((await client.get(url)).status, expected.write ? 200 : 403, `${role} GET ${url}`);
        if (!expected.write) {
          for (const url of [`/children/${child}/mappings/new`, `/mappings/${mappingId}/finalise`, `/mappings/${mappingId}/carry-forward`, `/children/${child}/scaling/new`]) {
            assert.equal((await client.post(url, {}, { tokenFrom: '/' })).status, 403, `${role} POST ${url}`);
          }
        }
      }
      // Nothing was written by a refused role.
      assert.equal((await t.handle.db.selectFrom('mappings').select('id').execute()).length, before);
    });

    test('every route of the module declares its access', () => {
      const mine = t.app.declaredRoutes.filter((r) => /^\/(children\/:id\/(signs-of-safety|mappings|scaling|child-voice|mapping-meetings)|mappings|child-voice|mapping-meetings)/.test(r.url));
      assert.ok(mine.length >= 16, `found ${mine.length}`);
      for (const r of mine) {
        const expected = r.method === 'GET' || r.method === 'HEAD' ? (/\/new$|\/edit$/.test(r.url) ? 'casework.write' : 'casework.view') : 'casework.write';
        assert.equal(r.access, expected, `${r.method} ${r.url}`);
      }
    });
  });
}
