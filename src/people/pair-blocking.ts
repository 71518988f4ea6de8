/**
 * Set-based blocking for the whole index: which pairs of records are worth scoring. Used by the
 * duplicate finder (every batch of people) and the weight estimator (a sample of batches).
 *
 * One query per batch of people gives every candidate pair (a, b) with a < b and b in the batch,
 * so across all batches each pair comes up once. A pair is a candidate when the two records share
 * any of these keys:
 *   - family and first given name sound alike (double metaphone of each);
 *   - given and family names swapped (each sounds like the other's);
 *   - the same date of birth, and the family name or the given name sounds alike (either way round,
 *     for names also swapped), or the family names share enough trigrams (two slips in one name);
 *   - the same date of birth and the same postcode, whatever the names (both names mistyped);
 *   - the date of birth with day and month swapped, or a year either side, and the family name sounds alike;
 *   - the same NHS number, or the same UPN;
 *   - the same postcode, and the given name or the family name sounds alike (either way round).
 * Each key gives at most `cap` partners per person: a very common key (Mohammed Khan, or a block
 * of flats) cannot explode into millions of pairs. Pairs it leaves out share a rarer key too, as
 * long as one of date of birth, postcode or an identifier was recorded.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MatchContext, PersonForMatching } from './matching/index.js';
import { ADDRESS_ORDER, forMatching, groupByPerson } from './match-data.js';

export const DEFAULT_BLOCK_CAP = 200;

/** Candidate pairs [a, b] (a < b, both live records) with b in (afterId, upToId]. */
export async function blockPairs(db: Kysely<Database>, afterId: number, upToId: number, cap = DEFAULT_BLOCK_CAP): Promise<Array<[number, number]>> {
  const result = await sql<{ a: number; b: number }>`
    with batch as materialized (
      select id, date_of_birth, nhs_number, upn from people
       where id > ${afterId} and id <= ${upToId} and merged_into_id is null
    ),
    bn as materialized (
      select n.person_id, n.family_dm, n.given_dm, n.family_key, b.date_of_birth
        from person_names n join batch b on b.id = n.person_id
    ),
    bdob as materialized (
      select distinct person_id, date_of_birth, family_dm, given_dm, family_key,
             case when extract(day from date_of_birth) <= 12 and extract(day from date_of_birth) <> extract(month from date_of_birth)
                  then make_date(extract(year from date_of_birth)::int, extract(day from date_of_birth)::int, extract(month from date_of_birth)::int) end as swapped
        from bn where date_of_birth is not null
    ),
    ba as materialized (
      select distinct a.person_id, a.postcode_key, bn.family_dm, bn.given_dm
        from person_addresses a join bn on bn.person_id = a.person_id
       where a.postcode_key is not null and a.postcode_key <> ''
    ),
    pairs (a, b) as (
      select x.person_id, bn.person_id from bn cross join lateral (
        select n.person_id from person_names n
         where n.family_dm = bn.family_dm and n.given_dm = bn.given_dm and n.person_id < bn.person_id limit ${cap}) x
       where bn.family_dm <> '' and bn.given_dm <> ''
      union all
      select x.person_id, bn.person_id from bn cross join lateral (
        select n.person_id from person_names n
         where n.family_dm = bn.given_dm and n.given_dm = bn.family_dm and n.person_id < bn.person_id limit ${cap}) x
       where bn.family_dm <> '' and bn.given_dm <> '' and bn.family_dm <> bn.given_dm
      union all
      select x.person_id, d.person_id from bdob d cross join lateral (
        select n.person_id from people p join person_names n on n.person_id = p.id
         where p.date_of_birth = d.date_of_birth and p.merged_into_id is null and p.id < d.person_id
           and (n.family_dm = d.family_dm or n.given_dm = d.given_dm or n.family_dm = d.given_dm or n.given_dm = d.family_dm
                or (d.family_key <> '' and n.family_key % d.family_key)) limit ${cap}) x
      union all
      select x.person_id, ba.person_id from ba join batch b on b.id = ba.person_id cross join lateral (
        select a.person_id from person_addresses a join people p on p.id = a.person_id
         where a.postcode_key = ba.postcode_key and p.date_of_birth = b.date_of_birth and p.merged_into_id is null
           and a.person_id < ba.person_id limit ${cap}) x
       where b.date_of_birth is not null
      union all
      select x.person_id, d.person_id from bdob d cross join lateral (
        select n.person_id from people p join person_names n on n.person_id = p.id
         where p.date_of_birth in (d.swapped, (d.date_of_birth - interval '1 year')::date, (d.date_of_birth + interval '1 year')::date)
           and p.merged_into_id is null and p.id < d.person_id and n.family_dm = d.family_dm limit ${cap}) x
       where d.family_dm <> ''
      union all
      select x.id, b.id from batch b cross join lateral (
        select p.id from people p where p.nhs_number = b.nhs_number and p.id < b.id limit ${cap}) x
       where b.nhs_number is not null
      union all
      select x.id, b.id from batch b cross join lateral (
        select p.id from people p where p.upn = b.upn and p.id < b.id limit ${cap}) x
       where b.upn is not null
      union all
      select x.person_id, ba.person_id from ba cross join lateral (
        select a.person_id from person_addresses a join person_names n on n.person_id = a.person_id
         where a.postcode_key = ba.postcode_key and a.person_id < ba.person_id
           and (n.given_dm = ba.given_dm or n.family_dm = ba.family_dm or n.given_dm = ba.family_dm or n.family_dm = ba.given_dm) limit ${cap}) x
    )
    select distinct pairs.a, pairs.b from pairs join people pa on pa.id = pairs.a
     where pa.merged_into_id is null`.execute(db);
  return result.rows.map((r) => [Number(r.a), Number(r.b)]);
}

