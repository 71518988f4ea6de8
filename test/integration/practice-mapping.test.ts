import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nunjucks from 'nunjucks';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { RECORD_SECTIONS, CHRONOLOGY_SOURCES } from '../../src/casework/record-sections.js';
import { todayInLondon, addCalendarDays } from '../../src/time/index.js';
import type { RequestContext } from '../../src/audit/audit-log.js';

async function personId(t: TestApp, given: string, family: string): Promise<number> {
  const row = await t.handle.db.selectFrom('person_names').select('person_id').where('given_names', '=', given).where('family_name', '=', family).where('kind', '=', 'current').executeTakeFirstOrThrow();
  return row.person_id;
}

const dateParts = (prefix: string, iso: string) => ({ [`${prefix}-day`]: String(Number(iso.slice(8, 10))), [`${prefix}-month`]: String(Number(iso.slice(5, 7))), [`${prefix}-year`]: iso.slice(0, 4) });
const mappingIdOf = (location: string | undefined) => Number(/\/mappings\/(\d+)/.exec(location ?? '')?.[1]);

const today = todayInLondon();

const MAPPING = {
  action: 'save',
  dangerSlots: '2',
  bottomSlots: '2',
  ...dateParts('mappedOn', today),
  'items-harm': 'Amy had a bruise on her arm after her dad grabbed her\n- Police called to the home twice in October',
  'items-complicating': 'Dad drinks heavily at weekends',
  'items-working_well': 'Mum takes the children to school every day',
  'items-existing_safety': 'Grandma has the children to stay when dad drinks',
  'items-next_steps': 'Safety plan meeting with the family network',
  'who-1': 'Children’s services and the school',
  'worry-1': 'Dad hurting Amy when he has been drinking',
  'might-1': 'Amy could be seriously injured',
  'goal-1': 'Amy is cared for by a sober adult every weekend',
  'sustained-1': 'for six months',
  'who-2': 'The police',
  'worry-2': 'Arguments between the parents with the children present',
  'might-2': 'Amy and Ava could be hurt or frightened',
  'goal-2': 'Mum and dad argue away from the children, and Grandma is called if it starts',
  'sustained-2': 'for six months',
  'bottom-1': 'If dad drinks while caring for the children again, we will ask a court to decide where they live.',
  'bottom-2': '',
};

