/**
 * Demo casework: a children in need episode for every demo referral the front door decided (referral date and
 * source from the contact), most allocated to the demo social worker (one transferred from Assessment to Child
 * Protection), the two newest left unallocated, older ones closed (RC8, RC9, RC7); case notes (visits with the child
 * seen alone or not, a phone call, a draft, a deleted note), management oversight and one group recording for
 * siblings on the same contact. Bulk SQL in one transaction with one audit event. All fictional.
 */
import crypto from 'node:crypto';
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays, londonDateTime } from '../time/index.js';

const CLOSURES = ['RC8', 'RC9', 'RC7'] as const;

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
  const referrals = await db
    .selectFrom('contact_children as cc')
    .innerJoin('contacts as c', 'c.id', 'cc.contact_id')
    .leftJoin('cin_episodes as e', 'e.contact_child_id', 'cc.id')
    .select(['cc.id', 'cc.person_id', 'cc.contact_id', 'cc.primary_need_code', 'c.received_date', 'c.source_code'])
    .where('cc.is_referral', '=', true)
    .where('e.id', 'is', null)
    .orderBy('c.received_date', 'desc')
    .orderBy('cc.id')
    .execute();
  if (!referrals.length) return;
  const personOpen = new Set<number>();
  let notes = 0;
  let oversight = 0;
  await db.transaction().execute(async (tx) => {
    let closedCount = 0;
    for (const [i, r] of referrals.entries()) {
      const age = Math.round((Date.parse(today) - Date.parse(r.received_date)) / 86400000);
      // A child has one open episode at a time: an older referral for a child already open here is closed.
      const close = age > 120 || personOpen.has(r.person_id);
      const unallocated = !close && i < 2;
      const teamId: number = close ? assessment : age > 75 ? cp : assessment;
      const end = close ? [addCalendarDays(r.received_date, 30 + (i % 20)), today].sort()[0]! : null;
      const ep = await tx
        .insertInto('cin_episodes')
        .values({
          person_id: r.person_id,
          contact_child_id: r.id,
          referral_date: r.received_date,
          referral_source: r.source_code,
          primary_need_code: r.primary_need_code ?? 'N1',
          start_date: r.received_date,
          end_date: end,
          closure_reason: close ? CLOSURES[closedCount++ % CLOSURES.length]! : null,
          status: close ? 'closed' : 'open',
          team_id: unallocated ? null : teamId,
          worker_id: unallocated ? null : worker,
          created_by: manager,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!close) personOpen.add(r.person_id);
      if (unallocated) continue;
      const from = [addCalendarDays(r.received_date, 1), today].sort()[0]!;
      if (teamId === cp) {
        // Transferred: assessed first, then moved to Child Protection.
        const moved = [addCalendarDays(r.received_date, 30), today].sort()[0]!;
        await tx.insertInto('episode_allocations').values([
          { episode_id: ep.id, team_id: assessment, worker_id: worker, from_date: from, to_date: moved, reason: 'Allocated for a single assessment', allocated_by: manager },
          { episode_id: ep.id, team_id: cp, worker_id: worker, from_date: moved, to_date: null, reason: 'Transferred to Child Protection after the assessment', allocated_by: manager },
        ]).execute();
      } else {
        await tx.insertInto('episode_allocations').values({ episode_id: ep.id, team_id: assessment, worker_id: worker, from_date: from, to_date: end, reason: 'Allocated for a single assessment', allocated_by: manager }).execute();
      }
      // Notes and oversight on the open, allocated episodes.
      if (close) continue;
      const visitDay = [addCalendarDays(r.received_date, 3), today].sort()[0]!;
      const alone = i % 3 !== 0;
      await tx.insertInto('case_notes').values([
        { person_id: r.person_id, episode_id: ep.id, note_type: 'visit', occurred_at: londonDateTime(visitDay, '10:30'), summary: alone ? 'Home visit: child seen alone in their bedroom' : 'Home visit: child seen with mum present', body: alone ? 'Saw the child alone in their bedroom. They showed me their drawings and said home is “mostly OK” but they do not like the shouting. Room clean and warm; food in the fridge.' : 'Mum would not agree to me seeing the child alone today. The child seemed quiet and watched mum before answering. I will see them alone at school next week.', child_seen: true, child_seen_alone: alone, status: 'final', author_id: worker, finalised_at: londonDateTime(visitDay, '16:00') },
        { person_id: r.person_id, episode_id: ep.id, note_type: 'phone_call', occurred_at: londonDateTime(visitDay, '14:05'), summary: 'Call with the school’s safeguarding lead', body: 'Attendance 88% this term. No new marks seen. School will call me if the child arrives late or hungry.', child_seen: null, child_seen_alone: null, status: 'final', author_id: worker, finalised_at: londonDateTime(visitDay, '14:20') },
      ]).execute();
      notes += 2;
      if (manager) {
        await tx.insertInto('management_oversight').values({ person_id: r.person_id, episode_id: ep.id, decision: 'Agree the plan to complete the single assessment. Worries about the shouting at home and the child’s quietness need exploring.', direction: 'See the child alone at school; contact the absent father for his view.', timescale: addCalendarDays(today, 5 + (i % 10)), recorded_by: manager, recorded_at: londonDateTime(visitDay, '17:00') }).execute();
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
    const siblings = [...byContact.values()].find((g) => g.length >= 2);
    if (siblings) {
      const groupId = crypto.randomUUID();
      const day = addCalendarDays(today, -1);
      await tx.insertInto('case_notes').values(siblings.map((s) => ({ person_id: s.person_id, episode_id: s.id, group_id: groupId, note_type: 'visit', occurred_at: londonDateTime(day, '16:00'), summary: 'After-school visit to the brothers and sisters together', body: 'Saw the children together after school, then each alone in turn. All said they feel safe when their grandmother stays over. Home tidy; food in the cupboards.', child_seen: true, child_seen_alone: true, status: 'final', author_id: worker, finalised_at: londonDateTime(day, '18:00') }))).execute();
      notes += siblings.length;
    }
    await writeAudit(tx, c.ctx, { action: 'casework.demo_seed', recordType: 'cin_episode', personIds: [...new Set(referrals.map((r) => r.person_id))], details: { episodes: referrals.length, notes, oversight } });
  });
  c.log(`  ${referrals.length} children in need episodes, ${notes} case notes, ${oversight} oversight entries`);
}
