import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { writeAudit, type RequestContext } from './audit-log.js';

export interface AuditFilter {
  personId?: string | undefined;
  username?: string | undefined;
  action?: string | undefined;
  /** Calendar dates in Europe/London, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
}

export interface AuditRow {
  id: number;
  occurredAt: Date;
  username: string | null;
  role: string | null;
  team: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  personIds: string[];
  requestId: string | null;
  ip: string | null;
  details: unknown;
}

export const AUDIT_PAGE_SIZE = 50;

export class AuditSearchService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Searching the audit log is itself audited (it can show who looked at whom). */
  async search(ctx: RequestContext, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number }> {
    let q = this.db.selectFrom('audit_events');
    if (filter.personId) q = q.where(sql<boolean>`person_ids @> ARRAY[${filter.personId}]::text[]`);
    if (filter.username) q = q.where(sql<boolean>`lower(username) = ${filter.username.toLowerCase()}`);
    if (filter.action) q = q.where((eb) => eb.or([eb('action', '=', filter.action!), eb('action', 'like', `${filter.action!.replace(/[%_\\]/g, '\\$&')}.%`)]));
    if (filter.from) q = q.where(sql<boolean>`occurred_at >= (${filter.from}::date::timestamp AT TIME ZONE 'Europe/London')`);
    if (filter.to) q = q.where(sql<boolean>`occurred_at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const pages = Math.max(1, Math.ceil(Number(total) / AUDIT_PAGE_SIZE));
    const page = Math.min(Math.max(1, filter.page ?? 1), pages);
    const rows = await q.selectAll().orderBy('id', 'desc').limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE).execute();
    await writeAudit(this.db, ctx, { action: 'audit.search', details: { ...filter } });
    return {
      total: Number(total),
      page,
      pages,
      rows: rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at,
        username: r.username,
        role: r.role,
        team: r.team,
        action: r.action,
        outcome: r.outcome,
        recordType: r.record_type,
        recordId: r.record_id,
        personIds: r.person_ids,
        requestId: r.request_id,
        ip: r.ip,
        details: r.details,
      })),
    };
  }

  async distinctActions(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
    return rows.map((r) => r.action);
  }
}