/**
 * What matching needs of many people at once, in three queries: lighter than loadBriefs (no
 * restrictions or warnings), built by the same forMatching(). Merged records are left out.
 */
export async function loadForMatching(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, PersonForMatching>> {
  const out = new Map<number, PersonForMatching>();
  if (ids.length === 0) return out;
  const list = [...new Set(ids)];
  const [people, names, addresses] = await Promise.all([
    sql<{ id: number; date_of_birth: string | null; sex: string; nhs_number: string | null; upn: string | null }>`
      select id, date_of_birth, sex, nhs_number, upn from people where id = any(${list}::bigint[]) and merged_into_id is null`.execute(db),
    sql<{ person_id: number; kind: string; given_names: string; family_name: string }>`
      select person_id, kind, given_names, family_name from person_names where person_id = any(${list}::bigint[]) order by id`.execute(db),
    sql<{ person_id: number; postcode: string | null }>`
      select person_id, postcode from person_addresses where person_id = any(${list}::bigint[]) order by ${ADDRESS_ORDER}`.execute(db),
  ]);
  const namesOf = groupByPerson(names.rows);
  const postcodesOf = groupByPerson(addresses.rows);
  for (const p of people.rows) {
    const id = Number(p.id);
    out.set(id, forMatching(p, namesOf.get(id) ?? [], (postcodesOf.get(id) ?? []).map((a) => a.postcode)));
  }
  return out;
}

/**
 * Who else was born on each day with each family name (compare.ts, householdSlip): the first given
 * name key of every live person with that family name key and date of birth, in one query. Keys
 * asked for and not found answer [] (nobody), keys not asked for answer undefined (not known).
 */
export async function loadBirthmates(db: Kysely<Database>, keys: ReadonlyArray<{ familyKey: string; dateOfBirth: string }>): Promise<NonNullable<MatchContext['birthmates']>> {
  const key = (familyKey: string, dateOfBirth: string) => `${familyKey}\u0000${dateOfBirth}`;
  const found = new Map<string, string[]>(keys.map((k) => [key(k.familyKey, k.dateOfBirth), []]));
  if (keys.length > 0) {
    const r = await sql<{ family_key: string; dob: string; given: string }>`
      select distinct n.family_key, p.date_of_birth::text as dob, split_part(n.given_key, ' ', 1) as given
        from people p join person_names n on n.person_id = p.id
       where p.merged_into_id is null
         and p.date_of_birth = any(${[...new Set(keys.map((k) => k.dateOfBirth))]}::date[])
         and n.family_key = any(${[...new Set(keys.map((k) => k.familyKey))]}::text[])`.execute(db);
    for (const row of r.rows) found.get(key(row.family_key, row.dob))?.push(row.given);
  }
  return (familyKey, dateOfBirth) => found.get(key(familyKey, dateOfBirth));
}

/** The id that ends a batch of `size` live-or-not people after `afterId`, or null when none are left. */
export async function batchEnd(db: Kysely<Database>, afterId: number, size: number): Promise<number | null> {
  const r = await sql<{ id: number | null }>`
    select max(id) as id from (select id from people where id > ${afterId} order by id limit ${size}) x`.execute(db);
  const id = r.rows[0]?.id;
  return id === null || id === undefined ? null : Number(id);
}
