import type { CliArgs, CliModule } from '../command.js';
import { UsageError, cliConfig } from '../runtime.js';

// Implementations are in ./users-run.ts, imported only when a command runs (after its arguments are checked).

// The same rule as the user form in src/access/admin-users-routes.ts.
const USERNAME = /^[a-z0-9][a-z0-9._-]*$/i;
const CREATE_ADMIN_ARGS = 'USERNAME --name "Full Name" [--email ADDRESS] [--job-title TITLE]';
const CREATE_ADMIN_USAGE = `Usage: npm run cli -- users create-admin ${CREATE_ADMIN_ARGS}`;

export interface AdminInput {
  username: string;
  displayName: string;
  email: string;
  jobTitle: string;
}

export const usersModule: CliModule = {
  name: 'users',
  summary: 'User accounts',
  commands: [
    {
      name: 'create-admin',
      args: CREATE_ADMIN_ARGS,
      summary: 'Create an administrator (the first account of a new council) with a temporary password shown once',
      positionals: 1,
      options: { name: { type: 'string' }, email: { type: 'string' }, 'job-title': { type: 'string' } },
      run: async (args) => {
        const input = adminInput(args);
        const config = cliConfig();
        return (await import('./users-run.js')).createAdmin(config, input);
      },
    },
  ],
};

function adminInput({ positionals, values }: CliArgs): AdminInput {
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
  if (jobTitle.length > 120) throw new UsageError('The --job-title must be 120 characters or fewer');
  return { username, displayName, email, jobTitle };
}