for (const target of TARGETS) {
  describe(`Signs of Safety mapping on ${target}`, () => {
    let t: TestApp;
    let amy: number;
    let restricted: number;
    before(async () => {
      t = await startTestApp(target);
      amy = await personId(t, 'Amy', 'Patel');
      restricted = (await t.handle.db.selectFrom('people').select('id').where('restricted', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
    });
    after(async () => t?.close());

    test('a mapping with two danger statements and goals, scaled by three professionals, shown on the child’s record; carried forward', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const form = await sw.get(`/children/${amy}/mappings/new`);
      assert.equal(form.status, 200);
      assert.match(text(form.body), /Danger statement 1/);

      // Adding a row without JavaScript: one more danger statement slot, nothing saved, typing kept.
      const more = await sw.post(`/children/${amy}/mappings/new`, { ...MAPPING, action: 'add-danger' });
      assert.equal(more.status, 200);
      assert.match(more.body, /id="who-3"/);
      assert.match(more.body, /Dad hurting Amy when he has been drinking/);

      // An incomplete danger statement is refused, with everything kept.
      const bad = await sw.post(`/children/${amy}/mappings/new`, { ...MAPPING, 'might-2': '' });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /Danger statement 2: say what might happen to the child/);
      assert.match(bad.body, /Grandma has the children to stay/);

      const saved = await sw.post(`/children/${amy}/mappings/new`, MAPPING);
      assert.equal(saved.status, 302, text(saved.body).slice(0, 500));
      const mappingId = mappingIdOf(saved.location);
      const page = text((await sw.get(`/mappings/${mappingId}`)).body);
      assert.match(page, /Draft/);
      assert.match(page, /Police called to the home twice in October/);
      assert.match(page, /Amy is cared for by a sober adult every weekend/);
      assert.match(page, /not yet shared with the family/);

      // Three professionals scale it.
      const scaled = await sw.post(`/children/${amy}/scaling/new`, {
        ...dateParts('scaledOn', today), mappingId: String(mappingId),
        'name-1': 'Sam Walker', 'role-1': 'Social worker', 'agency-1': 'Children’s services', 'score-1': '3', 'why-1': 'Dad still drinking at weekends',
        'name-2': 'Jo Teacher', 'role-2': 'Designated safeguarding lead', 'agency-2': 'Kingsholme Primary School', 'score-2': '5', 'why-2': 'Amy settled at school',
        'name-3': 'Hana Ellis', 'role-3': 'School nurse', 'agency-3': 'Health', 'score-3': '4', 'why-3': '',
      });
      assert.equal(scaled.status, 302, text(scaled.body).slice(0, 500));
      // A score outside 0–10 is refused.
      const out = await sw.post(`/children/${amy}/scaling/new`, { ...dateParts('scaledOn', today), 'name-1': 'X', 'role-1': 'GP', 'score-1': '11' });
      assert.equal(out.status, 400);
      assert.match(text(out.body), /whole number from 0 to 10/);

      // Finalise: with its goals paired, it goes final; the unshared bottom line is flagged.
      const m = await t.handle.db.selectFrom('mappings').select('version').where('id', '=', mappingId).executeTakeFirstOrThrow();
      const fin = await sw.post(`/mappings/${mappingId}/finalise`, { version: String(m.version) });
      assert.equal(fin.status, 302, text(fin.body).slice(0, 500));
      const record = text((await sw.get(`/children/${amy}/signs-of-safety`)).body);
      assert.match(record, /Latest mapping/);
      assert.match(record, /Dad hurting Amy when he has been drinking/);
      assert.match(record, /1 of 1 bottom line not yet stated and shared with the family/);
      assert.match(record, /Sam Walker \(Social worker, Children’s services\): 3|Sam Walker \(Social worker, Children's services\): 3/);
      assert.match(record, /Jo Teacher/);
      assert.match(record, /Hana Ellis/);
      const chartPage = (await sw.get(`/children/${amy}/signs-of-safety`)).body;
      assert.match(chartPage, /<svg[^>]+role="img"/);
      assert.match(chartPage, /<caption[^>]*>Scaling by date/);

      // The registered record section renders the same for the casework record page.
      const section = RECORD_SECTIONS.find((s) => s.template === 'practice/views/record-section.njk')!;
      const ctx: RequestContext = { requestId: 'test', ip: '127.0.0.1', user: (await t.services.users.currentUser(await userId(t, 'social.worker')))! };
      const data = await section.load(t.services, ctx, amy);
      const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(['src', 'node_modules/govuk-frontend/dist']));
      env.addFilter('govukDate', (v: string) => v);
      const html = text(env.render(section.template, data));
      assert.match(html, /Danger statement: Children['’]s services and the school worried about Dad hurting Amy/);
      assert.match(html, /Median/);
      const chronology = (await Promise.all(CHRONOLOGY_SOURCES.map((s) => s.load(t.services, ctx, amy)))).flat();
      assert.ok(chronology.some((e) => e.kind === 'Signs of Safety mapping'), 'finalised mapping in the chronology');
      assert.ok(chronology.some((e) => e.kind === 'Scaling' && /Scaled by 3 people: median 4/.test(e.summary)), 'scaling in the chronology');

      // Sharing the bottom lines clears the flag.
      const v2 = await t.handle.db.selectFrom('mappings').select('version').where('id', '=', mappingId).executeTakeFirstOrThrow();
      const shared = await sw.post(`/mappings/${mappingId}/bottom-lines-shared`, { version: String(v2.version), ...dateParts('sharedOn', today) });
      assert.equal(shared.status, 302, text(shared.body).slice(0, 500));
      assert.match(text((await sw.get(`/mappings/${mappingId}`)).body), /The bottom line was stated and shared with the family/);

      // A mapping made for an assessment (linked from the assessment's page) belongs to it (an id no demo assessment has:
      // the demo's assessments have mappings of their own).
      await sw.get(`/children/${amy}/mappings/new?ownerKind=assessment&ownerId=900041`);
      const forAssessment = await sw.post(`/children/${amy}/mappings/new`, { ...MAPPING, ownerKind: 'assessment', ownerId: '900041' });
      assert.equal(forAssessment.status, 302);
      const owned = await t.services.practice.mappingsFor(ctx, 'assessment', 900041);
      assert.deepEqual(owned.map((r) => r.id), [mappingIdOf(forAssessment.location)]);

      // carryForward: the plan's mapping starts with the assessment's danger statements, goals and bottom lines.
      const planMapping = await t.services.practice.carryForward(ctx, mappingId, { ownerKind: 'cp_plan', ownerId: 77 });
      const copy = await t.services.practice.getMapping(ctx, planMapping);
      assert.equal(copy.ownerKind, 'cp_plan');
      assert.equal(copy.ownerId, 77);
      assert.equal(copy.status, 'draft');
      assert.equal(copy.carriedFromId, mappingId);
      assert.deepEqual(copy.dangers.map((d) => [d.worry, d.goal]), [
        ['Dad hurting Amy when he has been drinking', 'Amy is cared for by a sober adult every weekend'],
        ['Arguments between the parents with the children present', 'Mum and dad argue away from the children, and Grandma is called if it starts'],
      ]);
      assert.deepEqual(copy.bottomLines.map((b) => [b.text, b.sharedOn]), [[MAPPING['bottom-1'], today]]);
      const original = await t.services.practice.getMapping(ctx, mappingId);
      assert.equal(original.dangers.length, 2, 'the original keeps its statements');
      assert.notDeepEqual(copy.dangers.map((d) => d.id), original.dangers.map((d) => d.id));

      // Every write and read is audited against the child.
      const events = await t.handle.db.selectFrom('audit_events').select(['action', 'person_ids']).where('action', 'in', ['mapping.create', 'scaling.record', 'mapping.finalise', 'mapping.view', 'practice.view', 'mapping.carry_forward', 'mapping.bottom_lines_shared']).execute();
      for (const action of ['mapping.create', 'scaling.record', 'mapping.finalise', 'mapping.view', 'practice.view', 'mapping.carry_forward', 'mapping.bottom_lines_shared']) {
        const e = events.find((x) => x.action === action);
        assert.ok(e, `${action} audited`);
        assert.deepEqual(e!.person_ids, [String(amy)], `${action} against the child`);
      }
    });

    test('a mapping without a safety goal for every danger statement cannot be made final; a final one cannot be changed', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const saved = await sw.post(`/children/${amy}/mappings/new`, { ...MAPPING, 'goal-2': '', 'sustained-2': '' }, { tokenFrom: `/children/${amy}/mappings/new` });
      assert.equal(saved.status, 302, text(saved.body).slice(0, 500));
      const id = mappingIdOf(saved.location);
      const m = await t.handle.db.selectFrom('mappings').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      const fin = await sw.post(`/mappings/${id}/finalise`, { version: String(m.version) });
      assert.equal(fin.status, 400);
      assert.match(text(fin.body), /danger statement 2 has none/);
      // A stale version is a conflict.
      const stale = await sw.post(`/mappings/${id}/edit`, { ...MAPPING, version: String(m.version + 5) });
      assert.equal(stale.status, 400);
      assert.match(text(stale.body), /Someone else changed this record/);
      const ok = await sw.post(`/mappings/${id}/edit`, { ...MAPPING, version: String(m.version) });
      assert.equal(ok.status, 302);
      const v = (await t.handle.db.selectFrom('mappings').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      assert.equal((await sw.post(`/mappings/${id}/finalise`, { version: String(v) })).status, 302);
      const edit = await sw.get(`/mappings/${id}/edit`);
      assert.equal(edit.status, 302, 'a final mapping is not edited');
    });

    test('the child’s voice and a mapping meeting with each attendee’s scaling and agreed actions', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      await sw.get(`/children/${amy}/child-voice/new?ownerKind=visit&ownerId=12`);
      const missing = await sw.post(`/children/${amy}/child-voice/new`, { kind: 'three_houses', ...dateParts('recordedOn', today), seen: 'no', seenAlone: 'yes', ownerKind: 'visit', ownerId: '12' });
      assert.equal(missing.status, 400);
      assert.match(text(missing.body), /A child seen alone was seen/);
      assert.match(text(missing.body), /at least one of the three houses/);
      const voice = await sw.post(`/children/${amy}/child-voice/new`, { kind: 'three_houses', ...dateParts('recordedOn', today), seen: 'yes', seenAlone: 'yes', ownerKind: 'visit', ownerId: '12', worries: 'Daddy shouting', goodThings: 'Grandma’s house', dreams: 'A puppy' });
      assert.equal(voice.status, 302, text(voice.body).slice(0, 500));
      const v = text((await sw.get(voice.location!)).body);
      assert.match(v, /Daddy shouting/);
      assert.match(v, /Visit 12/);
      const attached = await t.services.practice.childVoiceFor((await ctxFor(t, 'social.worker')), 'visit', 12);
      assert.equal(attached.length, 1);

      const due = addCalendarDays(today, 14);
      const meeting = await sw.post(`/children/${amy}/mapping-meetings/new`, {
        kind: 'mapping_meeting', ...dateParts('meetingDate', today), notes: 'Mapped with the network',
        'attendee-1': 'Sam Walker', 'role-1': 'Social worker', 'agency-1': 'Children’s services', 'score-1': '4', 'why-1': 'Some progress',
        'attendee-2': 'DC Pat Ollerton', 'role-2': 'Police officer', 'agency-2': 'Police', 'score-2': '3',
        'attendee-3': 'Priya Patel', 'role-3': 'Mother', 'agency-3': 'Family', 'score-3': '7',
        'action-1': 'Set up the family safety network meeting', 'owner-1': 'Sam Walker', ...dateParts('due-1', due),
      });
      assert.equal(meeting.status, 302, text(meeting.body).slice(0, 800));
      const mp = text((await sw.get(meeting.location!)).body);
      assert.match(mp, /DC Pat Ollerton Police officer Police 3/);
      assert.match(mp, /Set up the family safety network meeting Sam Walker/);
      const family = await t.handle.db.selectFrom('scalings').select(['is_family_member', 'meeting_id']).where('scorer_name', '=', 'Priya Patel').executeTakeFirstOrThrow();
      assert.equal(family.is_family_member, true);
      assert.ok(family.meeting_id);
      // An action without an owner is refused.
      const noOwner = await sw.post(`/children/${amy}/mapping-meetings/new`, { kind: 'group_supervision', ...dateParts('meetingDate', today), 'attendee-1': 'Sam Walker', 'agency-1': 'Children’s services', 'action-1': 'Do it', ...dateParts('due-1', due) });
      assert.equal(noOwner.status, 400);
      assert.match(text(noOwner.body), /Action 1: say who will do it/);
      // A professional's score needs their role.
      const noRole = await sw.post(`/children/${amy}/mapping-meetings/new`, { kind: 'group_supervision', ...dateParts('meetingDate', today), 'attendee-1': 'Sam Walker', 'agency-1': 'Children’s services', 'score-1': '4' });
      assert.equal(noRole.status, 400);
      assert.match(text(noRole.body), /Attendee 1: enter their role, to record their score/);
    });

    test('a restricted child’s Signs of Safety is refused, and the attempt audited', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      for (const url of [`/children/${restricted}/signs-of-safety`, `/children/${restricted}/mappings/new`, `/children/${restricted}/scaling/new`]) {
        const res = await sw.get(url);
        assert.equal(res.status, 403, url);
        assert.match(text(res.body), /This record is restricted/);
      }
      const post = await sw.post(`/children/${restricted}/mappings/new`, MAPPING, { tokenFrom: `/children/${amy}/mappings/new` });
      assert.equal(post.status, 403);
      assert.equal((await t.handle.db.selectFrom('mappings').select('id').where('person_id', '=', restricted).execute()).length, 0);
      const ctx = await ctxFor(t, 'social.worker');
      await assert.rejects(() => t.services.practice.recordScalings(ctx, restricted, { scaledOn: today, mappingId: null }, [{ scorerName: 'A', scorerRole: 'B', scorerAgency: '', isFamilyMember: false, score: 5, rationale: '' }]), /restricted|Restricted|not/i);
      const denied = await t.handle.db.selectFrom('audit_events').select('id').where('outcome', '=', 'denied').where('record_id', '=', String(restricted)).execute();
      assert.ok(denied.length >= 3);
    });
  });
}

async function userId(t: TestApp, username: string): Promise<number> {
  return (await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

async function ctxFor(t: TestApp, username: string): Promise<RequestContext> {
  return { requestId: 'test', ip: '127.0.0.1', user: (await t.services.users.currentUser(await userId(t, username)))! };
}
