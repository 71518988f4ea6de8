/**
 * Field-by-field comparison of two person records. Each comparison returns a level (how well the
 * field agrees, the input to Fellegi–Sunter scoring) and a short reason a worker can read
 * ("nickname of William", "day and month swapped").
 *
 * Levels are tried in the order of LEVELS below and the first that holds wins; across a person's
 * several names or postcodes the best level wins. "missing" means the field cannot be compared
 * (not recorded on one side, or not usable): it carries no evidence either way.
 */
import { normalisePostcode, postcodeParts, validateNhsNumber, validateUpn, isTemporaryUpn } from './identifiers.js';
import { toAscii } from './ascii.js';
import { NAME_PARTICLES, isPlaceholderName, nameTokens } from './names.js';
import { nicknameRelation } from './nicknames.js';
import { jaroWinkler, osaDistance } from './similarity.js';
import { isKnownGivenName } from './given-names.js';
import { ESTABLISHED_NAME_MIN, ESTABLISHED_RATIO, RARE_SPELLING_MAX, correctionOf, likelySlip, type MatchContext, type NameFrequencies } from './frequencies.js';

export const LEVELS = {
  givenName: ['exact', 'nickname', 'misspelt', 'swapped', 'similar', 'sharedNickname', 'partial', 'initial', 'weak', 'different'],
  familyName: ['exact', 'part', 'swapped', 'similar', 'different'],
  dateOfBirth: ['exact', 'dayMonthSwapped', 'yearOffByOne', 'typo', 'yearOffBySome', 'sameMonthYear', 'withinAYear', 'different'],
  sex: ['same', 'different'],
  postcode: ['unit', 'sector', 'district', 'different'],
  nhsNumber: ['same', 'different'],
  upn: ['same', 'different'],
} as const;

export type MatchField = keyof typeof LEVELS;
export const MATCH_FIELDS = Object.keys(LEVELS) as MatchField[];
/** The levels of a field that carry evidence (everything but 'missing'). */
export type ScoredLevel<F extends MatchField> = (typeof LEVELS)[F][number];
export type Level<F extends MatchField> = ScoredLevel<F> | 'missing';

export interface Comparison<L extends string> {
  readonly level: L;
  readonly reason: string;
  /**
   * For a name that agrees (exactly, or but for a slip) when the index's name frequencies are
   * known: how many of how many people in the index have that name. Scoring weighs a shared rare
   * name more than a shared common one.
   */
  readonly frequency?: NameFrequency;
}

export interface NameFrequency {
  readonly count: number;
  readonly people: number;
}

/** How common a name is, as a Comparison field (absent when frequencies are unknown). */
function frequencyOf(count: ((key: string) => number) | undefined, key: string, people: number | undefined): { frequency?: NameFrequency } {
  if (!count || !people) return {};
  return { frequency: { count: Math.max(1, count(key)), people } };
}

/** What matching needs to know about a person. Names and postcodes hold every known variant. */
export interface PersonForMatching {
  /** Current, previous, alias and known-as given names; each entry may hold middle names. */
  readonly givenNames: readonly string[];
  /** Current, previous and alias family names. */
  readonly familyNames: readonly string[];
  /** 'YYYY-MM-DD' */
  readonly dateOfBirth: string | null;
  readonly sex: 'M' | 'F' | 'U' | null;
  /** Current postcode first, then previous ones. */
  readonly postcodes: readonly string[];
  readonly nhsNumber: string | null;
  readonly upn: string | null;
}

export type ComparisonVector = { readonly [F in MatchField]: Comparison<Level<F>> };

/** One field's level for one candidate pair: the unit the EM estimator learns from. */
export type FieldLevels = { [F in MatchField]: { readonly field: F; readonly level: Level<F> } }[MatchField];

function rank<F extends MatchField>(field: F, level: Level<F>): number {
  return level === 'missing' ? Number.MAX_SAFE_INTEGER : (LEVELS[field] as readonly string[]).indexOf(level);
}

/**
 * Remembers a pure function of one string: the same names, dates and postcodes are parsed again and
 * again (a search scores hundreds of candidates against one enquiry; the duplicate scan sees each
 * record in many pairs), and parsing (Unicode folding, regular expressions) is most of the cost of
 * a comparison. Results are immutable, so sharing them is safe; the cache starts afresh when full.
 */
