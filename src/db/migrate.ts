import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect.js';

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Migrations are plain SQL files kept with the domain that owns the tables:
 * src/<domain>/migrations/NNNN_description.sql. They are applied in the order of
 * their number across all domains; the same SQL runs on PGlite and PostgreSQL 15.
 */
export function findMigrationFiles(root = srcRoot): Array<{ name: string; file: string }> {
  const found: Array<{ name: string; file: string }> = [];
  for (const domain of fs.readdirSync(root, { withFileTypes: true })) {
    if (!domain.isDirectory()) continue;
    const dir = path.join(root, domain.name, 'migrations');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) {
      if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(f)) continue;
      found.push({ name: f.replace(/\.sql$/, ''), file: path.join(dir, f) });
    }
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  const numbers = new Set<string>();
  for (const m of found) {
    const n = m.name.slice(0, 4);
    if (numbers.has(n)) throw new Error(`Two migrations share the number ${n}: renumber one (${m.file})`);
    numbers.add(n);
  }
  return found;
}

class SqlFileProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const { name, file } of findMigrationFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      migrations[name] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new SqlFileProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
