/**
 * Signs of Safety for the demo council: mappings for several children in children's social care (open episodes if
 * there are any; otherwise children the front door referred on; otherwise any children), with danger statements and
 * safety goals, bottom lines (one family not yet told), Three Houses and Words and Pictures, a mapping meeting, and
 * scaling over several months by several professionals and family members that moves: better for some children, worse
 * for one. Written in one transaction with one audit event. All fictional.
 */
import { sql } from 'kysely';
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays } from '../time/index.js';
import type { Tx } from '../db/transaction.js';

interface Story {
  /** Median-ish path of scores, oldest first; each scorer varies around it. */
  scores: number[];
  status: 'draft' | 'final';
  bottomLineShared: boolean;
  dangers: Array<[who: string, worry: string, might: string, goal: string, sustained: string]>;
  items: Record<'harm' | 'complicating' | 'working_well' | 'existing_safety' | 'next_steps', string[]>;
  bottomLine: string;
}

const STORIES: Story[] = [
  {
    scores: [2, 3, 5, 6],
    status: 'final',
    bottomLineShared: true,
    dangers: [
      ['Children’s services, the school and the police', 'dad hitting the children when he has been drinking', 'the children could be badly hurt, and frightened to be at home', 'A sober adult the network trusts looks after the children every weekend, and the children tell their teacher they feel safe at home', 'for six months, including the Christmas holidays'],
      ['The health visitor and children’s services', 'mum and dad arguing and pushing each other in front of the children', 'the children could be hurt in the middle of a fight and grow up thinking violence is normal', 'Mum and dad sort out arguments away from the children, and Grandma is called to take them out if one starts', 'for six months'],
    ],
    items: {
      harm: ['A bruise on the child’s arm after dad grabbed them in October', 'Police called to two arguments at home since the summer'],
      complicating: ['Dad drinks heavily at weekends', 'Mum is isolated from her family'],
      working_well: ['Mum gets the children to school on time every day', 'Dad has started going to an alcohol service'],
      existing_safety: ['Grandma has had the children to stay on weekends dad drinks', 'Mum called the police herself last time'],
      next_steps: ['Family network meeting to agree the safety plan', 'Words and Pictures explanation for the children'],
    },
    bottomLine: 'If dad looks after the children after drinking again, we will ask a court to decide where the children should live.',
  },
  {
    scores: [5, 4, 2],
    status: 'final',
    bottomLineShared: false,
    dangers: [
      ['The school and children’s services', 'the children going hungry and missing school while mum is unwell', 'the children will fall behind, be unwell and be left alone when mum cannot get out of bed', 'An adult in the network makes sure the children are fed, clean and at school every day', 'for three months, including half term'],
    ],
    items: {
      harm: ['Attendance has fallen to 61%', 'The children were found home alone twice'],
      complicating: ['Mum’s depression has got worse since her partner left', 'Notice to quit on the flat'],
      working_well: ['Mum loves the children and asked the school for help'],
      existing_safety: ['An aunt took the children in for a week in September'],
      next_steps: ['GP review of mum’s medication', 'Housing officer to attend the next meeting'],
    },
    bottomLine: 'If the children are left at home alone again, they will go to stay with family while we make sure they are safe.',
  },
  {
    scores: [3, 3, 4],
    status: 'draft',
    bottomLineShared: false,
    dangers: [
      ['Health and children’s services', 'the baby’s weight falling because feeds are missed', 'the baby could become seriously ill', 'The baby is fed on time every day and gains weight at each clinic visit', 'for three months'],
    ],
    items: {
      harm: ['Baby’s weight dropped from the 25th to the 9th centile'],
      complicating: ['Dad works nights and mum is on her own'],
      working_well: ['Mum has kept every health visitor appointment since the referral'],
      existing_safety: [],
      next_steps: ['Feeding plan with the health visitor'],
    },
    bottomLine: 'If the baby keeps losing weight, the baby will go into hospital and we will hold a child protection conference.',
  },
  {
    scores: [6, 7, 8],
    status: 'final',
    bottomLineShared: true,
    dangers: [
      ['The police and children’s services', 'the young person going missing overnight with older men', 'they could be sexually exploited or badly hurt', 'The young person comes home every night and tells a trusted adult where they are', 'for three months'],
    ],
    items: {
      harm: ['Missing three times in the summer, found in another town'],
      complicating: ['Older friends with cars', 'Excluded from school for five days'],
      working_well: ['Has kept every appointment with the youth worker'],
      existing_safety: ['Mum reported each missing episode straight away'],
      next_steps: ['Return home interview after any missing episode'],
    },
    bottomLine: 'If they go missing again, we will meet with the police the same day and may ask for a safe place for them to stay.',
  },
];

