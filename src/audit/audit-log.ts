import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CurrentUser } from '../access/policy.js';
import { canonicalJson } from './canonical-json.js';

/** Who is acting and from where: built once per request, passed to every service call. */
export interface RequestContext {
  requestId: string;
  ip: string;
  user: CurrentUser | null;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  recordType?: string;
  recordId?: string | number;
  /** The people whose record this event read or changed. */
  personIds?: Array<string | number>;
  details?: Record<string, unknown>;
  /** For events with no signed-in user (a failed sign-in): the username tried. */
  attemptedUsername?: string;
}

export const GENESIS_HASH = '0'.repeat(64);
// All writers of the chain take a transaction-scoped advisory lock (727001, in audit_append), so rows
// are hashed and inserted strictly one after another even across several app servers.

export interface HashableAuditRow {
  id: number;
  occurred_at: Date;
  user_id: number | null;
  username: string | null;
  role: string | null;
  team: string | null;
  action: string;
  outcome: string;
  record_type: string | null;
  record_id: string | null;
  person_ids: string[];
  request_id: string | null;
  ip: string | null;
  details: unknown;
}

/** The row as canonical JSON: what its hash covers, after the previous row's hash. */
export function auditContent(row: HashableAuditRow): string {
  return canonicalJson({
    id: row.id,
    occurred_at: row.occurred_at.toISOString(),
    user_id: row.user_id,
    username: row.username,
    role: row.role,
    team: row.team,
    action: row.action,
    outcome: row.outcome,
    record_type: row.record_type,
    record_id: row.record_id,
    person_ids: row.person_ids,
    request_id: row.request_id,
    ip: row.ip,
    details: row.details,
  });
}

export function hashAuditRow(prevHash: string, row: HashableAuditRow): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(auditContent(row)).digest('hex');
}

/**
 * Appends one event to the audit trail. Pass the transaction of the write the event describes,
 * so the event and the write commit or roll back together. One statement: the database function
 * audit_append (migration 0060) takes the chain's lock, links and hashes the row and inserts it,
 * so the lock is held for microseconds rather than across several round trips.
 */
export async function writeAudit(executor: Kysely<Database>, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const user = ctx.user;
  const row: HashableAuditRow = {
    id: ID_PLACEHOLDER,
    occurred_at: new Date(),
    user_id: user?.id ?? null,
    username: user?.username ?? entry.attemptedUsername ?? null,
    role: user?.role ?? null,
    team: user?.teamNames.join(', ') || null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    record_type: entry.recordType ?? null,
    record_id: entry.recordId === undefined ? null : String(entry.recordId),
    person_ids: (entry.personIds ?? []).map(String),
    request_id: ctx.requestId,
    ip: ctx.ip,
    details: entry.details ?? {},
  };
  const [before, after] = splitAtId(auditContent(row));
  await sql`select audit_append(${before}, ${after}, ${row.occurred_at}, ${row.user_id}, ${row.username}, ${row.role}, ${row.team},
    ${row.action}, ${row.outcome}, ${row.record_type}, ${row.record_id}, ${row.person_ids}::text[], ${row.request_id}, ${row.ip},
    ${JSON.stringify(row.details)}::jsonb)`.execute(executor);
}

// The id is given by the database; the content is hashed with it in place of this placeholder.
const ID_PLACEHOLDER = -727_001_727;
const ID_MARK = `"id":${ID_PLACEHOLDER}`;

/**
 * The canonical JSON around the top-level id. Keys are sorted, and every key after "id" holds a
 * string, null or an array of strings (where a quote is escaped), so the last occurrence of the
 * mark is the top-level id even if the details happen to contain the same text.
 */
export function splitAtId(content: string): [string, string] {
  const at = content.lastIndexOf(ID_MARK);
  if (at < 0) throw new Error('audit content has no id');
  return [content.slice(0, at) + '"id":', content.slice(at + ID_MARK.length)];
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: number;
  problem?: string;
}

/** Walks the whole chain in id order and names the first row whose hash or link does not match. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 2000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBrokenId: row.id, problem: 'its link to the previous row does not match (a row before it was removed or changed)' };
      }
      if (hashAuditRow(prevHash, row as HashableAuditRow) !== row.hash) {
        return { ok: false, checked, firstBrokenId: row.id, problem: 'its content does not match its hash (the row was altered)' };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
  }
}

/** For events that accompany no write (access denied, sign-out, a page view of a person's record). */
export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}
  record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    return writeAudit(this.db, ctx, entry);
  }
  verify(): Promise<ChainVerification> {
    return verifyAuditChain(this.db);
  }
}