function memo<T>(fn: (s: string) => T, max = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const value = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, value);
    return value;
  };
}

function best<F extends MatchField>(field: F, comparisons: Iterable<Comparison<Level<F>>>): Comparison<Level<F>> | null {
  let top: Comparison<Level<F>> | null = null;
  for (const c of comparisons) if (top === null || rank(field, c.level) < rank(field, top.level)) top = c;
  return top;
}

// ---------------------------------------------------------------------------------------------
// Spelling similarity shared by given and family names
// ---------------------------------------------------------------------------------------------

/**
 * 'similar' is strong enough to count as the same name, 'weak' is not (given names only).
 * - Both must start with the same letter: a different first letter usually means a different name
 *   (Bella/Ella, Ava/Eva), while typing slips rarely hit the first letter.
 * - Short names (4 letters or fewer) also need at most one edit: Amy/Ava or Lily/Lila are
 *   different children however high Jaro–Winkler scores them.
 * - Family names also count one edit in 5+ letters as similar: Smith/Smyth is only 0.89 on
 *   Jaro–Winkler but is the classic spelling variant.
 */
const spellingLevels = new Map<string, 'similar' | 'weak' | 'different'>();

export function spellingLevel(a: string, b: string, kind: 'given' | 'family'): 'similar' | 'weak' | 'different' {
  const k = `${kind}\u0000${a}\u0000${b}`;
  let level = spellingLevels.get(k);
  if (level === undefined) {
    level = computeSpellingLevel(a, b, kind);
    if (spellingLevels.size >= 200_000) spellingLevels.clear();
    spellingLevels.set(k, level);
  }
  return level;
}

function computeSpellingLevel(a: string, b: string, kind: 'given' | 'family'): 'similar' | 'weak' | 'different' {
  if (a === '' || b === '') return 'different';
  const jw = jaroWinkler(a, b);
  const edits = osaDistance(a, b);
  const shortest = Math.min(a.length, b.length);
  const sameFirst = a[0] === b[0];
  if (sameFirst && jw >= 0.92 && (shortest > 4 || edits <= 1)) return 'similar';
  if (kind === 'family' && sameFirst && edits <= 1 && shortest >= 5) return 'similar';
  if (kind === 'given' && shortest > 4 && jw >= 0.85) return 'weak';
  return 'different';
}

// ---------------------------------------------------------------------------------------------
// Given names
// ---------------------------------------------------------------------------------------------

interface GivenName {
  readonly written: string;
  readonly full: string; // every word run together: "Mary Jane" and "Mary-Jane" → "maryjane"
  readonly forename: string; // the first word, hyphenated parts run together: "maryjane" / "mary"
  readonly forenameParts: readonly string[]; // ['mary', 'jane'] for "Mary-Jane"
  readonly middles: readonly string[]; // later words: ['louise'] for "Amy Louise"
}

const parseGiven = memo(parseGivenName);