const SCORERS: Array<[name: string, role: string, agency: string, family: boolean, offset: number]> = [
  ['Sam Walker', 'Social worker', 'Children’s services', false, 0],
  ['Jo Reynolds', 'Designated safeguarding lead', 'School', false, 1],
  ['Hana Ellis', 'Health visitor', 'Health', false, -1],
  ['DC Pat Ollerton', 'Police officer', 'Police', false, -1],
  ['', 'Parent', 'Family', true, 2],
];

async function pickChildren(c: DemoSeedContext, n: number): Promise<Array<{ id: number; episodeId: number | null; name: string }>> {
  const minDob = addCalendarDays(c.today, -17 * 365);
  const episodes = await sql<{ id: number; episode_id: number; name: string }>`
    select distinct on (e.person_id) e.person_id as id, e.id as episode_id, n.given_names || ' ' || n.family_name as name
    from cin_episodes e join people p on p.id = e.person_id join person_names n on n.person_id = p.id and n.kind = 'current'
    where e.status = 'open' and p.restricted = false and p.merged_into_id is null
    order by e.person_id, e.start_date desc limit ${n}`.execute(c.db);
  if (episodes.rows.length) return episodes.rows.map((r) => ({ id: r.id, episodeId: r.episode_id, name: r.name }));
  const referred = await sql<{ id: number; name: string }>`
    select distinct p.id, n.given_names || ' ' || n.family_name as name
    from contact_children cc join people p on p.id = cc.person_id join person_names n on n.person_id = p.id and n.kind = 'current'
    where cc.decision in ('referral', 'strategy_discussion') and p.restricted = false and p.merged_into_id is null and p.date_of_birth > ${minDob}
    order by p.id limit ${n}`.execute(c.db);
  if (referred.rows.length) return referred.rows.map((r) => ({ id: r.id, episodeId: null, name: r.name }));
  const any = await sql<{ id: number; name: string }>`
    select p.id, n.given_names || ' ' || n.family_name as name
    from people p join person_names n on n.person_id = p.id and n.kind = 'current'
    where p.restricted = false and p.merged_into_id is null and p.date_of_birth > ${minDob}
    order by p.id limit ${n}`.execute(c.db);
  return any.rows.map((r) => ({ id: r.id, episodeId: null, name: r.name }));
}

