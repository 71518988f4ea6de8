/**
 * Name normalisation for matching: fold names to plain lower-case ASCII, split them into tokens and
 * recognise entries that are not really names ("Baby", "Unknown").
 *
 * Everything here is for comparing and indexing only. The name as the family gave it is what the
 * record stores and shows; these keys are never displayed or saved in its place.
 */
import { toAscii } from './ascii.js';

export { toAscii } from './ascii.js';
export { jaro, jaroWinkler, osaDistance } from './similarity.js';
export { NICKNAMES, areNicknames, nicknameGroup, nicknameRelation, type NicknameRelation } from './nicknames.js';

/**
 * Prefixes written either joined or apart ("McDonald", "Mc Donald", "O'Brien", "O Brien"): a
 * token like this is glued to the next one so both spellings give the same tokens.
 */
const JOINING_PREFIXES = new Set(['mc', 'mac', 'o']);

/**
 * Split a name into lower-case ASCII tokens: "Smith-Jones" → ['smith', 'jones'],
 * "O'Brien" → ['obrien'], "Mc Donald" → ['mcdonald'], "Mary Ann" → ['mary', 'ann'].
 */
export function nameTokens(name: string): string[] {
  const raw = toAscii(name)
    .split(/[\s-]+/)
    .map((token) => token.replace(/'/g, ''))
    .filter((token) => token.length > 0);
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    const next = raw[i + 1];
    if (JOINING_PREFIXES.has(token) && next !== undefined) {
      tokens.push(token + next);
      i++;
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

/** One comparable key for a whole name: its tokens run together ("Smith-Jones" → "smithjones"). */
export function nameKey(name: string): string {
  return nameTokens(name).join('');
}

/**
 * Particles that are part of a family name but say nothing on their own: two families called
 * "Al-Amin" and "Al-Hassan" share "al" and nothing else, so "al" must not count as a shared part.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'bin', 'ben', 'ibn', 'bint', 'binti', 'abu', 'van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'do',
  'la', 'le', 'del', 'della', 'dos', 'das', 'ter', 'ten', 'st', 'san', 'santa', 'y', 'e',
]);

/**
 * Words recorded in place of a given name before a child is named ("Baby", "Unborn", "Twin 1",
 * "Baby Boy") or when it is not known. They carry no evidence either way, so an entry made only of
 * these words is treated as not recorded: "Baby Patel" must neither match nor rule out "Amy Patel".
 * "N/A" is not listed: "Na" is a given name in its own right (Chinese), and twins Yan and Na must stay apart.
 */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'baby', 'babe', 'unborn', 'unnamed', 'unknown', 'infant', 'newborn', 'twin', 'triplet', 'child', 'boy', 'girl',
  'male', 'female', 'nk', 'not', 'known', 'tbc', 'tba', 'none', 'anon', 'anonymous', 'of',
]);

export function isPlaceholderName(name: string): boolean {
  const words = toAscii(name).split(/[\s-]+/).filter((w) => w.length > 0);
  return words.every((word) => PLACEHOLDER_WORDS.has(word.replace(/'/g, '')));
}
