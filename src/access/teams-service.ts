import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';

export interface Team {
  id: number;
  code: string;
  name: string;
  description: string;
  active: boolean;
  version: number;
  memberCount: number;
}

export interface TeamInput {
  name: string;
  description: string;
  active: boolean;
}

export class TeamsService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(opts: { includeInactive?: boolean } = {}): Promise<Team[]> {
    let q = this.db
      .selectFrom('teams')
      .leftJoin('user_teams', 'user_teams.team_id', 'teams.id')
      .leftJoin('users', (j) => j.onRef('users.id', '=', 'user_teams.user_id').on('users.active', '=', true))
      .select(['teams.id', 'teams.code', 'teams.name', 'teams.description', 'teams.active', 'teams.version'])
      .select((eb) => eb.fn.count<number>('users.id').as('memberCount'))
      .groupBy('teams.id')
      .orderBy('teams.name');
    if (!opts.includeInactive) q = q.where('teams.active', '=', true);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
  }

  async get(id: number): Promise<Team> {
    const team = (await this.list({ includeInactive: true })).find((t) => t.id === id);
    if (!team) throw new NotFoundError(`No team ${id}`);
    return team;
  }

  async create(ctx: RequestContext, input: TeamInput): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      await this.assertNameFree(tx, input.name);
      const code = input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'team';
      const taken = await tx.selectFrom('teams').select('code').where('code', 'like', `${code}%`).execute();
      const unique = taken.some((t) => t.code === code) ? `${code}-${taken.length + 1}` : code;
      const { id } = await tx.insertInto('teams').values({ code: unique, name: input.name, description: input.description, active: input.active }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'team.create', recordType: 'team', recordId: id, details: { ...input } });
      return id;
    });
  }

  async update(ctx: RequestContext, id: number, expectedVersion: number, input: TeamInput): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await this.assertNameFree(tx, input.name, id);
      const r = await tx
        .updateTable('teams')
        .set((eb) => ({ name: input.name, description: input.description, active: input.active, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) {
        const exists = await tx.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst();
        throw exists ? new ConflictError() : new NotFoundError(`No team ${id}`);
      }
      await writeAudit(tx, ctx, { action: 'team.update', recordType: 'team', recordId: id, details: { ...input } });
    });
  }

  private async assertNameFree(tx: Kysely<Database>, name: string, exceptId?: number) {
    let q = tx.selectFrom('teams').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new ValidationError('name', 'A team with that name already exists');
  }
}
