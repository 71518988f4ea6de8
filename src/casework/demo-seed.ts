/**
 * Demo casework: a children in need episode for every demo referral the front door decided (referral date and
 * source from the contact), and one for the pre-birth case, each following the child's story (src/demo/stories.ts):
 * allocated to the demo social worker in the Assessment team (moved to Child Protection at the strategy discussion
 * for children going through child protection), the two newest left unallocated, earlier referrals and finished work
 * closed (RC7, RC8, RC9); case notes (visits with the child seen alone or not, a phone call, a draft, a deleted note),
 * management oversight and one group recording for brothers and sisters. Bulk SQL in one transaction with one audit
 * event. All fictional.
 */
import crypto from 'node:crypto';
import type { DemoSeedContext } from '../demo/seeders.js';
import { demoCases } from '../demo/stories.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays, londonDateTime } from '../time/index.js';

export async function seedCasework(c: DemoSeedContext): Promise<void> {
  const { db, today } = c;
  const [teams, users] = await Promise.all([
    db.selectFrom('teams').select(['id', 'name']).where('name', 'in', ['Assessment', 'Child Protection']).execute(),
    db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['social.worker', 'team.manager']).execute(),
  ]);
  const assessment = teams.find((t) => t.name === 'Assessment')?.id;
  const cp = teams.find((t) => t.name === 'Child Protection')?.id;
  const worker = users.find((u) => u.username === 'social.worker')?.id;
  const manager = users.find((u) => u.username === 'team.manager')?.id ?? null;
  if (!assessment || !cp || !worker) return;
  const existing = new Set((await db.selectFrom('cin_episodes').select('contact_child_id').where('contact_child_id', 'is not', null).execute()).map((e) => e.contact_child_id));
  const all = await demoCases(c);
  // Newest referral first (the ids follow), so the newest allocated case has the lowest id.
  const cases = all.filter((x) => !x.referral || !existing.has(x.referral.contactChildId)).sort((a, b) => b.referralDate.localeCompare(a.referralDate) || (a.referral?.contactChildId ?? 0) - (b.referral?.contactChildId ?? 0));
  if (!cases.length) return;
  let notes = 0;
  let oversight = 0;
  const personIds: number[] = [];
  await db.transaction().execute(async (tx) => {
    for (const [i, story] of cases.entries()) {
      let personId = story.personId;
      if (story.preBirth) {
        // The unborn baby: a person in the index (through the service, audited) with the mother's address.
        const address = await tx.selectFrom('person_addresses').select(['line1', 'line2', 'town', 'postcode']).where('person_id', '=', story.preBirth.motherId).where('to_date', 'is', null).executeTakeFirst();
        personId = await c.services.people.create(c.ctx, { givenNames: 'Unborn', familyName: story.preBirth.familyName, dateOfBirth: null, expectedDateOfBirth: story.preBirth.expectedDateOfBirth, sex: 'U', ...(address ? { address: { ...address, postcode: address.postcode ?? '', fromDate: null } } : {}) }, tx);
        await tx.insertInto('relationships').values({ person_id: story.preBirth.motherId, related_person_id: personId, type: 'mother', start_date: null, end_date: null }).execute();
      }
      if (!personId) continue;
      personIds.push(personId);
      const e = story.episode;
      const alloc = e.allocation;
      const closed = e.status === 'closed';
      const teamId: number = alloc?.transferred && (!closed || alloc.transferred <= e.end!) ? cp : assessment;
      const ep = await tx
        .insertInto('cin_episodes')
        .values({
          person_id: personId,
          contact_child_id: story.referral?.contactChildId ?? null,
          referral_date: story.referralDate,
          referral_source: story.referralSource,
          primary_need_code: story.primaryNeed,
          start_date: story.referralDate,
          end_date: e.end,
          closure_reason: e.closureReason,
          status: e.status,
          team_id: alloc ? teamId : null,
          worker_id: alloc ? worker : null,
          created_by: manager,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!alloc) continue;
      const from = closed && alloc.from > e.end! ? e.end! : alloc.from;
      if (alloc.transferred && teamId === cp) {
        // Assessed first, then moved to Child Protection at the strategy discussion.
        await tx.insertInto('episode_allocations').values([
          { episode_id: ep.id, team_id: assessment, worker_id: worker, from_date: from, to_date: alloc.transferred, reason: 'Allocated for a single assessment', allocated_by: manager },
          { episode_id: ep.id, team_id: cp, worker_id: worker, from_date: alloc.transferred, to_date: e.end, reason: 'Transferred to Child Protection after the strategy discussion', allocated_by: manager },
        ]).execute();
      } else {
        await tx.insertInto('episode_allocations').values({ episode_id: ep.id, team_id: assessment, worker_id: worker, from_date: from, to_date: e.end, reason: 'Allocated for a single assessment', allocated_by: manager }).execute();
      }
      const close = closed;
      const r = { received_date: story.referralDate, person_id: personId };
      // Notes and oversight on the open, allocated episodes.
      if (close) continue;
      const visitDay = [addCalendarDays(r.received_date, 3), today].sort()[0]!;
      // What a first visit and call look like depends on the child: unborn, under school age, or at school.
      const dob = story.referral?.dateOfBirth ?? null;
      const young = !!dob && dob > addCalendarDays(today, -4 * 365);
      const alone = !story.preBirth && !young && i % 3 !== 0;
      const [visitSummary, visitBody] = story.preBirth
        ? ['Antenatal home visit: Mum seen', 'Saw Mum at home at 30 weeks. She says she has cut down her drinking; two empty bottles in the recycling. Her sister is willing to move in after the birth.']
        : young
          ? ['Home visit: child seen with mum', 'Saw the child at home with mum. Clean and dressed; playing with toys on the floor; went to mum for comfort. Fridge had milk and fruit; the flat was warm.']
          : alone
            ? ['Home visit: child seen alone in their bedroom', 'Saw the child alone in their bedroom. They showed me their drawings and said home is “mostly OK” but they do not like the shouting. Room clean and warm; food in the fridge.']
            : ['Home visit: child seen with mum present', 'Mum would not agree to me seeing the child alone today. The child seemed quiet and watched mum before answering. I will see them alone at school next week.'];
      const [callSummary, callBody] = story.preBirth
        ? ['Call with the community midwife', 'Mum has kept every antenatal appointment. Baby growing well. Midwife will tell me at once if Mum arrives smelling of alcohol.']
        : young
          ? ['Call with the health visitor', 'Weight checked at clinic last week. Immunisations up to date. The health visitor will call me if a clinic appointment is missed.']
          : ['Call with the school’s safeguarding lead', 'Attendance 88% this term. No new marks seen. School will call me if the child arrives late or hungry.'];
      await tx.insertInto('case_notes').values([
        { person_id: r.person_id, episode_id: ep.id, note_type: 'visit', occurred_at: londonDateTime(visitDay, '10:30'), summary: visitSummary, body: visitBody, child_seen: !story.preBirth, child_seen_alone: alone, status: 'final', author_id: worker, finalised_at: londonDateTime(visitDay, '16:00') },
        { person_id: r.person_id, episode_id: ep.id, note_type: 'phone_call', occurred_at: londonDateTime(visitDay, '14:05'), summary: callSummary, body: callBody, child_seen: null, child_seen_alone: null, status: 'final', author_id: worker, finalised_at: londonDateTime(visitDay, '14:20') },
      ]).execute();
      notes += 2;
      if (manager) {
        const [decision, direction] = story.cpPlan
          ? ['Agree the child protection plan and the safety network. Visits must keep to every 10 working days.', 'Book the next core group; ask the school to report any absence the same day.']
          : story.cinPlan
            ? ['Agree the child in need plan. Progress is slow: review it at the next supervision.', 'Share the bottom line with the family in writing; chase the GP about mum’s medication.']
            : ['Agree the plan to complete the single assessment. Worries about the shouting at home and the child’s quietness need exploring.', 'See the child alone at school; contact the absent father for his view.'];
        await tx.insertInto('management_oversight').values({ person_id: r.person_id, episode_id: ep.id, decision, direction, timescale: addCalendarDays(today, 5 + (i % 10)), recorded_by: manager, recorded_at: londonDateTime(visitDay, '17:00') }).execute();
        oversight += 1;
      }
    }
    // A draft and a deleted note on the worker's newest allocated case.
    const newest = await tx.selectFrom('cin_episodes').select(['id', 'person_id']).where('status', '=', 'open').where('worker_id', '=', worker).orderBy('start_date', 'desc').orderBy('id').executeTakeFirst();
    if (newest) {
      await tx.insertInto('case_notes').values([
        { person_id: newest.person_id, episode_id: newest.id, note_type: 'direct_work', occurred_at: londonDateTime(today, '09:00'), summary: 'Three Houses with the child (draft)', body: 'House of worries: … (to finish)', status: 'draft', author_id: worker },
        { person_id: newest.person_id, episode_id: newest.id, note_type: 'other', occurred_at: londonDateTime(today, '08:30'), summary: 'Note recorded on the wrong child', body: 'This note belonged to another family.', status: 'final', author_id: worker, finalised_at: londonDateTime(today, '08:31'), deleted_at: londonDateTime(today, '08:45'), deleted_by: worker, deleted_reason: 'Recorded on the wrong child' },
      ]).execute();
      notes += 2;
    }
    // A group recording: one visit note filed on each child of the first contact with two open episodes.
    const open = await tx.selectFrom('cin_episodes as e').innerJoin('contact_children as cc', 'cc.id', 'e.contact_child_id').select(['e.id', 'e.person_id', 'cc.contact_id']).where('e.status', '=', 'open').where('e.worker_id', '=', worker).orderBy('cc.contact_id', 'desc').execute();
    const byContact = new Map<number, typeof open>();
    for (const o of open) byContact.set(o.contact_id, [...(byContact.get(o.contact_id) ?? []), o]);
    // Else two brothers or sisters living together, each with an open episode.
    const home = await tx.selectFrom('cin_episodes as e').innerJoin('person_addresses as a', 'a.person_id', 'e.person_id').select(['e.id', 'e.person_id', 'a.line1', 'a.postcode']).where('e.status', '=', 'open').where('e.worker_id', '=', worker).where('a.to_date', 'is', null).orderBy('e.id').execute();
    const byHome = new Map<string, Array<{ id: number; person_id: number }>>();
    for (const o of home) byHome.set(`${o.line1}|${o.postcode}`, [...(byHome.get(`${o.line1}|${o.postcode}`) ?? []), o]);
    const siblings = [...byContact.values()].find((g) => g.length >= 2) ?? [...byHome.values()].find((g) => g.length >= 2 && new Set(g.map((x) => x.person_id)).size === g.length);
    if (siblings) {
      const groupId = crypto.randomUUID();
      const day = addCalendarDays(today, -1);
      await tx.insertInto('case_notes').values(siblings.map((s) => ({ person_id: s.person_id, episode_id: s.id, group_id: groupId, note_type: 'visit', occurred_at: londonDateTime(day, '16:00'), summary: 'After-school visit to the brothers and sisters together', body: 'Saw the children together after school, then each alone in turn. All said they feel safe when their grandmother stays over. Home tidy; food in the cupboards.', child_seen: true, child_seen_alone: true, status: 'final', author_id: worker, finalised_at: londonDateTime(day, '18:00') }))).execute();
      notes += siblings.length;
    }
    await writeAudit(tx, c.ctx, { action: 'casework.demo_seed', recordType: 'cin_episode', personIds: [...new Set(personIds)], details: { episodes: personIds.length, notes, oversight } });
  });
  c.log(`  ${personIds.length} children in need episodes, ${notes} case notes, ${oversight} oversight entries`);
}
