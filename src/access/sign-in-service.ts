import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { spendVerifyTime, verifyPassword } from './passwords.js';
import { decideThrottle, lockAfterFailure, SIGN_IN_LIMITS } from './sign-in-rules.js';
import type { UsersService } from './users-service.js';
import { isRole } from './roles.js';

export type SignInResult =
  | { ok: true; userId: number; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'account_locked' | 'ip_blocked'; retryAfterMinutes?: number };

export class SignInService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UsersService,
  ) {}

  async signIn(ctx: RequestContext, username: string, password: string, now = new Date()): Promise<SignInResult> {
    const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60000);
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'username', 'password_hash', 'active', 'role', 'locked_until', 'must_change_password', 'last_sign_in_at'])
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst();
    const ipFailures = await this.db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ctx.ip)
      .where('succeeded', '=', false)
      .where('attempted_at', '>', windowStart)
      .executeTakeFirstOrThrow();

    const throttle = decideThrottle({ now, lockedUntil: user?.locked_until ?? null, ipFailuresInWindow: Number(ipFailures.n) });
    if (!throttle.allowed) {
      await this.recordAttempt(ctx, username, false, user?.id, { reason: throttle.reason });
      return { ok: false, reason: throttle.reason, retryAfterMinutes: throttle.retryAfterMinutes };
    }

    // A partner system's service account has no usable password and must never get a page session.
    const person = !!user && isRole(user.role);
    const valid = user && user.active && person ? await verifyPassword(user.password_hash, password) : (await spendVerifyTime(password), false);
    if (!user || !valid) {
      await inTransaction(this.db, async (tx) => {
        await this.recordAttempt(ctx, username, false, user?.id, { reason: user && !person ? 'service_account' : user && !user.active ? 'inactive' : 'bad_credentials' }, tx);
        if (user) {
          // Failures before the last successful sign-in no longer count towards a lock.
          const since = user.last_sign_in_at && user.last_sign_in_at > windowStart ? user.last_sign_in_at : windowStart;
          const failures = await tx
            .selectFrom('sign_in_attempts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(sql<boolean>`lower(username) = ${username.toLowerCase()}`)
            .where('succeeded', '=', false)
            .where('attempted_at', '>', since)
            .executeTakeFirstOrThrow();
          const lockUntil = lockAfterFailure(now, Number(failures.n));
          if (lockUntil) {
            await tx.updateTable('users').set({ locked_until: lockUntil }).where('id', '=', user.id).execute();
            await writeAudit(tx, ctx, { action: 'user.locked', recordType: 'user', recordId: user.id, attemptedUsername: username, details: { until: lockUntil.toISOString() } });
          }
        }
      });
      return { ok: false, reason: 'invalid' };
    }

    await inTransaction(this.db, async (tx) => {
      await tx.updateTable('users').set({ last_sign_in_at: now, locked_until: null }).where('id', '=', user.id).execute();
      await this.recordAttempt(ctx, user.username, true, user.id, {}, tx);
    });
    return { ok: true, userId: user.id, mustChangePassword: user.must_change_password };
  }

  private async recordAttempt(ctx: RequestContext, username: string, succeeded: boolean, userId: number | undefined, details: Record<string, unknown>, executor: Kysely<Database> = this.db) {
    await inTransaction(executor, async (tx) => {
      await tx.insertInto('sign_in_attempts').values({ username, ip: ctx.ip, succeeded }).execute();
      // A successful sign-in is recorded as the user who signed in, with their role and teams.
      const actor = succeeded && userId !== undefined ? await this.users.currentUser(userId, tx) : null;
      await writeAudit(tx, { ...ctx, user: actor }, {
        action: succeeded ? 'sign_in' : 'sign_in.failure',
        outcome: succeeded ? 'success' : 'failure',
        recordType: 'user',
        ...(userId === undefined ? {} : { recordId: userId }),
        attemptedUsername: username,
        details,
      });
    });
  }

  /** Removes attempts older than a day; called from housekeeping. */
  async prune(now = new Date()): Promise<void> {
    await this.db.deleteFrom('sign_in_attempts').where('attempted_at', '<', new Date(now.getTime() - 86400000)).execute();
  }
}
