/**
 * The index's name frequencies (matching/frequencies.ts), counted in the database and kept in
 * memory: a few tens of thousands of names even for a large council. Counting takes a few hundred
 * milliseconds at a million people, so a search never waits for it once the first count is in:
 * an older count is used while a fresh one is made in the background.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nameFrequencies, type NameFrequencies } from './matching/index.js';

/** Recount after this long: names come and go slowly, and the counts only need to be roughly right. */
const REFRESH_MS = 10 * 60 * 1000;

export async function countNames(db: Kysely<Database>): Promise<NameFrequencies> {
  const count = async (key: 'given' | 'family') => {
    const expr = key === 'given' ? sql`split_part(n.given_key, ' ', 1)` : sql`n.family_key`;
    const r = await sql<{ k: string; n: number }>`
      select k, count(*)::int as n from (
        select distinct n.person_id, ${expr} as k from person_names n join people p on p.id = n.person_id
         where p.merged_into_id is null) x
       where k <> '' group by k`.execute(db);
    return new Map(r.rows.map((row) => [row.k, Number(row.n)]));
  };
  const [given, family, people] = await Promise.all([
    count('given'),
    count('family'),
    sql<{ n: number }>`select count(*)::int as n from people where merged_into_id is null`.execute(db),
  ]);
  return nameFrequencies(Number(people.rows[0]?.n ?? 0), given, family);
}

export class NameFrequencyCache {
  private current: { value: NameFrequencies; at: number } | undefined;
  private pending: Promise<NameFrequencies> | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  /** The latest counts; the first call waits for them, later ones start a recount when they are old. */
  async get(): Promise<NameFrequencies> {
    if (this.current) {
      if (Date.now() - this.current.at > REFRESH_MS) void this.refresh().catch(() => undefined);
      return this.current.value;
    }
    return this.refresh();
  }

  /** Count now (after a bulk import, say); concurrent callers share one count. */
  refresh(): Promise<NameFrequencies> {
    this.pending ??= countNames(this.db)
      .then((value) => {
        this.current = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  forget(): void {
    this.current = undefined;
  }
}
