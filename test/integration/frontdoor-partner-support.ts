import type { TestApp } from '../support/harness.js';
import type { RequestContext } from '../../src/audit/audit-log.js';
import type { ContactInput } from '../../src/frontdoor/contacts-service.js';
import { loadBriefs } from '../../src/people/match-data.js';

/** A request context for a demo user, for calling services directly. */
export async function contextFor(t: TestApp, username: string): Promise<RequestContext> {
  const row = await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { requestId: `test-${username}`, ip: '203.0.113.10', user: await t.services.users.currentUser(row.id) };
}

export interface DemoPerson {
  id: number;
  name: string;
  dateOfBirth: string | null;
  address: string | null;
}

/** Unrestricted demo children (born after 2010) and adults, skipping those already used. */
export async function demoPeople(t: TestApp, kind: 'child' | 'adult', count: number, skip: number[] = []): Promise<DemoPerson[]> {
  const rows = await t.handle.db
    .selectFrom('people')
    .select('id')
    .where('restricted', '=', false)
    .where('merged_into_id', 'is', null)
    .where('date_of_birth', kind === 'child' ? '>' : '<', kind === 'child' ? '2010-01-01' : '1995-01-01')
    .where('id', 'not in', [0, ...skip])
    .orderBy('id')
    .limit(count)
    .execute();
  const briefs = await loadBriefs(t.handle.db, rows.map((r) => r.id));
  return rows.map((r) => {
    const b = briefs.get(r.id)!;
    return { id: r.id, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth, address: b.address };
  });
}

/** A contact recorded by the MASH worker through the contacts service, with a distinctive referrer and story. */
export async function createContact(t: TestApp, childIds: number[], adultIds: number[] = [], tag = 'partner-test'): Promise<number> {
  const ctx = await contextFor(t, 'mash.worker');
  const input: ContactInput = {
    receivedAt: new Date(Date.now() - 60_000),
    method: 'phone',
    sourceCode: '2A',
    referrer: { anonymous: false, name: `Referrer ${tag}`, organisation: 'Riverside Primary School', role: 'Designated safeguarding lead', phone: '01632 960001', email: '', address: '' },
    whatHappened: `Story ${tag}: the child came to school with a bruise and said they were scared to go home.`,
    referrerWorries: '',
    referrerActions: '',
    childViews: '',
    familyViews: '',
    parentsAware: 'no',
    consent: 'not_sought',
    consentOverrideReason: 'Asking could place the child at risk',
    childIds,
    adults: adultIds.map((personId) => ({ personId, involvement: 'Parent' })),
  };
  return t.services.contacts.create(ctx, input);
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
