import { sql, type Kysely, type RawBuilder } from 'kysely';
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

export const TRAY_SORTS = { urgency: 'Most urgent first (RAG, then time left)', oldest: 'Oldest first', newest: 'Newest first' } as const;
export type TraySort = keyof typeof TRAY_SORTS;
export const TRAY_PAGE_SIZE = 50;

export interface TrayFilter {
  tray: Tray;
  /** '' for any, 'none' for not yet rated, or a RAG key. */
  rag: string;
  origin: string;
  source: string;
  sort: TraySort;
  page: number;
  /** Rows a page; TRAY_PAGE_SIZE unless given. */
  pageSize?: number;
}

export interface TrayContact {
  id: number;
  receivedAt: Date;
  receivedDate: string;
  origin: string;
  sourceCode: string;
  rag: string | null;
  responseDueAt: Date | null;
  children: Array<{ personId: number; name: string; status: string }>;
  openRequests: number;
  overdueRequests: number;
  /** When every child is decided: the last decision's date (the decision clock is then met or late, not running). */
  decidedOn: string | null;
}

/**
 * Each tray as a condition on an open contact `c` and its children's statuses summed up in `k` (CHILDREN_SUMMARY).
 * The trays are defined here once, in SQL, so the counts, the filtering and the paging are all done by the
 * database: a page of the queue costs the same whether a council has forty open contacts or four thousand.
 */
const TRAY_CONDITION: Record<Tray, RawBuilder<boolean>> = {
  queue: sql`k.awaiting_recommendation`,
  decision: sql`k.awaiting_decision`,
  partner: sql`exists (select 1 from partner_requests pr where pr.contact_id = c.id and pr.status = 'sent')`,
  // Every child decided, the referrer known, and neither feedback sent nor a reason recorded for not sending it.
  feedback: sql`(k.children > 0 and k.all_decided and not c.referrer_anonymous and c.feedback_sent_at is null and c.feedback_not_sent_reason = '')`,
  handover: sql`exists (select 1 from handover_items h where h.contact_id = c.id and h.acknowledged_at is null)`,
};

// One index look-up per open contact (a lateral aggregate: joining all contact_children and grouping them made
// PostgreSQL hash the whole table, 10 ms a page at a year's contacts, against about 1 ms for this). The open
// contacts are taken first (offset 0 keeps the planner from folding them into a sorted scan of every contact).
const OPEN_CONTACTS = sql`(select * from contacts where status = 'open' offset 0) c cross join lateral (
    select count(*) as children,
           coalesce(bool_or(cc.status in ('awaiting_recommendation', 'challenged')), false) as awaiting_recommendation,
           coalesce(bool_or(cc.status = 'awaiting_decision'), false) as awaiting_decision,
           coalesce(bool_and(cc.status = 'decided'), false) as all_decided
      from contact_children cc where cc.contact_id = c.id) k`;

const TRAY_KEYS = Object.keys(TRAYS) as Tray[];

// Urgency: red, amber, green, then unrated; within each, the response time (or a day after receipt) soonest first.
const ORDER: Record<TraySort, RawBuilder<unknown>> = {
  urgency: sql`case c.rag when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end, coalesce(c.response_due_at, c.received_at + interval '1 day'), c.id`,
  oldest: sql`c.received_at, c.id`,
  newest: sql`c.received_at desc, c.id desc`,
};

/** The MASH work trays over open contacts: counted, filtered, sorted and paged in the database. */
export class TraysService {
  constructor(private readonly db: Kysely<Database>) {}

  /** How many open contacts each tray holds (one query). */
  async counts(): Promise<Record<Tray, number>> {
    const columns = sql.join(TRAY_KEYS.map((k) => sql`count(*) filter (where ${TRAY_CONDITION[k]})::int as ${sql.ref(k)}`));
    const r = await sql<Record<Tray, number>>`select ${columns} from ${OPEN_CONTACTS} where c.status = 'open'`.execute(this.db);
    return r.rows[0]!;
  }

