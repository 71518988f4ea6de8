/**
 * Demo partner information requests on the demo contacts that exist when it runs, in every state a
 * partner and the MASH see: awaiting an answer (one overdue), answered, and answered and shared.
 * With no contacts yet (their seeder not present) it adds nothing. All fictional; written in one
 * transaction with one audit event, like the other demo seeders.
 */
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import type { Agency } from '../access/roles.js';

interface Spec {
  /** Which of the open demo contacts (wrapping round when there are fewer). */
  contact: number;
  agency: Agency;
  question: string;
  /** Hours from now: sent (negative) and due (negative when overdue). */
  sentHours: number;
  dueHours: number;
  answer?: string;
  answeredHours?: number;
  sharedWith?: Agency[];
}

const SPECS: Spec[] = [
  { contact: 0, agency: 'police', question: 'Any police call-outs to the family home, or intelligence about the adults living there, in the last 12 months?', sentHours: -30, dueHours: -6 },
  { contact: 0, agency: 'health', question: 'Is the child registered with a GP, and up to date with health visitor checks and immunisations?', sentHours: -2, dueHours: 20 },
  { contact: 1, agency: 'police', question: 'Is anyone at this address known to police for violence or domestic abuse?', sentHours: -50, dueHours: -26, answer: 'One domestic incident attended 14 months ago (verbal argument, no offences). No other records at the address.', answeredHours: -28 },
  { contact: 2, agency: 'health', question: 'Any recent A&E attendances or missed health appointments for the child?', sentHours: -48, dueHours: -24, answer: 'Attended A&E twice in the last three months (a fall; a burn to the hand). Missed the last two health visitor appointments.', answeredHours: -30, sharedWith: ['police'] },
  // Police are asked on the same contact, so they see the health answer the MASH shared with them.
  { contact: 2, agency: 'police', question: 'Any police involvement with the family, including the mother’s new partner?', sentHours: -1, dueHours: 23 },
  { contact: 2, agency: 'education', question: 'What is the child’s attendance this term, and have staff raised any concerns?', sentHours: -3, dueHours: 21 },
];

export async function seedPartnerRequests(c: DemoSeedContext): Promise<void> {
  const contacts = await c.db.selectFrom('contacts').select('id').where('status', '=', 'open').orderBy('id').limit(3).execute();
  if (!contacts.length) {
    c.log('  no contacts yet: no partner requests');
    return;
  }
  if (await c.db.selectFrom('partner_requests').select('id').limit(1).executeTakeFirst()) {
    c.log('  partner requests already present');
    return;
  }
  const usernames = ['mash.worker', 'police.partner', 'health.partner', 'education.partner'];
  const users = await c.db.selectFrom('users').select(['id', 'username', 'agency']).where('username', 'in', usernames).execute();
  const mash = users.find((u) => u.username === 'mash.worker');
  if (!mash) return;
  const partnerFor = (agency: Agency) => users.find((u) => u.agency === agency)?.id ?? null;
  const children = await c.db.selectFrom('contact_children').select(['contact_id', 'person_id']).where('contact_id', 'in', contacts.map((x) => x.id)).orderBy('id').execute();
  const now = Date.now();
  const at = (hours: number) => new Date(now + hours * 3600_000);
  let made = 0;
  await c.db.transaction().execute(async (tx) => {
    for (const s of SPECS) {
      const contactId = contacts[s.contact % contacts.length]!.id;
      const people = children.filter((ch) => ch.contact_id === contactId).map((ch) => ch.person_id);
      if (!people.length) continue;
      // One open request per agency per contact, as the service allows.
      if (!s.answer) {
        const open = await tx.selectFrom('partner_requests').select('id').where('contact_id', '=', contactId).where('agency', '=', s.agency).where('status', '=', 'sent').executeTakeFirst();
        if (open) continue;
      }
      const answeredBy = s.answer ? partnerFor(s.agency) : null;
      const { id } = await tx
        .insertInto('partner_requests')
        .values({
          contact_id: contactId, agency: s.agency, question: s.question, due_at: at(s.dueHours), sent_by: mash.id, sent_at: at(s.sentHours),
          status: s.answer && answeredBy ? 'answered' : 'sent', answer: s.answer && answeredBy ? s.answer : '', answered_by: answeredBy, answered_at: answeredBy ? at(s.answeredHours ?? 0) : null,
          shared_with: answeredBy ? s.sharedWith ?? [] : [],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('partner_request_people').values(people.map((person_id) => ({ request_id: id, person_id }))).execute();
      await tx.insertInto('partner_request_events').values({ request_id: id, kind: 'sent', details: JSON.stringify({ rag: 'amber', assumed: false }), user_id: mash.id, occurred_at: at(s.sentHours) }).execute();
      if (answeredBy) await tx.insertInto('partner_request_events').values({ request_id: id, kind: 'answered', user_id: answeredBy, occurred_at: at(s.answeredHours ?? 0) }).execute();
      if (answeredBy && s.sharedWith?.length) await tx.insertInto('partner_request_events').values({ request_id: id, kind: 'shared', details: JSON.stringify({ agencies: s.sharedWith, previous: [] }), user_id: mash.id }).execute();
      made++;
    }
    await writeAudit(tx, c.ctx, { action: 'partner_request.demo_seed', recordType: 'partner_request', details: { requests: made, contacts: contacts.length } });
  });
  c.log(`  ${made} partner requests`);
}
