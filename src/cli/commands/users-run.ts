// npm run cli -- users create-admin (definition and argument checks in ./users.ts).
import { sql } from 'kysely';
import type { AppConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ValidationError } from '../../db/transaction.js';
import { TeamsService } from '../../access/teams-service.js';
import { UsersService } from '../../access/users-service.js';
import { CliError, cliContext, plural } from '../runtime.js';
import { describeDatabase, openForCli } from '../database.js';
import type { AdminInput } from './users.js';

const ADMIN_TEAM = { name: 'Administration', description: 'System administration' };

export async function createAdmin(config: AppConfig, input: AdminInput): Promise<number> {
  const handle = await openForCli(config, { mustExist: false });
  try {
    // A new council's database may be empty: set it up as the app would at start.
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.log(`Set up ${describeDatabase(handle)} (applied ${plural(applied.length, 'migration')})`);
    const ctx = cliContext('users create-admin');
    const result = await handle.db
      .transaction()
      .execute(async (tx) => {
        // Services join this transaction: the team, the user and their audit events commit together.
        let team = await tx.selectFrom('teams').select(['id', 'active']).where(sql<string>`lower(name)`, '=', ADMIN_TEAM.name.toLowerCase()).executeTakeFirst();
        let teamCreated = false;
        if (!team) {
          team = { id: await new TeamsService(tx).create(ctx, { ...ADMIN_TEAM, active: true }), active: true };
          teamCreated = true;
        }
        const created = await new UsersService(tx).create(ctx, {
          username: input.username,
          displayName: input.displayName,
          email: input.email,
          jobTitle: input.jobTitle,
          role: 'administrator',
          agency: null,
          teamIds: [team.id],
        });
        return { ...created, teamCreated, teamActive: team.active };
      })
      .catch((err: unknown) => {
        if (err instanceof ValidationError) throw new CliError(`Cannot create the administrator: ${err.message} (${input.username})`);
        throw err;
      });
    console.log(
      `Created administrator ${result.user.username} (${result.user.displayName}) in the ${ADMIN_TEAM.name} team` +
        (result.teamCreated ? ' (team created)' : result.teamActive ? '' : ' (note: that team is marked inactive)'),
    );
    console.log(`Temporary password (shown only this once): ${result.temporaryPassword}`);
    console.log('They must choose a new password when they first sign in.');
    return 0;
  } finally {
    await handle.close();
  }
}
