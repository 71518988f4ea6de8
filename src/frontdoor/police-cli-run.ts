import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { CliError, EXIT_FAILED, EXIT_OK, cliContext, plural } from '../cli/runtime.js';
import { describeDatabase, openForCli } from '../cli/database.js';
import { PersonSearchService } from '../people/search-service.js';
import { readPoliceCsv } from './police-csv.js';
import { importNotifications } from './police-import.js';

export async function importPoliceFile(config: AppConfig, file: string): Promise<number> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`Cannot read ${file}: no such file`);
  const started = Date.now();
  const read = await readPoliceCsv(fs.createReadStream(file));
  if (read.problems.length) {
    for (const p of read.problems.slice(0, 200)) console.error(`Line ${p.at}: ${p.text}`);
    if (read.problems.length > 200) console.error(`... and ${read.problems.length - 200} more`);
    console.error(`Nothing was imported: ${plural(read.problems.length, 'error')} in ${path.basename(file)}. Correct them and import the whole file again.`);
    return EXIT_FAILED;
  }
  const handle = await openForCli(config, { mustExist: true });
  try {
    await migrateToLatest(handle.db);
    const weights = await new PersonSearchService(handle.db).currentWeights();
    const r = await importNotifications(handle.db, weights, cliContext('frontdoor import-police'), read.notifications, { kind: 'cli', fileName: path.basename(file) }, { overlap: handle.kind === 'postgres' });
    console.log(
      `Imported ${plural(r.added, 'police notification')} from ${path.basename(file)} into ${describeDatabase(handle)} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `; ${r.alreadyImported.length} already imported (not added again); people matched ${r.matchedPeople}, not matched ${r.unmatchedPeople}`,
    );
    return EXIT_OK;
  } finally {
    await handle.close();
  }
}