  /** One page of a tray, with the people on that page only; audited as a list view. */
  async page(ctx: RequestContext, filter: TrayFilter, now = new Date()): Promise<{ rows: TrayContact[]; total: number; page: number; pages: number }> {
    const where: RawBuilder<unknown>[] = [sql`c.status = 'open'`, TRAY_CONDITION[filter.tray]];
    if (filter.rag === 'none') where.push(sql`c.rag is null`);
    else if (filter.rag) where.push(sql`c.rag = ${filter.rag}`);
    if (filter.origin) where.push(sql`c.origin = ${filter.origin}`);
    if (filter.source) where.push(sql`c.source_code = ${filter.source}`);
    const page = Math.max(1, Math.floor(filter.page) || 1);
    const size = filter.pageSize ?? TRAY_PAGE_SIZE;
    const contacts = await sql<{
      id: number; received_at: Date; received_date: string; origin: string; source_code: string; rag: string | null; response_due_at: Date | null; total: number;
    }>`select c.id, c.received_at, c.received_date, c.origin, c.source_code, c.rag, c.response_due_at, (count(*) over ())::int as total
         from ${OPEN_CONTACTS} where ${sql.join(where, sql` and `)}
         order by ${ORDER[filter.sort]} limit ${size} offset ${(page - 1) * size}`.execute(this.db);
    const total = contacts.rows[0]?.total ?? (page > 1 ? await this.countOf(where) : 0);
    // The people on the page are read while the list view is audited (independent: two connections on a pool).
    const [rows] = await Promise.all([
      this.withPeople(ctx, contacts.rows, now),
      writeAudit(this.db, ctx, { action: 'contact.list', recordType: 'contact', details: { tray: filter.tray, shown: contacts.rows.length, total } }),
    ]);
    return { rows, total, page, pages: Math.max(1, Math.ceil(total / size)) };
  }

  /** A page past the end still needs the total, to offer a way back. */
  private async countOf(where: RawBuilder<unknown>[]): Promise<number> {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${OPEN_CONTACTS} where ${sql.join(where, sql` and `)}`.execute(this.db);
    return r.rows[0]!.n;
  }

  private async withPeople(
    ctx: RequestContext,
    contacts: Array<{ id: number; received_at: Date; received_date: string; origin: string; source_code: string; rag: string | null; response_due_at: Date | null }>,
    now: Date,
  ): Promise<TrayContact[]> {
    if (!contacts.length) return [];
    const ids = contacts.map((c) => c.id);
    const [children, requests] = await Promise.all([
      this.db.selectFrom('contact_children').select(['contact_id', 'person_id', 'status', 'decision_date']).where('contact_id', 'in', ids).orderBy('id').execute(),
      this.db.selectFrom('partner_requests').select(['contact_id', 'due_at']).where('contact_id', 'in', ids).where('status', '=', 'sent').execute(),
    ]);
    const briefs = await loadBriefs(this.db, [...new Set(children.map((c) => c.person_id))]);
    const user = ctx.user!;
    // A restricted child's name is not shown in a list to those the restriction does not name.
    const nameOf = (personId: number) => {
      const b = briefs.get(personId);
      return b && (!b.restricted || canAccessRecord(user, { restrictedTo: b.restrictedTo }).allowed) ? `${b.givenNames} ${b.familyName}` : 'Restricted record';
    };
    return contacts.map((c): TrayContact => {
      const mine = children.filter((ch) => ch.contact_id === c.id);
      const reqs = requests.filter((r) => r.contact_id === c.id);
      return {
        id: c.id,
        receivedAt: c.received_at,
        receivedDate: c.received_date,
        origin: c.origin,
        sourceCode: c.source_code,
        rag: c.rag,
        responseDueAt: c.response_due_at,
        children: mine.map((ch) => ({ personId: ch.person_id, name: nameOf(ch.person_id), status: ch.status })),
        openRequests: reqs.length,
        overdueRequests: reqs.filter((r) => r.due_at < now).length,
        decidedOn: mine.length && mine.every((ch) => ch.decision_date) ? mine.map((ch) => ch.decision_date!).sort().at(-1)! : null,
      };
    });
  }
}
