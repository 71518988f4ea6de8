import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PersonForMatching } from './matching/index.js';

/** What a search result or a duplicate pair shows of a person, beside what matching needs. */
export interface PersonBrief {
  id: number;
  givenNames: string;
  familyName: string;
  otherNames: string[];
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  dateOfDeath: string | null;
  sex: 'M' | 'F' | 'U';
  nhsNumber: string | null;
  upn: string | null;
  postcode: string | null;
  address: string | null;
  restricted: boolean;
  restrictedTo: { userIds: number[]; teamIds: number[] };
  warnings: Array<{ kind: string; details: string }>;
  forMatching: PersonForMatching;
}

const asSex = (s: string): 'M' | 'F' | 'U' => (s === 'M' || s === 'F' ? s : 'U');

/** Addresses newest first; an address with no start date counts as the oldest. */
export const ADDRESS_ORDER = sql`from_date desc nulls last, id desc`;

/**
 * What matching compares of one person, from their rows: every name variant (known-as names count as
 * given names only) and every postcode, current first. The one place this is built, for search and the scan.
 */
export function forMatching(
  person: { date_of_birth: string | null; sex: string; nhs_number: string | null; upn: string | null },
  names: ReadonlyArray<{ kind: string; given_names: string; family_name: string }>,
  postcodes: ReadonlyArray<string | null>,
): PersonForMatching {
  return {
    givenNames: names.map((n) => n.given_names).filter(Boolean),
    familyNames: names.filter((n) => n.kind !== 'known_as' || n.family_name).map((n) => n.family_name).filter(Boolean),
    dateOfBirth: person.date_of_birth,
    sex: asSex(person.sex),
    postcodes: postcodes.filter((x): x is string => !!x),
    nhsNumber: person.nhs_number,
    upn: person.upn,
  };
}

/** Rows grouped by person id, so building many people stays linear. */
export function groupByPerson<T extends { person_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = Number(row.person_id);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Loads people for scoring and display in four queries, whatever their number. Merged records are left out. */
export async function loadBriefs(db: Kysely<Database>, ids: number[]): Promise<Map<number, PersonBrief>> {
  const out = new Map<number, PersonBrief>();
  if (ids.length === 0) return out;
  // One round trip: each person's names, addresses, restrictions and open warnings come
  // aggregated with them (a search shows up to 20 people, a duplicate list 50 pairs).
  const result = await sql<
    Selectable<Database['people']> & {
      names: Array<{ kind: string; given_names: string; family_name: string; to_date: string | null }>;
      addresses: Array<{ line1: string; town: string; postcode: string | null; from_date: string | null; to_date: string | null }>;
      restrictions: Array<{ user_id: number | null; team_id: number | null }>;
      warnings: Array<{ kind: string; details: string }>;
    }
  >`
    select p.*,
           (select coalesce(json_agg(json_build_object('kind', n.kind, 'given_names', n.given_names, 'family_name', n.family_name, 'to_date', n.to_date) order by n.id), '[]')
              from person_names n where n.person_id = p.id) as names,
           (select coalesce(json_agg(json_build_object('line1', a.line1, 'town', a.town, 'postcode', a.postcode, 'from_date', a.from_date, 'to_date', a.to_date) order by ${ADDRESS_ORDER}), '[]')
              from person_addresses a where a.person_id = p.id) as addresses,
           (select coalesce(json_agg(json_build_object('user_id', r.user_id, 'team_id', r.team_id)), '[]') from person_restrictions r where r.person_id = p.id) as restrictions,
           (select coalesce(json_agg(json_build_object('kind', w.kind, 'details', w.details)), '[]') from person_warnings w where w.person_id = p.id and w.ended_at is null) as warnings
      from people p where p.id = any(${[...new Set(ids)]}::bigint[]) and p.merged_into_id is null`.execute(db);
  const people = result.rows.map((p) => ({ ...p, id: Number(p.id) }));
  const namesOf = new Map(people.map((p) => [p.id, p.names]));
  const addressesOf = new Map(people.map((p) => [p.id, p.addresses]));
  const restrictionsOf = new Map(people.map((p) => [p.id, p.restrictions]));
  const warningsOf = new Map(people.map((p) => [p.id, p.warnings]));
  for (const p of people) {
    const myNames = namesOf.get(p.id) ?? [];
    const current = myNames.find((n) => n.kind === 'current') ?? myNames[0];
    const myAddresses = addressesOf.get(p.id) ?? [];
    const currentAddress = myAddresses.find((a) => !a.to_date) ?? myAddresses[0];
    const myRestrictions = restrictionsOf.get(p.id) ?? [];
    out.set(p.id, {
      id: p.id,
      givenNames: current?.given_names ?? '',
      familyName: current?.family_name ?? '',
      otherNames: myNames.filter((n) => n !== current).map((n) => `${n.given_names} ${n.family_name}`.trim()),
      dateOfBirth: p.date_of_birth,
      expectedDateOfBirth: p.expected_date_of_birth,
      dateOfDeath: p.date_of_death,
      sex: asSex(p.sex),
      nhsNumber: p.nhs_number,
      upn: p.upn,
      postcode: currentAddress?.postcode ?? null,
      address: currentAddress ? [currentAddress.line1, currentAddress.town, currentAddress.postcode].filter(Boolean).join(', ') : null,
      restricted: p.restricted,
      restrictedTo: {
        userIds: myRestrictions.flatMap((r) => (r.user_id ? [r.user_id] : [])),
        teamIds: myRestrictions.flatMap((r) => (r.team_id ? [r.team_id] : [])),
      },
      warnings: (warningsOf.get(p.id) ?? []).map((w) => ({ kind: w.kind, details: w.details })),
      forMatching: forMatching(p, myNames, myAddresses.map((a) => a.postcode)),
    });
  }
  return out;
}
