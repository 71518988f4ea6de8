/**
 * The hindsight ceiling of the duplicate finder's F1 on a benchmark: the best any scorer could do
 * that sees only a pair's comparison pattern (each field's level, and whatever else `key` puts in).
 * With the truth known, keep every pattern that holds more true pairs than pairs of different
 * people, drop the rest. A real scorer cannot beat it, because it cannot tell apart two pairs with
 * the same pattern; and it ignores the twin guards, so a safe scorer does worse.
 */
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
