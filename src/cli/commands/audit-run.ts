// npm run audit:verify / npm run cli -- audit verify (definition in ./audit.ts).
import type { AppConfig } from '../../config.js';
import { verifyAuditChain } from '../../audit/audit-log.js';
import { CliError, plural } from '../runtime.js';
import { hasAuditTable, openForCli } from '../database.js';

export async function verify(config: AppConfig): Promise<number> {
  const handle = await openForCli(config, { mustExist: true });
  try {
    if (!(await hasAuditTable(handle))) throw new CliError('The database has no audit trail yet (no audit_events table): run npm run migrate first');
    const result = await verifyAuditChain(handle.db);
    if (result.ok) {
      console.log(`Audit chain intact: ${result.checked} events checked`);
      return 0;
    }
    console.error(`Audit chain BROKEN at event id ${result.firstBrokenId}: ${result.problem} (${plural(result.checked, 'event')} before it intact)`);
    return 1;
  } finally {
    await handle.close();
  }
}