function parseGivenName(written: string): GivenName | null {
  if (isPlaceholderName(written)) return null;
  const words = toAscii(written)
    .split(' ')
    .map((w) => w.split('-').map((p) => p.replace(/'/g, '')).filter(Boolean))
    .filter((parts) => parts.length > 0);
  const first = words[0];
  if (first === undefined) return null;
  return {
    written: written.trim(),
    full: words.map((parts) => parts.join('')).join(''),
    forename: first.join(''),
    forenameParts: first,
    middles: words.slice(1).map((parts) => parts.join('')),
  };
}

type GivenLevel = Level<'givenName'>;

/**
 * The name as it is said: a silent h after a vowel dropped (John/Jon, Sarah/Sara, Leah/Lea) and
 * doubled letters written once (Hannah/Hana, Phillip/Philip, Matthew/Mathew).
 */
const spoken = memo((name: string) => name.replace(/([aeiouy])h/g, '$1').replace(/(.)\1+/g, '$1'));

/**
 * Two spellings of one spoken name. Unlike two names one keystroke apart (Lily and Lila, Amy and
 * Ava), these cannot tell two children apart when said aloud, so parents do not give them to
 * twins: the pair is another spelling of the same name, not a look-alike.
 */
export function soundsTheSame(a: string, b: string): boolean {
  return a !== b && a.length >= 2 && b.length >= 2 && a[0] === b[0] && spoken(a) === spoken(b);
}

function compareGiven(x: GivenName, y: GivenName, frequencies?: NameFrequencies): Comparison<GivenLevel> {
  const isInitial = (n: GivenName) => n.forename.length === 1;
  if (isInitial(x) || isInitial(y)) {
    if (x.forename[0] === y.forename[0]) return { level: 'initial', reason: 'initial only' };
    return { level: 'different', reason: 'different given names' };
  }
  if (x.full === y.full || x.forename === y.forename) {
    return { level: 'exact', reason: 'same given name', ...frequencyOf(frequencies?.given, x.forenameParts[0]!, frequencies?.people) };
  }
  const relation = nicknameRelation(x.forename, y.forename);
  if (relation?.kind === 'spelling') return { level: 'nickname', reason: `other spelling of ${relation.name}` };
  if (relation?.kind === 'nickname') return { level: 'nickname', reason: `nickname of ${relation.name}` };
  // One keystroke from a name many people here have, and a spelling nobody else has: a slip, not a
  // twin's look-alike name (those are both established names: Lily and Lila).
  if (frequencies && x.forenameParts.length === 1 && y.forenameParts.length === 1) {
    const slip = likelySlip(x.forename, y.forename, frequencies.given, isKnownGivenName);
    if (slip) {
      const reason = `probably a slip for ${(slip.name === x.forename ? x : y).written}`;
      return { level: 'misspelt', reason, ...frequencyOf(frequencies.given, slip.name, frequencies.people) };
    }
    // A slip of a nickname: "Regi" for Reg, a nickname of Reginald.
    if (!relation) {
      for (const [s, other] of [[x, y], [y, x]] as const) {
        const fixed = correctionOf(s.forename, frequencies.given, isKnownGivenName);
        const related = fixed ? nicknameRelation(fixed, other.forename) : null;
        if (fixed && (related?.kind === 'nickname' || related?.kind === 'spelling')) {
          const what = related.kind === 'nickname' ? 'a nickname' : 'another spelling';
          return { level: 'nickname', reason: `probably a slip for ${fixed[0]!.toUpperCase()}${fixed.slice(1)}, ${what} of ${related.name}` };
        }
      }
    }
  }
  // After the slip: "Mohammmed" is a slip of a common name, weighed by how common it is.
  if (!relation && soundsTheSame(x.forename, y.forename)) {
    return { level: 'nickname', reason: `other spelling of ${(x.forename.length >= y.forename.length ? x : y).written}` };
  }
  const spelling = spellingLevel(x.forename, y.forename, 'given');
  if (spelling === 'similar') return { level: 'similar', reason: 'similar spelling' };
  if (relation?.kind === 'shared') {
    // Reg and Reggie, Flo and Flossie: one nickname is the start of the other, so both are one pet
    // name, not two that twins could be given (Molly and Polly).
    const [short, long] = x.forename.length <= y.forename.length ? [x, y] : [y, x];
    if (short.forename.length >= 3 && long.forename.startsWith(short.forename)) return { level: 'nickname', reason: `${short.written} is short for ${long.written}` };
    return { level: 'sharedNickname', reason: `both short for ${relation.name}` };
  }
  if (x.middles.includes(y.forename) || y.middles.includes(x.forename)) {
    return { level: 'partial', reason: 'matches a middle name' };
  }
  for (const [compound, single] of [[x, y], [y, x]] as const) {
    if (compound.forenameParts.length > 1 && single.forenameParts.length === 1 && compound.forenameParts.includes(single.forename)) {
      return { level: 'partial', reason: `part of ${compound.written}` };
    }
  }
  if (spelling === 'weak') return { level: 'weak', reason: 'slightly similar spelling' };
  return { level: 'different', reason: 'different given names' };
}

export function compareGivenNames(a: readonly string[], b: readonly string[], context?: MatchContext): Comparison<GivenLevel> {
  const xs = a.map(parseGiven).filter((n) => n !== null);
  const ys = b.map(parseGiven).filter((n) => n !== null);
  const found = best('givenName', xs.flatMap((x) => ys.map((y) => compareGiven(x, y, context?.frequencies))));
  return found ?? { level: 'missing', reason: 'given name not recorded' };
}

// ---------------------------------------------------------------------------------------------
// Family names
// ---------------------------------------------------------------------------------------------

interface FamilyName {
  readonly written: string;
  readonly tokens: readonly string[];
  readonly key: string;
  /** Tokens that identify a family on their own (not "al", "van", "de"…). */
  readonly significant: readonly string[];
}

const parseFamily = memo(parseFamilyName);

function parseFamilyName(written: string): FamilyName | null {
  if (isPlaceholderName(written)) return null;
  const tokens = nameTokens(written);
  if (tokens.length === 0) return null;
  return {
    written: written.trim(),
    tokens,
    key: tokens.join(''),
    significant: tokens.filter((t) => t.length >= 2 && !NAME_PARTICLES.has(t)),
  };
}

type FamilyLevel = Level<'familyName'>;

function compareFamily(x: FamilyName, y: FamilyName, frequencies?: NameFrequencies): Comparison<FamilyLevel> {
  if (x.key === y.key) return { level: 'exact', reason: 'same family name', ...frequencyOf(frequencies?.family, x.key, frequencies?.people) };
  if (x.tokens.length > 1 && [...x.tokens].sort().join(' ') === [...y.tokens].sort().join(' ')) {
    return { level: 'exact', reason: 'same family name, in a different order', ...frequencyOf(frequencies?.family, x.key, frequencies?.people) };
  }
  // One part of a double-barrelled name: "Smith" and "Smith-Jones", "Hassan" and "Al-Hassan".
  const [shorter, longer] = x.tokens.length <= y.tokens.length ? [x, y] : [y, x];
  if (longer.tokens.length > shorter.tokens.length && shorter.significant.length > 0 && shorter.significant.every((t) => longer.tokens.includes(t))) {
    // Weighed by how common the shared part is, like an exact name ("Williams" in "Williams-Patel").
    return { level: 'part', reason: `part of ${longer.written}`, ...frequencyOf(frequencies?.family, shorter.key, frequencies?.people) };
  }
  if (spellingLevel(x.key, y.key, 'family') === 'similar') return { level: 'similar', reason: 'similar spelling' };
  const slip = frequencies ? likelySlip(x.key, y.key, frequencies.family) : null;
  if (slip) return { level: 'similar', reason: `probably a slip for ${(slip.name === x.key ? x : y).written}` };
  return { level: 'different', reason: 'different family names' };
}

export function compareFamilyNames(a: readonly string[], b: readonly string[], context?: MatchContext): Comparison<FamilyLevel> {
  const xs = a.map(parseFamily).filter((n) => n !== null);
  const ys = b.map(parseFamily).filter((n) => n !== null);
  const found = best('familyName', xs.flatMap((x) => ys.map((y) => compareFamily(x, y, context?.frequencies))));
  return found ?? { level: 'missing', reason: 'family name not recorded' };
}

// ---------------------------------------------------------------------------------------------
// Names together: given and family names written the wrong way round
// ---------------------------------------------------------------------------------------------

type NameSides = Pick<PersonForMatching, 'givenNames' | 'familyNames'>;

/**
 * How well any given name of one side reads as any family name of the other: 2 when it is the
 * same name (or by the family-name spelling rule, Smith/Smyth), 1 when it agrees only loosely (a
 * nickname, a slip, one part of a double-barrelled name), 0 when not at all.
 */
function crossAgreement(givenNames: readonly string[], familyNames: readonly string[], context?: MatchContext): 0 | 1 | 2 {
  const givens = givenNames.map(parseGiven).filter((n) => n !== null);
  const families = familyNames.map(parseFamily).filter((n) => n !== null);
  let found: 0 | 1 | 2 = 0;
  for (const g of givens) {
    for (const f of families) {
      if (g.forename === f.key || g.full === f.key || spellingLevel(g.forename, f.key, 'family') === 'similar') return 2;
      if (found > 0) continue;
      const asGiven = parseGiven(f.written);
      const asFamily = parseFamily(g.written);
      const given = asGiven ? compareGiven(g, asGiven, context?.frequencies).level : 'different';
      const family = asFamily ? compareFamily(asFamily, f, context?.frequencies).level : 'different';
      if (given === 'nickname' || given === 'misspelt' || given === 'similar' || given === 'sharedNickname' || family === 'part' || family === 'similar') found = 1;
    }
  }
  return found;
}

/**
 * Compare given and family names, recognising names entered the wrong way round ("Wei Li" for
 * "Li Wei", common where the family name comes first) when they agree no other way.
 */
export function compareNames(a: NameSides, b: NameSides, context?: MatchContext): { givenName: Comparison<GivenLevel>; familyName: Comparison<FamilyLevel> } {
  const givenName = compareGivenNames(a.givenNames, b.givenNames, context);
  const familyName = compareFamilyNames(a.familyNames, b.familyNames, context);
  const givenAgrees = givenName.level === 'exact' || givenName.level === 'nickname' || givenName.level === 'misspelt' || givenName.level === 'similar';
  const familyAgrees = familyName.level === 'exact' || familyName.level === 'part' || familyName.level === 'similar';
  if (!givenAgrees && !familyAgrees) {
    // Both ways round must agree, at least one of them fully: "Gray Oliver" and "Oliver Grgy".
    const one = crossAgreement(a.givenNames, b.familyNames, context);
    const other = one === 0 ? 0 : crossAgreement(b.givenNames, a.familyNames, context);
    if (one + other < 3) return { givenName, familyName };
    const reason = 'given and family names swapped';
    return { givenName: { level: 'swapped', reason }, familyName: { level: 'swapped', reason } };
  }
  return { givenName, familyName };
}

// ---------------------------------------------------------------------------------------------
// Date of birth
// ---------------------------------------------------------------------------------------------

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly digits: string; // 'YYYYMMDD'
}

const parseIsoDate = memo(parseDateText);

function parseDate(iso: string | null): Ymd | null {
  return iso === null ? null : parseIsoDate(iso);
}

function parseDateText(iso: string | null): Ymd | null {
  const match = iso === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { y, m, d, digits: `${match[1]}${match[2]}${match[3]}` };
}

export function compareDatesOfBirth(a: string | null, b: string | null): Comparison<Level<'dateOfBirth'>> {
  const x = parseDate(a);
  const y = parseDate(b);
  if (x === null || y === null) return { level: 'missing', reason: 'date of birth not recorded' };
  if (x.digits === y.digits) return { level: 'exact', reason: 'same date of birth' };
  // 03/02 read as 02/03: the British and American orders, or a slip when typing.
  if (x.y === y.y && x.d === y.m && x.m === y.d) return { level: 'dayMonthSwapped', reason: 'day and month swapped' };
  if (x.m === y.m && x.d === y.d && Math.abs(x.y - y.y) === 1) return { level: 'yearOffByOne', reason: 'year differs by one' };
  if (osaDistance(x.digits, y.digits) === 1) {
    const substituted = [...x.digits].filter((c, i) => c !== y.digits[i]).length === 1;
    return { level: 'typo', reason: substituted ? 'one digit different' : 'two digits transposed' };
  }
  // The same birthday two or three years apart: an age re-assessed (unaccompanied children's dates
  // of birth are often estimated, then changed), or two slips in the year. Further apart it is more
  // likely a parent and child who share a birthday, so that stays 'different'.
  if (x.m === y.m && x.d === y.d && Math.abs(x.y - y.y) <= 3) return { level: 'yearOffBySome', reason: `same birthday, year differs by ${Math.abs(x.y - y.y)}` };
  if (x.y === y.y && x.m === y.m) return { level: 'sameMonthYear', reason: 'same month and year of birth' };
  // Two slips in one date (day and month swapped and a digit changed) still land within a year;
  // that is weak evidence against, not the "different generation" a date years apart can mean.
  const days = Math.abs(Date.UTC(x.y, x.m - 1, x.d) - Date.UTC(y.y, y.m - 1, y.d)) / 86_400_000;
  if (days <= 366) return { level: 'withinAYear', reason: 'dates of birth differ, but by less than a year' };
  return { level: 'different', reason: 'different date of birth' };
}

// ---------------------------------------------------------------------------------------------
// Sex, postcode and identifiers
// ---------------------------------------------------------------------------------------------

export function compareSex(a: PersonForMatching['sex'], b: PersonForMatching['sex']): Comparison<Level<'sex'>> {
  if ((a !== 'M' && a !== 'F') || (b !== 'M' && b !== 'F')) return { level: 'missing', reason: 'sex not known' };
  return a === b ? { level: 'same', reason: 'same sex' } : { level: 'different', reason: 'different sex recorded' };
}

/**
 * Postcodes agree at the finest of unit (the same ~15 addresses), sector or district shared by any
 * current or previous postcode of each side: families move, often nearby.
 */
const cachedPostcodeParts = memo(postcodeParts);

export function comparePostcodes(a: readonly string[], b: readonly string[]): Comparison<Level<'postcode'>> {
  const parts = (list: readonly string[]) => list.map((p) => cachedPostcodeParts(p)).map((p, i) => (p === null ? null : { ...p, previous: i > 0 }));
  const xs = parts(a).filter((p) => p !== null);
  const ys = parts(b).filter((p) => p !== null);
  if (xs.length === 0 || ys.length === 0) return { level: 'missing', reason: 'postcode not recorded' };
  const found = best(
    'postcode',
    xs.flatMap((x) =>
      ys.map((y): Comparison<Level<'postcode'>> => {
        const where = x.previous || y.previous ? ' as a previous address' : '';
        if (x.unit === y.unit) return { level: 'unit', reason: `same postcode${where}` };
        if (x.sector === y.sector) return { level: 'sector', reason: `same postcode sector${where}` };
        if (x.district === y.district) return { level: 'district', reason: `same postcode district${where}` };
        return { level: 'different', reason: 'different postcode' };
      }),
    ),
  );
  return found!;
}

export function compareNhsNumbers(a: string | null, b: string | null): Comparison<Level<'nhsNumber'>> {
  if (a === null || b === null || a.trim() === '' || b.trim() === '') return { level: 'missing', reason: 'NHS number not recorded' };
  const x = validateNhsNumber(a);
  const y = validateNhsNumber(b);
  if (!x.ok || !y.ok) return { level: 'missing', reason: 'NHS number not valid, so not compared' };
  return x.value === y.value ? { level: 'same', reason: 'same NHS number' } : { level: 'different', reason: 'different NHS numbers' };
}

/**
 * UPNs. A temporary UPN is replaced by a permanent one when the DfE issues it, so a temporary UPN
 * that differs from the other side's says nothing.
 */
export function compareUpns(a: string | null, b: string | null): Comparison<Level<'upn'>> {
  if (a === null || b === null || a.trim() === '' || b.trim() === '') return { level: 'missing', reason: 'UPN not recorded' };
  const x = validateUpn(a);
  const y = validateUpn(b);
  if (!x.ok || !y.ok) return { level: 'missing', reason: 'UPN not valid, so not compared' };
  if (x.value === y.value) return { level: 'same', reason: 'same UPN' };
  if (isTemporaryUpn(x.value) || isTemporaryUpn(y.value)) return { level: 'missing', reason: 'temporary UPN, so not compared' };
  return { level: 'different', reason: 'different UPNs' };
}

// ---------------------------------------------------------------------------------------------
// A slip in a twin's look-alike place: same family name and date of birth
// ---------------------------------------------------------------------------------------------

/** Given-name levels a typing slip can leave two records at (the spelling rules alone). */
const SLIP_LEVELS: ReadonlySet<string> = new Set(['similar', 'weak', 'different']);
/** Family-name levels under which two records are one household's (as guards.ts counts them). */
const FAMILY_AGREES: ReadonlySet<string> = new Set(['exact', 'part', 'similar']);

/**
 * Where a twin of either record would be found, when the two share a date of birth: every family
 * name key of either (as person_names.family_key), with that date. The duplicate finder looks up
 * who else was born that day with those family names (birthmates).
 */
export function birthmateKeys(a: PersonForMatching, b: PersonForMatching): Array<{ familyKey: string; dateOfBirth: string }> {
  if (a.dateOfBirth === null || a.dateOfBirth !== b.dateOfBirth || parseDate(a.dateOfBirth) === null) return [];
  const keys = new Set([...a.familyNames, ...b.familyNames].map(parseFamily).filter((n) => n !== null).map((n) => n.key));
  return [...keys].map((familyKey) => ({ familyKey, dateOfBirth: a.dateOfBirth! }));
}

/**
 * A spelling held by at most this share of as many people as the name one keystroke from it is a
 * slip of that name, however many hold it. The same slip of a common short name is made again and
 * again ("Leoe" for Leo): one particular slip reaches a few records in a thousand of a name at
 * most, while a name in its own right is held by several in a hundred as many as its look-alike
 * or more (Lila beside Lily).
 */
export const SLIP_SHARE_MAX = 0.02;

/**
 * A typing slip in the given name of a child whose family name (or a slip of it, or one part of
 * it) and date of birth agree. On the two records alone it looks exactly like twins with
 * look-alike names (Lily and Lila), so scoring holds such pairs below "likely" (guards.ts). The
 * index can tell them apart, because a twin is a person in it. The pair is a slip when:
 * - one spelling is rare (held by at most RARE_SPELLING_MAX people, or by at most SLIP_SHARE_MAX
 *   as many as the other) and not a form the nickname table knows, and the other is an
 *   established name one keystroke from it;
 * - nobody else in the index born that day under either family name has a name the slip could
 *   also have come from (one keystroke from it), other than further slips of the same name (a
 *   third record of the child).
 * Twins both recorded under their own names (Lily and Lila, Amy and Ava) are never read as a
 * slip: neither spelling is rare.
 */
function householdSlip(a: PersonForMatching, b: PersonForMatching, context: MatchContext): Comparison<GivenLevel> | null {
  const frequencies = context.frequencies;
  const birthmates = context.birthmates;
  if (!frequencies || !birthmates) return null;
  const born = birthmateKeys(a, b).map(({ familyKey, dateOfBirth }) => birthmates(familyKey, dateOfBirth));
  if (born.length === 0 || born.some((names) => names === undefined)) return null;
  const others = [...new Set(born.flatMap((names) => names!))];
  const isSlipOf = (slip: string, name: string) => {
    if (slip.length < 3 || slip === name || slip[0] !== name[0] || osaDistance(slip, name) !== 1) return false;
    const held = frequencies.given(slip);
    const established = frequencies.given(name);
    if (established < ESTABLISHED_NAME_MIN || established < ESTABLISHED_RATIO * Math.max(1, held)) return false;
    if (held > RARE_SPELLING_MAX && held > SLIP_SHARE_MAX * established) return false;
    return !isKnownGivenName(slip); // a name in its own right (Lila beside Lily) is never a slip
  };
  const forenames = (p: PersonForMatching) => p.givenNames.map(parseGiven).filter((n) => n !== null && n.forenameParts.length === 1) as GivenName[];
  for (const [xs, ys] of [[forenames(a), forenames(b)], [forenames(b), forenames(a)]] as const) {
    for (const x of xs) {
      for (const y of ys) {
        const [slip, name] = [x.forename, y.forename];
        if (!isSlipOf(slip, name)) continue;
        if (others.some((other) => other !== slip && other !== name && osaDistance(other, slip) <= 1 && !isSlipOf(other, name))) continue;
        return {
          level: 'misspelt',
          reason: `probably a slip for ${y.written}: nobody else born that day has a name like it`,
          ...frequencyOf(frequencies.given, name, frequencies.people),
        };
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Whole records
// ---------------------------------------------------------------------------------------------

export function comparePeople(a: PersonForMatching, b: PersonForMatching, context?: MatchContext): ComparisonVector {
  const names = compareNames(a, b, context);
  const dateOfBirth = compareDatesOfBirth(a.dateOfBirth, b.dateOfBirth);
  const slip =
    context?.birthmates && dateOfBirth.level === 'exact' && FAMILY_AGREES.has(names.familyName.level) && SLIP_LEVELS.has(names.givenName.level)
      ? householdSlip(a, b, context)
      : null;
  return {
    givenName: slip ?? names.givenName,
    familyName: names.familyName,
    dateOfBirth,
    sex: compareSex(a.sex, b.sex),
    postcode: comparePostcodes(a.postcodes, b.postcodes),
    nhsNumber: compareNhsNumbers(a.nhsNumber, b.nhsNumber),
    upn: compareUpns(a.upn, b.upn),
  };
}

/** The comparison vector as the list of (field, level) the EM estimator takes. */
export function toFieldLevels(vector: ComparisonVector): FieldLevels[] {
  return MATCH_FIELDS.map((field) => ({ field, level: vector[field].level }) as FieldLevels);
}
