import { sql, type Kysely } from 'kysely';
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
  const [people, names, addresses, restrictions, warnings] = await Promise.all([
    db.selectFrom('people').selectAll().where('id', 'in', ids).where('merged_into_id', 'is', null).execute(),
    db.selectFrom('person_names').select(['person_id', 'kind', 'given_names', 'family_name', 'to_date']).where('person_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('person_addresses').select(['person_id', 'line1', 'town', 'postcode', 'from_date', 'to_date']).where('person_id', 'in', ids).orderBy(ADDRESS_ORDER).execute(),
    db.selectFrom('person_restrictions').select(['person_id', 'user_id', 'team_id']).where('person_id', 'in', ids).execute(),
    db.selectFrom('person_warnings').select(['person_id', 'kind', 'details']).where('person_id', 'in', ids).where('ended_at', 'is', null).execute(),
  ]);
  const [namesOf, addressesOf, restrictionsOf, warningsOf] = [groupByPerson(names), groupByPerson(addresses), groupByPerson(restrictions), groupByPerson(warnings)];
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
