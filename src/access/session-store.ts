import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Session } from 'fastify';
import type { Database } from '../db/schema.js';

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, result?: Session | null) => void;

const hashSid = (sid: string) => crypto.createHash('sha256').update(sid).digest('hex');

/**
 * @fastify/session store in PostgreSQL, so every app server behind a load balancer shares sessions.
 * Rows expire after the idle period; the idle sign-out itself is enforced per request (see web/guard.ts).
 */
export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly idleMinutes: number,
  ) {}

  set(sessionId: string, session: Session, callback: Callback): void {
    const expires = new Date(Date.now() + (this.idleMinutes + 1) * 60000);
    const data = JSON.stringify(session);
    const userId = typeof session.userId === 'number' ? session.userId : null;
    this.db
      .insertInto('sessions')
      .values({ sid_hash: hashSid(sessionId), user_id: userId, data, expires_at: expires })
      .onConflict((oc) => oc.column('sid_hash').doUpdateSet({ data, user_id: userId, expires_at: expires }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: SessionCallback): void {
    this.db
      .selectFrom('sessions')
      .select('data')
      .where('sid_hash', '=', hashSid(sessionId))
      .where('expires_at', '>', new Date())
      .executeTakeFirst()
      .then((row) => callback(null, (row?.data as Session | undefined) ?? null), callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('sid_hash', '=', hashSid(sessionId))
      .execute()
      .then(() => callback(), callback);
  }

  async prune(): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<', new Date()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
