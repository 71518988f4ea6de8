import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nameKey, nameTokens, type PersonForMatching } from './matching/index.js';
import { ADDRESS_ORDER, forMatching } from './match-data.js';
import { dateOfBirthVariants, givenNameKeys, type PersonQuery } from './search-query.js';

const BLOCK_LIMIT = 300;

/**
 * Candidate generation ("blocking"): cheap indexed lookups that together catch a record despite typos,
 * nicknames, swapped names, a mistyped date of birth or a house move. Each block is bounded, so a very
 * common name cannot flood the scorer. Scoring happens afterwards, in TypeScript (matching/score.ts).
 */
/**
 * The candidates with what matching needs of each (forMatching), in one round trip: the blocking
 * query, then each candidate's names and postcodes aggregated in the same statement. Merged
 * records are left out.
 */
export async function findCandidates(db: Kysely<Database>, q: PersonQuery, excludeId?: number): Promise<Map<number, PersonForMatching>> {
  const result = await sql<{
    id: number;
    date_of_birth: string | null;
    sex: string;
    nhs_number: string | null;
    upn: string | null;
    names: Array<{ kind: string; given_names: string; family_name: string }>;
    postcodes: Array<string | null>;
  }>`
    with c as (${candidateQuery(q, excludeId)})
    select p.id, p.date_of_birth, p.sex, p.nhs_number, p.upn,
           (select coalesce(json_agg(json_build_object('kind', n.kind, 'given_names', n.given_names, 'family_name', n.family_name) order by n.id), '[]')
              from person_names n where n.person_id = p.id) as names,
           (select coalesce(json_agg(a.postcode order by ${ADDRESS_ORDER}), '[]') from person_addresses a where a.person_id = p.id) as postcodes
      from c join people p on p.id = c.person_id
     where p.merged_into_id is null`.execute(db);
  const out = new Map<number, PersonForMatching>();
  for (const row of result.rows) out.set(Number(row.id), forMatching(row, row.names, row.postcodes));
  return out;
}

export async function findCandidateIds(db: Kysely<Database>, q: PersonQuery, excludeId?: number): Promise<number[]> {
  const result = await candidateQuery(q, excludeId).execute(db);
  return result.rows.map((r) => Number(r.person_id));
}

/** The blocking query itself (one union of the blocks below), e.g. for EXPLAIN. */
export function candidateQuery(q: PersonQuery, excludeId?: number) {
  const familyKey = q.familyName ? nameKey(q.familyName) : null;
  const givenKeys = givenNameKeys(q.givenName);
  const givenFirst = q.givenName ? (nameTokens(q.givenName)[0] ?? null) : null;
  const dobs = dateOfBirthVariants(q.dateOfBirth);
  const postcodeKey = q.postcode ? q.postcode.replace(/\s/g, '').toUpperCase() : null;
  const hasName = familyKey !== null || givenKeys.length > 0;

  // The given names' sounds as a list of dmetaphone() calls on constants, which the planner folds
  // into a constant array: an index condition (a subquery over unnest() would only be a filter).
  const givenSounds = givenKeys.length ? sql`array[${sql.join(givenKeys.map((k) => sql`dmetaphone(${k}::text)`))}]` : sql`array[]::text[]`;
  // Name condition reused by several blocks: same family sound, or same given sound (nicknames
  // included), or either the other way round (names swapped, and one of them also mistyped).
  const nameMatches = sql`(n.family_dm = dmetaphone(${familyKey}::text) or n.given_dm = any(${givenSounds})
    or n.family_dm = dmetaphone(${givenFirst}::text) or n.given_dm = dmetaphone(${familyKey}::text))`;

  const blocks = [
    sql`select id as person_id from people where nhs_number = ${q.nhsNumber}::text`,
    sql`select id as person_id from people where upn = ${q.upn}::text`,
    // Same or mistyped date of birth, and the name sounds alike in part (catches a changed surname
    // too), or the family name shares enough trigrams (two slips in it).
    hasName
      ? sql`(select n.person_id from people p join person_names n on n.person_id = p.id
              where p.date_of_birth = any(${dobs}::date[])
                and (${nameMatches} or (${familyKey}::text is not null and n.family_key % ${familyKey}::text)) limit ${BLOCK_LIMIT})`
      : sql`(select id as person_id from people where date_of_birth = any(${dobs}::date[]) limit ${BLOCK_LIMIT})`,
    // Both names sound alike (date of birth missing or wrong).
    sql`(select n.person_id from person_names n
          where n.family_dm = dmetaphone(${familyKey}::text)
            and (${givenKeys.length === 0} or n.given_dm = any(${givenSounds}))
          limit ${BLOCK_LIMIT})`,
    // Given and family names swapped.
    sql`(select n.person_id from person_names n
          where n.family_dm = dmetaphone(${givenFirst}::text) and n.given_dm = dmetaphone(${familyKey}::text) limit ${BLOCK_LIMIT})`,
    // Family name spelt differently enough to sound different (trigrams), with a given name that
    // sounds alike and the same first letter (the scorer's rule for a similar spelling): an index on
    // (given_dm, first letter) finds the few hundred names to check, and similarity() (pg_trgm's %
    // threshold) keeps the planner off the trigram index. Without a given name, trigrams alone.
    givenKeys.length > 0
      ? sql`(select n.person_id from person_names n
              where n.given_dm = any(${givenSounds}) and left(n.family_key, 1) = left(${familyKey}::text, 1)
                and similarity(n.family_key, ${familyKey}::text) >= 0.3 -- as %, but not through the trigram index
              limit ${BLOCK_LIMIT})`
      : sql`(select n.person_id from person_names n where ${familyKey}::text is not null and n.family_key % ${familyKey}::text limit ${BLOCK_LIMIT})`,
    // Same date of birth and postcode, whatever the names (both names mistyped).
    sql`(select a.person_id from person_addresses a join people p on p.id = a.person_id
          where a.postcode_key = ${postcodeKey}::text and p.date_of_birth = ${q.dateOfBirth}::date limit ${BLOCK_LIMIT})`,
    // Same postcode, and the name agrees in part (or no name was given).
    hasName
      ? sql`(select a.person_id from person_addresses a join person_names n on n.person_id = a.person_id
              where a.postcode_key = ${postcodeKey}::text and ${nameMatches} limit ${BLOCK_LIMIT})`
      : sql`(select a.person_id from person_addresses a where a.postcode_key = ${postcodeKey}::text limit ${BLOCK_LIMIT})`,
  ];
  return sql<{ person_id: number }>`
    select distinct c.person_id from (${sql.join(blocks, sql` union all `)}) c
    where c.person_id <> ${excludeId ?? 0}`;
}
