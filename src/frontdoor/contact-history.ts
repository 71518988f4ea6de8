import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface ChildHistory {
  previousContacts: Array<{ contactId: number; receivedDate: string; sourceCode: string; decision: string | null; isReferral: boolean; status: string }>;
  referralsLast12Months: number;
  earlyHelp: Array<{ id: number; startedOn: string; endedOn: string | null; status: string; team: string | null }>;
  involvements: Array<{ organisation: string; kind: string; role: string; contactName: string }>;
}

/**
 * What is already known about each child, shown beside the contact so it is weighed before deciding:
 * earlier contacts and their decisions, referrals in the last 12 months (re-referrals), early help, professionals involved.
 * The caller has already checked the user may open the contact (and so these children).
 */
export async function childHistories(db: Kysely<Database>, personIds: number[], excludeContactId: number, today: string): Promise<Map<number, ChildHistory>> {
  const out = new Map<number, ChildHistory>();
  if (!personIds.length) return out;
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const [contacts, episodes, involvements] = await Promise.all([
    db
      .selectFrom('contact_children')
      .innerJoin('contacts', 'contacts.id', 'contact_children.contact_id')
      .select(['contact_children.person_id', 'contacts.id as contact_id', 'contacts.received_date', 'contacts.source_code', 'contacts.status', 'contact_children.decision', 'contact_children.is_referral'])
      .where('contact_children.person_id', 'in', personIds)
      .where('contacts.id', '<>', excludeContactId)
      .orderBy('contacts.received_at', 'desc')
      .execute(),
    db
      .selectFrom('early_help_episodes')
      .leftJoin('teams', 'teams.id', 'early_help_episodes.team_id')
      .select(['early_help_episodes.id', 'person_id', 'started_on', 'ended_on', 'status', 'teams.name as team'])
      .where('person_id', 'in', personIds)
      .orderBy('started_on', 'desc')
      .execute(),
    db
      .selectFrom('involvements')
      .innerJoin('organisations', 'organisations.id', 'involvements.organisation_id')
      .select(['involvements.person_id', 'organisations.name', 'organisations.kind', 'involvements.role', 'involvements.contact_name'])
      .where('involvements.person_id', 'in', personIds)
      .where('involvements.to_date', 'is', null)
      .execute(),
  ]);
  for (const id of personIds) {
    const mine = contacts.filter((c) => c.person_id === id);
    out.set(id, {
      previousContacts: mine.map((c) => ({ contactId: c.contact_id, receivedDate: c.received_date, sourceCode: c.source_code, decision: c.decision, isReferral: c.is_referral, status: c.status })),
      referralsLast12Months: mine.filter((c) => c.is_referral && c.received_date >= yearAgo).length,
      earlyHelp: episodes.filter((e) => e.person_id === id).map((e) => ({ id: e.id, startedOn: e.started_on, endedOn: e.ended_on, status: e.status, team: e.team })),
      involvements: involvements.filter((i) => i.person_id === id).map((i) => ({ organisation: i.name, kind: i.kind, role: i.role, contactName: i.contact_name })),
    });
  }
  return out;
}
