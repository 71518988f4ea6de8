/**
 * How common each name is in this council's person index, for matching that knows its own data.
 *
 * A spelling nobody else in the index has, one keystroke away from a name hundreds of people have,
 * is almost always a typing slip ("Anajli" for "Anjali", "Khen" for "Khan"). Two spellings that
 * are both established ("Lily" and "Lila", "Luca" and "Lucas") are usually two different names,
 * and twins are often given names like that. Spelling rules alone cannot tell these apart (each
 * pair is one edit apart); how often each spelling occurs in the index can.
 *
 * Counts are of people (not name rows) by the ASCII keys the database stores: the first token of
 * the given names (person_names.given_key) and the whole family name (person_names.family_key).
 * Nothing here is shown to workers except through the reasons compare.ts writes.
 */
import { nicknameGroup } from './nicknames.js';

export interface NameFrequencies {
  /** People the counts are over. */
  readonly people: number;
  /** People whose first given name has this key. */
  given(key: string): number;
  /** People whose family name has this key. */
  family(key: string): number;
}

/** What matching may know beyond the two records: the index's name frequencies, and who shares a birthday. */
export interface MatchContext {
  readonly frequencies?: NameFrequencies | undefined;
  /**
   * The first given names (ASCII keys, as person_names.given_key) of every live person in the
   * index with this family name key and date of birth ('YYYY-MM-DD'); undefined when not looked
   * up. The duplicate finder looks these up for the pairs that could be twins (compare.ts,
   * householdSlip).
   */
  readonly birthmates?: ((familyKey: string, dateOfBirth: string) => readonly string[] | undefined) | undefined;
}

/** Frequencies from count tables (key → people), e.g. loaded from the database. */
export function nameFrequencies(people: number, given: ReadonlyMap<string, number>, family: ReadonlyMap<string, number>): NameFrequencies {
  return {
    people,
    given: (key) => given.get(key) ?? 0,
    family: (key) => family.get(key) ?? 0,
  };
}

/** A spelling held by at most this many people may be a slip... */
export const RARE_SPELLING_MAX = 2;
/** ...of a name held by at least this many people... */
export const ESTABLISHED_NAME_MIN = 5;
/** ...and at least this many times as many. */
export const ESTABLISHED_RATIO = 5;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit (substitution, deletion, insertion, adjacent transposition) from `s`, keeping the first letter. */
function oneEditAway(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length) out.add(s.slice(0, i) + s.slice(i + 1));
    for (const c of LETTERS) {
      out.add(s.slice(0, i) + c + s.slice(i));
      if (i < s.length) out.add(s.slice(0, i) + c + s.slice(i + 1));
    }
    if (i + 1 < s.length) out.add(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  }
  out.delete(s);
  return out;
}

const corrections = new WeakMap<(key: string) => number, Map<string, string | null>>();

/** A spelling that is a name in its own right is never a slip; by default, any form the nickname table knows. */
export type IsName = (spelling: string) => boolean;
const inNicknameTable: IsName = (spelling) => nicknameGroup(spelling).length > 0;

/**
 * The established name a rare spelling is a slip of, or null: the only name one keystroke away
 * (same first letter) that at least ESTABLISHED_NAME_MIN people have, and ESTABLISHED_RATIO times
 * as many as have the spelling. "Lilx" could be Lily or Lila, so it is not corrected. A spelling
 * that is a name in its own right (`isName`: given names pass isKnownGivenName) is never a slip.
 * Results are cached per `count` function, so one `count` must always come with the same `isName`.
 */
export function correctionOf(spelling: string, count: (key: string) => number, isName: IsName = inNicknameTable): string | null {
  let cache = corrections.get(count);
  if (!cache) corrections.set(count, (cache = new Map()));
  const known = cache.get(spelling);
  if (known !== undefined) return known;
  let found: string | null = null;
  const held = count(spelling);
  if (spelling.length >= 3 && held <= RARE_SPELLING_MAX && !isName(spelling)) {
    let established = 0;
    for (const other of oneEditAway(spelling)) {
      const n = count(other);
      if (n < ESTABLISHED_NAME_MIN) continue;
      established++;
      if (n >= ESTABLISHED_RATIO * Math.max(1, held)) found = other;
    }
    if (established !== 1) found = null;
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(spelling, found);
  return found;
}

/**
 * If `x` and `y` (ASCII keys) look like a typing slip of an established name and that name, the
 * two as { slip, name }; otherwise null (see correctionOf).
 */
export function likelySlip(x: string, y: string, count: (key: string) => number, isName: IsName = inNicknameTable): { slip: string; name: string } | null {
  if (x === y || x.length < 3 || y.length < 3 || x[0] !== y[0] || Math.abs(x.length - y.length) > 1) return null;
  const [slip, name] = count(x) <= count(y) ? [x, y] : [y, x];
  return correctionOf(slip, count, isName) === name ? { slip, name } : null;
}
