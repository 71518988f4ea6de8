import { sql } from 'kysely';
import { migrateToLatest } from '../../db/migrate.js';
import { ValidationError } from '../../db/transaction.js';
import { TeamsService } from '../../access/teams-service.js';
import { UsersService } from '../../access/users-service.js';
import type { CliArgs, CliModule } from '../command.js';
import { CliError, UsageError, cliConfig, cliContext, describeDatabase, openForCli } from '../runtime.js';

const ADMIN_TEAM = { name: 'Administration', description: 'System administration' };
// The same rule as the user form in src/access/admin-users-routes.ts.
const USERNAME = /^[a-z0-9][a-z0-9._-]*$/i;
const CREATE_ADMIN_USAGE = 'Usage: npm run cli -- users create-admin USERNAME --name "Full Name" [--email ADDRESS] [--job-title TITLE]';

export const usersModule: CliModule = {
  name: 'users',
  summary: 'User accounts',
  commands: [
    {
      name: 'create-admin',
      args: 'USERNAME --name "Full Name" [--email ADDRESS] [--job-title TITLE]',
      summary: 'Create an administrator (the first account of a new council) with a temporary password shown once',
      positionals: 1,
      options: { name: { type: 'string' }, email: { type: 'string' }, 'job-title': { type: 'string' } },
      run: createAdmin,
    },
  ],
};

async function createAdmin({ positionals, values }: CliArgs): Promise<number> {
  const username = positionals[0]!.trim();
  const displayName = typeof values.name === 'string' ? values.name.trim() : '';
  const email = typeof values.email === 'string' ? values.email.trim() : '';
  const jobTitle = typeof values['job-title'] === 'string' ? values['job-title'].trim() : 'System administrator';
  if (!USERNAME.test(username) || username.length > 60) {
    throw new UsageError(`The username must be 1 to 60 letters, numbers, full stops, hyphens and underscores (got "${username}"). ${CREATE_ADMIN_USAGE}`);
  }
  if (!displayName) throw new UsageError(`Give the administrator's full name with --name. ${CREATE_ADMIN_USAGE}`);
  if (displayName.length > 120) throw new UsageError('The --name must be 120 characters or fewer');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError(`--email must be an email address, like name@example.gov.uk (got "${email}")`);

  const config = cliConfig();
  const handle = await openForCli(config, { mustExist: false });
  try {
    // A new council's database may be empty: set it up as the app would at start.
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.log(`Set up ${describeDatabase(handle)} (applied ${applied.length} migrations)`);
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
          username,
          displayName,
          email,
          jobTitle,
          role: 'administrator',
          agency: null,
          teamIds: [team.id],
        });
        return { ...created, teamCreated, teamActive: team.active };
      })
      .catch((err: unknown) => {
        if (err instanceof ValidationError) throw new CliError(`Cannot create the administrator: ${err.message} (${username})`);
        throw err;
      });
    console.log(
      `Created administrator ${result.user.username} (${result.user.displayName}) in the ${ADMIN_TEAM.name} team` +
        (result.teamCreated ? ' (team created)' : result.teamActive ? '' : ' (note: that team is marked inactive)'),
    );
    console.log(`Temporary password (shown once, not stored anywhere readable): ${result.temporaryPassword}`);
    console.log('They must choose a new password when they first sign in.');
    return 0;
  } finally {
    await handle.close();
  }
}
