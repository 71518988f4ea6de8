import { verifyAuditChain } from '../../audit/audit-log.js';
import type { CliModule } from '../command.js';
import { CliError, cliConfig, hasAuditTable, openForCli } from '../runtime.js';

export const auditModule: CliModule = {
  name: 'audit',
  summary: 'The tamper-evident audit trail',
  commands: [
    {
      name: 'verify',
      args: '',
      summary: 'Check every audit event against the hash chain; exit 1 naming the first altered or missing row',
      run: verify,
    },
  ],
};

async function verify(): Promise<number> {
  const handle = await openForCli(cliConfig(), { mustExist: true });
  try {
    if (!(await hasAuditTable(handle))) throw new CliError('The database has no audit trail yet (no audit_events table): run npm run migrate first');
    const result = await verifyAuditChain(handle.db);
    if (result.ok) {
      console.log(`Audit chain intact: ${result.checked} events checked`);
      return 0;
    }
    console.error(`Audit chain BROKEN at event id ${result.firstBrokenId}: ${result.problem} (${result.checked} events before it are intact)`);
    return 1;
  } finally {
    await handle.close();
  }
}
