/**
 * The hindsight ceiling of the duplicate finder's F1 on a benchmark: the best any scorer could do
 * that sees only a pair's comparison pattern (each field's level, and whatever else `key` puts in).
 * With the truth known, keep every pattern that holds more true pairs than pairs of different
 * people, drop the rest. A real scorer cannot beat it, because it cannot tell apart two pairs with
 * the same pattern; and it ignores the twin guards, so a safe scorer does worse.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

export interface Ceiling {
  precision: number;
  recall: number;
  f1: number;
  falsePositives: number;
  falseNegatives: number;
}

export function hindsightCeiling(pairs: Iterable<{ key: string; isTrue: boolean }>, truePairs: number): Ceiling {
  const byPattern = new Map<string, [number, number]>();
  for (const { key, isTrue } of pairs) {
    const counts = byPattern.get(key) ?? [0, 0];
    counts[isTrue ? 0 : 1]++;
    byPattern.set(key, counts);
  }
  let tp = 0;
  let fp = 0;
  for (const [t, f] of byPattern.values()) if (t > f) [tp, fp] = [tp + t, fp + f];
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, truePairs);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, falsePositives: fp, falseNegatives: truePairs - tp };
}

/** Up to this many holders of a full name are told apart in a pattern key; more count as this many. */
export const HOLDERS_CAP = 6;

/**
 * How many people hold a person's full name (first given name and family name, as keyed in the
 * database), up to HOLDERS_CAP: what a scorer told the index's full-name counts would know.
 */
export async function fullNameHolders(db: Kysely<Database>): Promise<(personId: number) => number> {
  const rows = await sql<{ person_id: number; k: string }>`
    select distinct person_id, split_part(given_key, ' ', 1) || ' ' || family_key as k from person_names`.execute(db);
  const nameOf = new Map(rows.rows.map((r) => [Number(r.person_id), r.k]));
  const holders = new Map<string, number>();
  for (const k of nameOf.values()) holders.set(k, (holders.get(k) ?? 0) + 1);
  return (personId) => Math.min(HOLDERS_CAP, holders.get(nameOf.get(Number(personId)) ?? '') ?? 0);
}
