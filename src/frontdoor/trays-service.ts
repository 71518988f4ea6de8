import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { loadBriefs } from '../people/match-data.js';
import { canAccessRecord } from '../access/policy.js';

export const TRAYS = {
  queue: 'MASH queue',
  decision: 'Awaiting manager decision',
  partner: 'Awaiting partner information',
  feedback: 'Feedback to send',
  handover: 'Handover from EDT',
} as const;
export type Tray = keyof typeof TRAYS;

export interface TrayContact {
  id: number;
  receivedAt: Date;
  receivedDate: string;
  origin: string;
  sourceCode: string;
  rag: string | null;
  responseDueAt: Date | null;
  children: Array<{ personId: number; name: string; status: string }>;
  restricted: boolean;
  openRequests: number;
  overdueRequests: number;
  feedbackDue: boolean;
  handoverOpen: boolean;
  trays: Tray[];
}

/**
 * The MASH work trays over open contacts. Open contacts are few (closed ones are most of a year's
 * thousands), so one pass builds every tray and its count; filters and sorting are applied by the caller.
 */
export class TraysService {
  constructor(private readonly db: Kysely<Database>) {}

  async openContacts(ctx: RequestContext, now = new Date()): Promise<TrayContact[]> {
    const contacts = await this.db
      .selectFrom('contacts')
      .select(['id', 'received_at', 'received_date', 'origin', 'source_code', 'rag', 'response_due_at', 'referrer_anonymous', 'feedback_sent_at', 'feedback_not_sent_reason'])
      .where('status', '=', 'open')
      .orderBy('received_at')
      .limit(2000)
      .execute();
    if (!contacts.length) return [];
    const ids = contacts.map((c) => c.id);
    const [children, requests, handovers] = await Promise.all([
      this.db.selectFrom('contact_children').select(['contact_id', 'person_id', 'status']).where('contact_id', 'in', ids).orderBy('id').execute(),
      this.db.selectFrom('partner_requests').select(['contact_id', 'due_at']).where('contact_id', 'in', ids).where('status', '=', 'sent').execute(),
      this.db.selectFrom('handover_items').select(['contact_id']).where('contact_id', 'in', ids).where('acknowledged_at', 'is', null).execute(),
    ]);
    const briefs = await loadBriefs(this.db, [...new Set(children.map((c) => c.person_id))]);
    const user = ctx.user!;
    const group = <T extends { contact_id: number }>(rows: T[]) => {
      const m = new Map<number, T[]>();
      for (const r of rows) (m.get(r.contact_id) ?? m.set(r.contact_id, []).get(r.contact_id)!).push(r);
      return m;
    };
    const [childrenOf, requestsOf] = [group(children), group(requests)];
    const handoverSet = new Set(handovers.map((h) => h.contact_id));
    const out = contacts.map((c): TrayContact => {
      const mine = childrenOf.get(c.id) ?? [];
      const reqs = requestsOf.get(c.id) ?? [];
      const restricted = mine.some((ch) => {
        const b = briefs.get(ch.person_id);
        return !!b?.restricted && !canAccessRecord(user, { restrictedTo: b.restrictedTo }).allowed;
      });
      const allDecided = mine.length > 0 && mine.every((ch) => ch.status === 'decided');
      const feedbackDue = allDecided && !c.feedback_sent_at && !c.feedback_not_sent_reason && !c.referrer_anonymous;
      const handoverOpen = handoverSet.has(c.id);
      const trays: Tray[] = [];
      if (mine.some((ch) => ch.status === 'awaiting_recommendation' || ch.status === 'challenged')) trays.push('queue');
      if (mine.some((ch) => ch.status === 'awaiting_decision')) trays.push('decision');
      if (reqs.length) trays.push('partner');
      if (feedbackDue) trays.push('feedback');
      if (handoverOpen) trays.push('handover');
      return {
        id: c.id,
        receivedAt: c.received_at,
        receivedDate: c.received_date,
        origin: c.origin,
        sourceCode: c.source_code,
        rag: c.rag,
        responseDueAt: c.response_due_at,
        // A restricted child's name is not shown in a list to those the restriction does not name.
        children: mine.map((ch) => {
          const b = briefs.get(ch.person_id);
          const visible = b && (!b.restricted || canAccessRecord(user, { restrictedTo: b.restrictedTo }).allowed);
          return { personId: ch.person_id, name: visible ? `${b.givenNames} ${b.familyName}` : 'Restricted record', status: ch.status };
        }),
        restricted,
        openRequests: reqs.length,
        overdueRequests: reqs.filter((r) => r.due_at < now).length,
        feedbackDue,
        handoverOpen,
        trays,
      };
    });
    await writeAudit(this.db, ctx, { action: 'contact.list', recordType: 'contact', details: { open: out.length } });
    return out;
  }
}
