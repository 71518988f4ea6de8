import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { generateTemporaryPassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { isAgency, isRole, ROLES, type Agency, type Role } from './roles.js';
import type { CurrentUser } from './policy.js';

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  email: string;
  jobTitle: string;
  role: Role;
  agency: Agency | null;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  version: number;
  teams: Array<{ id: number; name: string }>;
}

export interface UserInput {
  username: string;
  displayName: string;
  email: string;
  jobTitle: string;
  role: Role;
  agency: Agency | null;
  teamIds: number[];
}

type UserRow = {
  id: number; username: string; display_name: string; email: string; job_title: string; role: string;
  agency: string | null; active: boolean; must_change_password: boolean; last_sign_in_at: Date | null; version: number;
};

export class UsersService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: { text?: string; includeInactive?: boolean } = {}): Promise<UserSummary[]> {
    // Partner systems' service accounts are managed on the API clients page, not here.
    let q = this.db.selectFrom('users').selectAll().where('role', 'in', [...ROLES]).orderBy('display_name');
    if (!filter.includeInactive) q = q.where('active', '=', true);
    if (filter.text) {
      const like = `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`;
      q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like), eb('email', 'ilike', like)]));
    }
    const rows = await q.execute();
    return this.withTeams(this.db, rows);
  }

  async get(id: number, executor: Kysely<Database> = this.db): Promise<UserSummary> {
    const row = await executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    // A service account is not a user an administrator may edit, reset or turn into a person's account.
    if (!row || !isRole(row.role)) throw new NotFoundError(`No user ${id}`);
    return (await this.withTeams(executor, [row]))[0]!;
  }

  /**
   * The signed-in user for a session, or null if the account no longer exists or is deactivated.
   * Pass the transaction when called inside one (PGlite has a single connection).
   */
  async currentUser(id: number, executor: Kysely<Database> = this.db): Promise<CurrentUser | null> {
    const row = await executor.selectFrom('users').selectAll().where('id', '=', id).where('active', '=', true).executeTakeFirst();
    if (!row || !isRole(row.role)) return null;
    const [u] = await this.withTeams(executor, [row]);
    return {
      id: u!.id,
      username: u!.username,
      displayName: u!.displayName,
      role: u!.role,
      agency: u!.agency,
      teamIds: u!.teams.map((t) => t.id),
      teamNames: u!.teams.map((t) => t.name),
      mustChangePassword: u!.mustChangePassword,
    };
  }

  /** Creates a user with a temporary password, returned once for the administrator to pass on. */
  async create(ctx: RequestContext, input: UserInput, password?: string): Promise<{ user: UserSummary; temporaryPassword: string }> {
    const temporaryPassword = password ?? generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    return inTransaction(this.db, async (tx) => {
      await this.assertUsernameFree(tx, input.username);
      await this.assertTeamsExist(tx, input.teamIds);
      const { id } = await tx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          email: input.email,
          job_title: input.jobTitle,
          role: input.role,
          agency: input.role === 'partner' ? input.agency : null,
          password_hash: passwordHash,
          must_change_password: password === undefined,
          last_sign_in_at: null,
          locked_until: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.replaceTeams(tx, id, input.teamIds);
      await writeAudit(tx, ctx, {
        action: 'user.create',
        recordType: 'user',
        recordId: id,
        details: { username: input.username, role: input.role, agency: input.agency, teamIds: input.teamIds },
      });
      return { user: await this.get(id, tx), temporaryPassword };
    });
  }

  /** Saves an edit made from the version the administrator loaded; a newer version means a conflict. */
  async update(ctx: RequestContext, id: number, expectedVersion: number, input: UserInput): Promise<UserSummary> {
    return inTransaction(this.db, async (tx) => {
      const before = await this.get(id, tx);
      if (before.username.toLowerCase() !== input.username.toLowerCase()) await this.assertUsernameFree(tx, input.username);
      await this.assertTeamsExist(tx, input.teamIds);
      const updated = await tx
        .updateTable('users')
        .set((eb) => ({
          username: input.username,
          display_name: input.displayName,
          email: input.email,
          job_title: input.jobTitle,
          role: input.role,
          agency: input.role === 'partner' ? input.agency : null,
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new ConflictError();
      await this.replaceTeams(tx, id, input.teamIds);
      await writeAudit(tx, ctx, {
        action: 'user.update',
        recordType: 'user',
        recordId: id,
        details: { before: auditable(before), after: { ...input } },
      });
      return this.get(id, tx);
    });
  }

  async setActive(ctx: RequestContext, id: number, expectedVersion: number, active: boolean): Promise<void> {
    if (!active && ctx.user?.id === id) throw new ValidationError('active', 'You cannot deactivate your own account');
    await inTransaction(this.db, async (tx) => {
      const r = await tx
        .updateTable('users')
        .set((eb) => ({ active, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new ConflictError();
      // A deactivated user is signed out everywhere at once.
      if (!active) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await writeAudit(tx, ctx, { action: active ? 'user.reactivate' : 'user.deactivate', recordType: 'user', recordId: id });
    });
  }

  /** Issues a new temporary password; the user must change it at next sign-in and is signed out now. */
  async resetPassword(ctx: RequestContext, id: number): Promise<string> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    await inTransaction(this.db, async (tx) => {
      const r = await tx
        .updateTable('users')
        .set((eb) => ({ password_hash: passwordHash, must_change_password: true, locked_until: null, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new NotFoundError(`No user ${id}`);
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'user.password_reset', recordType: 'user', recordId: id });
    });
    return temporaryPassword;
  }

  async changeOwnPassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = ctx.user;
    if (!user) throw new Error('Not signed in');
    const row = await this.db.selectFrom('users').select(['password_hash', 'username']).where('id', '=', user.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(row.password_hash, currentPassword))) {
      throw new ValidationError('currentPassword', 'Your current password is not correct');
    }
    const problem = passwordProblem(newPassword, row.username);
    if (problem) throw new ValidationError('newPassword', problem);
    if (newPassword === currentPassword) throw new ValidationError('newPassword', 'Your new password must be different from your current password');
    const passwordHash = await hashPassword(newPassword);
    await inTransaction(this.db, async (tx) => {
      await tx
        .updateTable('users')
        .set((eb) => ({ password_hash: passwordHash, must_change_password: false, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', user.id)
        .execute();
      await writeAudit(tx, ctx, { action: 'user.password_change', recordType: 'user', recordId: user.id });
    });
  }

  private async assertUsernameFree(tx: Tx, username: string): Promise<void> {
    const clash = await tx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
    if (clash) throw new ValidationError('username', 'That username is already taken');
  }

  private async assertTeamsExist(tx: Tx, teamIds: number[]): Promise<void> {
    if (teamIds.length === 0) throw new ValidationError('teamIds', 'Select at least one team');
    const found = await tx.selectFrom('teams').select('id').where('id', 'in', teamIds).execute();
    if (found.length !== new Set(teamIds).size) throw new ValidationError('teamIds', 'Select teams from the list');
  }

  private async replaceTeams(tx: Tx, userId: number, teamIds: number[]): Promise<void> {
    await tx.deleteFrom('user_teams').where('user_id', '=', userId).execute();
    await tx
      .insertInto('user_teams')
      .values([...new Set(teamIds)].map((teamId, i) => ({ user_id: userId, team_id: teamId, is_primary: i === 0 })))
      .execute();
  }

  private async withTeams(executor: Kysely<Database>, rows: UserRow[]): Promise<UserSummary[]> {
    if (rows.length === 0) return [];
    const links = await executor
      .selectFrom('user_teams')
      .innerJoin('teams', 'teams.id', 'user_teams.team_id')
      .select(['user_teams.user_id', 'teams.id', 'teams.name', 'user_teams.is_primary'])
      .where('user_teams.user_id', 'in', rows.map((r) => r.id))
      .orderBy('user_teams.is_primary', 'desc')
      .orderBy('teams.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      email: r.email,
      jobTitle: r.job_title,
      role: isRole(r.role) ? r.role : 'partner',
      agency: r.agency && isAgency(r.agency) ? r.agency : null,
      active: r.active,
      mustChangePassword: r.must_change_password,
      lastSignInAt: r.last_sign_in_at,
      version: r.version,
      teams: links.filter((l) => l.user_id === r.id).map((l) => ({ id: l.id, name: l.name })),
    }));
  }
}

function auditable(u: UserSummary) {
  return { username: u.username, displayName: u.displayName, email: u.email, jobTitle: u.jobTitle, role: u.role, agency: u.agency, teamIds: u.teams.map((t) => t.id) };
}