export async function seedPractice(c: DemoSeedContext): Promise<void> {
  const children = await pickChildren(c, STORIES.length);
  if (!children.length) return;
  const worker = (await c.db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirst())?.id ?? null;
  await c.db.transaction().execute(async (tx: Tx) => {
    const created: number[] = [];
    for (const [i, child] of children.entries()) {
      const story = STORIES[i]!;
      const first = addCalendarDays(c.today, -28 * story.scores.length);
      const mappedOn = addCalendarDays(first, 1);
      const { id: mappingId } = await tx
        .insertInto('mappings')
        .values({ person_id: child.id, episode_id: child.episodeId, owner_kind: 'episode', owner_id: child.episodeId, status: story.status, mapped_on: mappedOn, carried_from_id: null, finalised_at: story.status === 'final' ? `${mappedOn}T16:00:00Z` : null, finalised_by: story.status === 'final' ? worker : null, created_by: worker })
        .returning('id')
        .executeTakeFirstOrThrow();
      created.push(mappingId);
      await tx.insertInto('mapping_items').values(Object.entries(story.items).flatMap(([column_key, texts]) => texts.map((text, position) => ({ mapping_id: mappingId, column_key, text, position })))).execute();
      for (const [position, [who, worry, might, goal, sustained]] of story.dangers.entries()) {
        const { id } = await tx.insertInto('danger_statements').values({ mapping_id: mappingId, who_worried: who, worry, what_might_happen: might, position }).returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('safety_goals').values({ mapping_id: mappingId, danger_statement_id: id, goal, sustained_for: sustained, position }).execute();
      }
      await tx.insertInto('bottom_lines').values({ mapping_id: mappingId, text: story.bottomLine, stated: story.bottomLineShared, shared_with_family_on: story.bottomLineShared ? addCalendarDays(mappedOn, 3) : null, position: 0 }).execute();
      // Scaling every four weeks: three or four professionals and a parent, around the story's path.
      const rows = story.scores.flatMap((score, k) => {
        const date = addCalendarDays(first, 28 * k + 1);
        // Three professionals every time, the police and a parent from the second date on: an odd number, so the
        // median follows the story.
        return SCORERS.filter((_, s) => s < 3 || k > 0).map(([name, role, agency, family, offset]) => ({
          person_id: child.id, mapping_id: mappingId, meeting_id: null, scaled_on: date,
          scorer_name: family ? `${child.name.split(' ')[0]}’s mum` : name, scorer_role: family ? 'Mother' : role, scorer_agency: agency, is_family_member: family,
          score: Math.max(0, Math.min(10, score + (k % 2 === 0 ? offset : Math.sign(offset)))),
          rationale: family ? 'Things are better at home than professionals think.' : score >= (story.scores[k - 1] ?? score) ? 'Safety plan being followed.' : 'New incidents since the last review.',
          created_by: worker,
        }));
      });
      await tx.insertInto('scalings').values(rows).execute();
    }
    // The child's voice for the first two children, and a group supervision for the one whose scaling is falling.
    const [a, b] = children;
    if (a) {
      await tx.insertInto('child_voice_records').values({ person_id: a.id, kind: 'three_houses', recorded_on: addCalendarDays(c.today, -20), worries: 'When daddy shouts and the door bangs. When mummy cries.', good_things: 'Grandma’s house. My teacher Miss Reynolds. Football on Saturdays.', dreams: 'Daddy stops drinking the smelly drink. A dog called Biscuit.', explanation: '', seen: true, seen_alone: true, owner_kind: null, owner_id: null, created_by: worker }).execute();
    }
    if (b) {
      await tx.insertInto('child_voice_records').values({ person_id: b.id, kind: 'words_and_pictures', recorded_on: addCalendarDays(c.today, -10), worries: '', good_things: '', dreams: '', explanation: 'Mum has an illness called depression that makes her very tired and sad. It is not your fault. Sam, your school and your aunt are helping make sure you have food and get to school while mum gets better.', seen: true, seen_alone: false, owner_kind: null, owner_id: null, created_by: worker }).execute();
      const mappingB = created[1]!;
      const meetingDate = addCalendarDays(c.today, -6);
      const { id: meetingId } = await tx.insertInto('mapping_meetings').values({ person_id: b.id, kind: 'group_supervision', meeting_date: meetingDate, mapping_id: mappingB, notes: 'Scaling has fallen since the summer: the group agreed the bottom line must be shared with mum this week.', created_by: worker }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('mapping_meeting_attendees').values([
        { meeting_id: meetingId, name: 'Sam Walker', role: 'Social worker', agency: 'Children’s services', position: 0 },
        { meeting_id: meetingId, name: 'Taylor Mensah', role: 'Team manager', agency: 'Children’s services', position: 1 },
        { meeting_id: meetingId, name: 'Jo Reynolds', role: 'Designated safeguarding lead', agency: 'School', position: 2 },
      ]).execute();
      await tx.insertInto('scalings').values([
        { person_id: b.id, mapping_id: mappingB, meeting_id: meetingId, scaled_on: meetingDate, scorer_name: 'Taylor Mensah', scorer_role: 'Team manager', scorer_agency: 'Children’s services', is_family_member: false, score: 2, rationale: 'Children left alone twice this month.', created_by: worker },
      ]).execute();
      await tx.insertInto('mapping_meeting_actions').values([
        { meeting_id: meetingId, action: 'Share the bottom line with mum, in writing and in person', owner: 'Sam Walker', due_date: addCalendarDays(c.today, 2), position: 0 },
        { meeting_id: meetingId, action: 'Ask the GP to review mum’s medication', owner: 'Sam Walker', due_date: addCalendarDays(c.today, -1), position: 1 },
      ]).execute();
    }
    await writeAudit(tx, c.ctx, { action: 'mapping.demo_seed', recordType: 'mapping', personIds: children.map((x) => x.id), details: { mappings: created } });
  });
  c.log(`Signs of Safety: mappings and scaling for ${children.length} children`);
}
