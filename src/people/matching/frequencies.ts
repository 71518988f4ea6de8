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

/** What matching may know beyond the two records: the index's name frequencies. */
export interface MatchContext {
  readonly frequencies?: NameFrequencies | undefined;
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

/**
 * If `x` and `y` (ASCII keys one edit apart, same first letter) look like a typing slip of an
 * established name, the two spellings as { slip, name }; otherwise null. It must be the only
 * established name one edit from the slip: "Lilx" could be Lily or Lila, so it is not corrected.
 * Name forms listed in the nickname table are names, never slips.
 */
export function likelySlip(x: string, y: string, count: (key: string) => number): { slip: string; name: string } | null {
  if (x === y || x.length < 3 || y.length < 3 || x[0] !== y[0] || Math.abs(x.length - y.length) > 1) return null;
  const cx = count(x);
  const cy = count(y);
  const [slip, name, cs, cn] = cx <= cy ? [x, y, cx, cy] : [y, x, cy, cx];
  if (cs > RARE_SPELLING_MAX || cn < ESTABLISHED_NAME_MIN || cn < ESTABLISHED_RATIO * Math.max(1, cs)) return null;
  const neighbours = oneEditAway(slip);
  if (!neighbours.has(name)) return null;
  if (nicknameGroup(slip).length > 0) return null;
  for (const other of neighbours) {
    if (other !== name && count(other) >= ESTABLISHED_NAME_MIN) return null;
  }
  return { slip, name };
}
