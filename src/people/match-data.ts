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

/** Loads people for scoring and display in four queries, whatever their number. Merged records are left out. */
export async function loadBriefs(db: Kysely<Database>, ids: number[]): Promise<Map<number, PersonBrief>> {
  const out = new Map<number, PersonBrief>();
  if (ids.length === 0) return out;
  const [people, names, addresses, restrictions, warnings] = await Promise.all([
    db.selectFrom('people').selectAll().where('id', 'in', ids).where('merged_into_id', 'is', null).execute(),
    db.selectFrom('person_names').select(['person_id', 'kind', 'given_names', 'family_name', 'to_date']).where('person_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('person_addresses').select(['person_id', 'line1', 'town', 'postcode', 'from_date', 'to_date']).where('person_id', 'in', ids).orderBy(sql`from_date desc nulls last`).orderBy('id', 'desc').execute(),
    db.selectFrom('person_restrictions').select(['person_id', 'user_id', 'team_id']).where('person_id', 'in', ids).execute(),
    db.selectFrom('person_warnings').select(['person_id', 'kind', 'details']).where('person_id', 'in', ids).where('ended_at', 'is', null).execute(),
  ]);
  for (const p of people) {
    const myNames = names.filter((n) => n.person_id === p.id);
    const current = myNames.find((n) => n.kind === 'current') ?? myNames[0];
    const myAddresses = addresses.filter((a) => a.person_id === p.id);
    const currentAddress = myAddresses.find((a) => !a.to_date) ?? myAddresses[0];
    const myRestrictions = restrictions.filter((r) => r.person_id === p.id);
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
      warnings: warnings.filter((w) => w.person_id === p.id).map((w) => ({ kind: w.kind, details: w.details })),
      forMatching: {
        givenNames: myNames.map((n) => n.given_names).filter(Boolean),
        familyNames: myNames.filter((n) => n.kind !== 'known_as' || n.family_name).map((n) => n.family_name).filter(Boolean),
        dateOfBirth: p.date_of_birth,
        sex: asSex(p.sex),
        postcodes: myAddresses.map((a) => a.postcode).filter((x): x is string => !!x),
        nhsNumber: p.nhs_number,
        upn: p.upn,
      },
    });
  }
  return out;
}
