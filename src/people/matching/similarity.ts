/**
 * String similarity measures used to compare names.
 *
 * Both are case-sensitive and work on UTF-16 code units: callers pass keys already folded by
 * `nameKey()` (lower-case ASCII letters), so that "Zoë" and "Zoe" are equal before we get here.
 */

/** Jaro similarity: 1 for identical strings, 0 when no character matches within the window. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  // Characters match when equal and no further apart than half the longer string, minus one.
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  // Transpositions: matched characters that appear in a different order, counted in halves.
  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro–Winkler similarity (Winkler 1990): Jaro plus a bonus for a common prefix of up to 4
 * characters, scaled by 0.1. Typing errors are rarer at the start of a name, so a shared prefix
 * is good evidence. MARTHA/MARHTA ≈ 0.961, DWAYNE/DUANE = 0.84, DIXON/DICKSONX ≈ 0.813.
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Optimal string alignment distance (restricted Damerau–Levenshtein): the number of single
 * character insertions, deletions, substitutions or swaps of two adjacent characters needed to
 * turn one string into the other. A swap counts as one edit because "Kahn" for "Khan" is one
 * slip of the fingers, not two.
 */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: two back (for swaps), previous and current.
  let older = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, older[j - 2]! + 1);
      current[j] = best;
    }
    [older, previous, current] = [previous, current, older];
  }
  return previous[b.length]!;
}
