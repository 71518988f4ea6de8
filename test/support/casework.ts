import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/**
 * A referral's episode with nothing on it yet (no assessment, enquiry or plan, which have closure rules of their own),
 * allocated to a team and worker: for a demo child under 15 who has never had an episode, so it overlaps none.
 */
export async function freshEpisode(
  db: Kysely<Database>,
  opts: { teamName: string; workerId: number; referralDate: string; today: string },
): Promise<Selectable<Database['cin_episodes']>> {
  const { today, referralDate } = opts;
  const child = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.restricted', '=', false)
    .where('p.merged_into_id', 'is', null)
    .where('p.date_of_birth', '>', `${Number(today.slice(0, 4)) - 15}${today.slice(4)}`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('cin_episodes as e').select('e.id').whereRef('e.person_id', '=', 'p.id'))))
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  const team = (await db.selectFrom('teams').select('id').where('name', '=', opts.teamName).executeTakeFirstOrThrow()).id;
  const episode = await db
    .insertInto('cin_episodes')
    .values({ person_id: child.id, referral_date: referralDate, referral_source: '1A', start_date: referralDate, team_id: team, worker_id: opts.workerId })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('episode_allocations').values({ episode_id: episode.id, team_id: team, worker_id: opts.workerId, from_date: referralDate, reason: 'For assessment' }).execute();
  return episode;
}
