/**
 * Signs of Safety for the demo council, as each child's story says (src/demo/stories.ts): a mapping made for the
 * assessment (a draft while it is in progress), carried forward into the child protection or child in need plan (and
 * from a CP plan into the CIN plan it steps down to), with danger statements and safety goals, bottom lines (some
 * families not yet told), and scaling on the dates of the child's work (the mapping, the conference, core group, reviews, a visit) by three professionals, then the police
 * and a parent too, whose median follows the story: better for some children, worse for some, flat for one. Three
 * Houses and Words and Pictures for two children, and a group supervision for the one whose scaling is falling.
 * Written in one transaction with one audit event. All fictional.
 */
import type { DemoSeedContext } from '../demo/seeders.js';
import { demoCases, preBirthEpisode, SCORERS, THEMES, type DemoCase } from '../demo/stories.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays } from '../time/index.js';
import type { Tx } from '../db/transaction.js';

async function writeMapping(tx: Tx, story: DemoCase, o: { personId: number; episodeId: number; ownerKind: string; ownerId: number | null; on: string; final: boolean; carriedFrom: number | null; worker: number | null }) {
  const sos = story.sos!;
  const theme = THEMES[sos.theme];
  const { id } = await tx
    .insertInto('mappings')
    .values({ person_id: o.personId, episode_id: o.episodeId, owner_kind: o.ownerKind, owner_id: o.ownerId, status: o.final ? 'final' : 'draft', mapped_on: o.on, carried_from_id: o.carriedFrom, finalised_at: o.final ? `${o.on}T16:00:00Z` : null, finalised_by: o.final ? o.worker : null, created_by: o.worker })
    .returning('id')
    .executeTakeFirstOrThrow();
  const items = Object.entries(theme.items).flatMap(([column_key, texts]) => texts.map((text, position) => ({ mapping_id: id, column_key, text, position })));
  if (items.length) await tx.insertInto('mapping_items').values(items).execute();
  for (const [position, [who, worry, might, goal, sustained]] of theme.dangers.entries()) {
    const { id: dangerId } = await tx.insertInto('danger_statements').values({ mapping_id: id, who_worried: who, worry, what_might_happen: might, position }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('safety_goals').values({ mapping_id: id, danger_statement_id: dangerId, goal, sustained_for: sustained, position }).execute();
  }
  const shared = sos.bottomLineSharedOn;
  await tx.insertInto('bottom_lines').values({ mapping_id: id, text: theme.bottomLine, stated: !!shared, shared_with_family_on: shared, position: 0 }).execute();
  return id;
}

export async function seedPractice(c: DemoSeedContext): Promise<void> {
  const worker = (await c.db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirst())?.id ?? null;
  const cases = (await demoCases(c)).filter((x) => x.sos);
  const byReferral = new Map((await c.db.selectFrom('cin_episodes').select(['id', 'person_id', 'contact_child_id']).where('contact_child_id', 'is not', null).execute()).map((e) => [e.contact_child_id!, e]));
  const preBirth = await preBirthEpisode(c.db);
  const mapped = new Set((await c.db.selectFrom('mappings').select('episode_id').where('episode_id', 'is not', null).execute()).map((m) => m.episode_id));
  const names = new Map((await c.db.selectFrom('person_names').select(['person_id', 'given_names']).where('kind', '=', 'current').execute()).map((n) => [n.person_id, n.given_names]));
  const created: number[] = [];
  const personIds: number[] = [];
  await c.db.transaction().execute(async (tx: Tx) => {
    for (const story of cases) {
      const ep = story.referral ? byReferral.get(story.referral.contactChildId) : story.preBirth ? preBirth : undefined;
      if (!ep || mapped.has(ep.id)) continue;
      mapped.add(ep.id);
      const sos = story.sos!;
      const personId = ep.person_id;
      personIds.push(personId);
      const assessment = await tx.selectFrom('assessments').select('id').where('episode_id', '=', ep.id).orderBy('id', 'desc').executeTakeFirst();
      const first = await writeMapping(tx, story, { personId, episodeId: ep.id, ownerKind: assessment ? 'assessment' : 'episode', ownerId: assessment?.id ?? ep.id, on: sos.mappedOn, final: sos.final, carriedFrom: null, worker });
      created.push(first);
      // Carried forward into the plan the child is on (the CP plan, else the CIN plan) at its start.
      let second: number | null = null;
      if (sos.planMappedOn) {
        const cp = await tx.selectFrom('cp_plans').select('id').where('episode_id', '=', ep.id).orderBy('id').executeTakeFirst();
        const cin = cp ? undefined : await tx.selectFrom('cin_plans').select('id').where('episode_id', '=', ep.id).orderBy('id').executeTakeFirst();
        const owner = cp ? { kind: 'cp_plan', id: cp.id } : cin ? { kind: 'cin_plan', id: cin.id } : null;
        if (owner) {
          second = await writeMapping(tx, story, { personId, episodeId: ep.id, ownerKind: owner.kind, ownerId: owner.id, on: sos.planMappedOn, final: true, carriedFrom: first, worker });
          created.push(second);
        }
      }
      // A child stepped down from a CP plan to a CIN plan: the CP plan's mapping is carried into the CIN plan too.
      let third: { id: number; on: string } | null = null;
      if (second && story.cpPlan?.end && story.cinPlan && story.cinPlan.start >= story.cpPlan.end) {
        const cin = await tx.selectFrom('cin_plans').select('id').where('episode_id', '=', ep.id).orderBy('id').executeTakeFirst();
        if (cin) {
          third = { id: await writeMapping(tx, story, { personId, episodeId: ep.id, ownerKind: 'cin_plan', ownerId: cin.id, on: story.cinPlan.start, final: true, carriedFrom: second, worker }), on: story.cinPlan.start };
          created.push(third.id);
        }
      }
      const mappingOn = (on: string) => (third && on >= third.on ? third.id : second && on >= sos.planMappedOn! ? second : first);
      const given = names.get(personId) ?? 'The child';
      // The second professional is whoever knows the child day to day: the midwife before the birth, the nursery
      // for a child under school age, the school otherwise.
      const dob = story.referral?.dateOfBirth ?? null;
      const scorers = SCORERS.map((s, i): typeof s => (i !== 1 ? s : story.preBirth ? ['Rachel Lee', 'Community midwife', 'Health', false, s[4]] : dob && dob > addCalendarDays(c.today, -4 * 365) ? ['Maya Osei', 'Nursery key worker', 'Nursery', false, s[4]] : s));
      const parent = given === 'Unborn' ? 'Mum' : `${given}’s mum`;
      // Three professionals at the first scaling, the police and a parent from the second on (an odd number, so
      // the median is the story's).
      const rows = sos.scaling.flatMap((s, k) =>
        scorers.filter((_, i) => i < 3 || k > 0).map(([name, role, agency, family, offset]) => ({
          person_id: personId, mapping_id: mappingOn(s.on), meeting_id: null, scaled_on: s.on,
          scorer_name: family ? parent : name, scorer_role: family ? 'Mother' : role, scorer_agency: agency, is_family_member: family,
          score: Math.max(0, Math.min(10, s.median + offset)),
          rationale: family ? 'Things are better at home than professionals think.' : s.why,
          created_by: worker,
        })),
      );
      if (rows.length) await tx.insertInto('scalings').values(rows).execute();
      if (sos.voice === 'three_houses') {
        await tx.insertInto('child_voice_records').values({ person_id: personId, kind: 'three_houses', recorded_on: addCalendarDays(sos.mappedOn, 1), worries: 'When daddy shouts and the door bangs. When mummy cries.', good_things: 'Grandma’s house. My teacher Miss Reynolds. Football on Saturdays.', dreams: 'Daddy stops drinking the smelly drink. A dog called Biscuit.', explanation: '', seen: true, seen_alone: true, owner_kind: assessment ? 'assessment' : null, owner_id: assessment?.id ?? null, created_by: worker }).execute();
      }
      if (sos.voice === 'words_and_pictures') {
        await tx.insertInto('child_voice_records').values({ person_id: personId, kind: 'words_and_pictures', recorded_on: addCalendarDays(sos.supervision?.on ?? sos.mappedOn, -4), worries: '', good_things: '', dreams: '', explanation: `Mum has an illness called depression that makes her very tired and sad. It is not your fault, ${given}. Sam, your school and your aunt are helping make sure you have food and get to school while mum gets better.`, seen: true, seen_alone: false, owner_kind: null, owner_id: null, created_by: worker }).execute();
      }
      if (sos.supervision) {
        const { on, score } = sos.supervision;
        const { id: meetingId } = await tx.insertInto('mapping_meetings').values({ person_id: personId, kind: 'group_supervision', meeting_date: on, mapping_id: mappingOn(on), notes: 'Scaling has fallen at every meeting since the plan started: the group agreed the bottom line must be shared with mum this week, and a strategy discussion considered if the children are left alone again.', created_by: worker }).returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('mapping_meeting_attendees').values([
          { meeting_id: meetingId, name: 'Sam Walker', role: 'Social worker', agency: 'Children’s services', position: 0 },
          { meeting_id: meetingId, name: 'Taylor Mensah', role: 'Team manager', agency: 'Children’s services', position: 1 },
          { meeting_id: meetingId, name: 'Jo Reynolds', role: 'Designated safeguarding lead', agency: 'School', position: 2 },
        ]).execute();
        await tx.insertInto('scalings').values({ person_id: personId, mapping_id: mappingOn(on), meeting_id: meetingId, scaled_on: on, scorer_name: 'Taylor Mensah', scorer_role: 'Team manager', scorer_agency: 'Children’s services', is_family_member: false, score, rationale: 'Children left alone twice this month.', created_by: worker }).execute();
        await tx.insertInto('mapping_meeting_actions').values([
          { meeting_id: meetingId, action: 'Share the bottom line with mum, in writing and in person', owner: 'Sam Walker', due_date: addCalendarDays(c.today, 2), position: 0 },
          { meeting_id: meetingId, action: 'Ask the GP to review mum’s medication', owner: 'Sam Walker', due_date: addCalendarDays(c.today, -1), position: 1 },
        ]).execute();
      }
    }
    if (created.length) await writeAudit(tx, c.ctx, { action: 'mapping.demo_seed', recordType: 'mapping', personIds, details: { mappings: created } });
  });
  c.log(`Signs of Safety: mappings and scaling for ${personIds.length} children`);
}
