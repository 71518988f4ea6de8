/**
 * A deterministic (seeded) synthetic population of a large English council's person index, with
 * known truth, for the matching benchmark.
 *
 * Households of mixed origins share a surname and an address; children come as siblings and
 * sometimes twins (same date of birth, surname and address, different given names: a share of
 * them look alike, like Amy and Ava); related households (cousins) share the surname and live
 * nearby, and a cousin is sometimes named after the same grandparent. Then a share of people are
 * recorded again, corrupted the ways front-door records go wrong: typos, nicknames, given and
 * family names swapped, day and month swapped, year off by one, date of birth missing, a new
 * postcode, a double-barrelled surname, sex not recorded, NHS number not recorded. The truth is
 * which records are the same person (an entity number per record) and which entities are twins.
 *
 * Given names are drawn for the person's birth year (parents from their generation's names, children
 * from today's) and surname lists have long tails (names.ts): short, cohort-blind lists made namesakes
 * (different people with the same full name) far commoner than in a real index.
 */
import { nicknameGroup, nicknameRelation, nhsCheckDigit, normalisePostcode } from '../../src/people/matching/index.js';
import { CsvWriter } from '../../src/people/csv.js';
import { CLOSE_TWIN_NAMES, ORIGINS, POSTCODE_AREAS, STREETS, STREET_KINDS, olderShare, type Origin } from './names.js';

/** sfc32: small, fast, good enough, and the same on every machine. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  /**
   * Zipf–Mandelbrot: earlier entries are more common, weight 1 / (rank + k). With k = 10 the most
   * common of a long list has ~2% (Smith has ~1.2% of Britain), not the 10%+ of plain Zipf.
   */
  zipf<T>(xs: readonly T[], k = 10): T {
    let table = zipfTables.get(xs);
    if (!table) {
      const weights = xs.map((_, i) => 1 / (i + 1 + k));
      const total = weights.reduce((x, y) => x + y, 0);
      let acc = 0;
      table = weights.map((x) => (acc += x / total));
      zipfTables.set(xs, table);
    }
    const r = this.next();
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return xs[lo]!;
  }
}
const zipfTables = new Map<readonly unknown[], number[]>();

export interface PersonRecord {
  given: string;
  family: string;
  /** ISO date or null. */
  dob: string | null;
  sex: 'M' | 'F' | 'U';
  postcode: string | null;
  address: string;
  nhs: string | null;
}

export interface BenchQuery {
  entity: number;
  given: string | null;
  family: string | null;
  dob: string | null;
  postcode: string | null;
  nhs: string | null;
  label: string;
}

export interface Population {
  records: number;
  /** The person (entity) each record (by its number in the file, 0-based) belongs to. */
  entityOf: Int32Array;
  /** Entity → its twin's entity. */
  twinOf: Map<number, number>;
  /** Pairs of records that are the same person. */
  truePairs: number;
  /** What was done to each corrupted duplicate record, by record number. */
  labels: Map<number, string>;
  queries: BenchQuery[];
  households: number;
  twinPairs: number;
}

export const sourceIdOf = (record: number) => `S${record}`;
export const recordOf = (sourceId: string) => Number(sourceId.slice(1));

interface Unit {
  postcode: string;
  district: string;
  street: string;
}

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function makeUnits(rng: Random, count: number): { units: Unit[]; byDistrict: Map<string, Unit[]> } {
  const units: Unit[] = [];
  const byDistrict = new Map<string, Unit[]>();
  const seen = new Set<string>();
  const areaWeights = POSTCODE_AREAS.map(([, n]) => n);
  const totalWeight = areaWeights.reduce((a, b) => a + b, 0);
  while (units.length < count) {
    let r = rng.next() * totalWeight;
    let i = 0;
    while (r > areaWeights[i]!) r -= areaWeights[i++]!;
    const [area, districts] = POSTCODE_AREAS[i]!;
    const district = `${area}${rng.between(1, districts)}`;
    const pc = normalisePostcode(`${district} ${rng.int(10)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`);
    if (!pc || seen.has(pc)) continue;
    seen.add(pc);
    const unit = { postcode: pc, district, street: `${rng.pick(STREETS)} ${rng.pick(STREET_KINDS)}` };
    units.push(unit);
    const list = byDistrict.get(district);
    if (list) list.push(unit);
    else byDistrict.set(district, [unit]);
  }
  return { units, byDistrict };
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validIso(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function randomDate(rng: Random, fromYear: number, toYear: number): string {
  const y = rng.between(fromYear, toYear);
  const m = rng.between(1, 12);
  const d = rng.between(1, [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);
  return isoDate(y, m, d);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typing slip, not on the first letter: substitute, delete, insert or transpose. */
export function typo(rng: Random, name: string): string {
  if (name.length < 4) return name + rng.pick([...'aeiy']);
  const chars = [...name];
  const i = rng.between(1, chars.length - 1);
  switch (rng.int(4)) {
    case 0:
      chars[i] = rng.pick([...LETTERS]);
      break;
    case 1:
      chars.splice(i, 1);
      break;
    case 2:
      chars.splice(i, 0, rng.pick([...LETTERS]));
      break;
    default:
      if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      else chars[i] = rng.pick([...LETTERS]);
  }
  const out = chars.join('');
  return out.toLowerCase() === name.toLowerCase() ? name + 'e' : out;
}

type Corruption = 'typoGiven' | 'typoFamily' | 'nickname' | 'swapNames' | 'dayMonthSwapped' | 'yearOffByOne' | 'dobMissing' | 'dobTypo' | 'newPostcode' | 'doubleBarrelled' | 'noPostcode' | 'sexUnknown' | 'noNhs';

const DUPLICATE_CORRUPTIONS: Array<[Corruption, number]> = [
  ['typoGiven', 12], ['typoFamily', 12], ['nickname', 12], ['swapNames', 5], ['dayMonthSwapped', 6], ['yearOffByOne', 6], ['dobMissing', 8],
  ['dobTypo', 6], ['newPostcode', 14], ['doubleBarrelled', 5], ['noPostcode', 6], ['sexUnknown', 4], ['noNhs', 4],
];
const QUERY_CORRUPTIONS: Array<[Corruption, number]> = [
  ['typoGiven', 12], ['typoFamily', 12], ['nickname', 12], ['swapNames', 4], ['dayMonthSwapped', 6], ['yearOffByOne', 6], ['dobMissing', 6],
  ['dobTypo', 6], ['newPostcode', 14], ['doubleBarrelled', 5], ['noPostcode', 10],
];

function weighted<T>(rng: Random, options: ReadonlyArray<[T, number]>): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of options) if ((r -= w) < 0) return v;
  return options[options.length - 1]![0];
}

export class Generator {
  private readonly rng: Random;
  private units!: { units: Unit[]; byDistrict: Map<string, Unit[]> };
  private nhsCounter = 1;
  /** Given name → the given names of twins of people with that name (so nicknames do not collide). */
  private readonly twinNames = new Map<string, string[]>();

  constructor(seed: number) {
    this.rng = new Random(seed);
  }

  private nhsNumber(): string {
    for (;;) {
      const n = this.nhsCounter++;
      const body = String(400_000_000 + ((n * 7919 + 12_345_679) % 600_000_000)).padStart(9, '0');
      const check = nhsCheckDigit(body);
      if (check !== null) return body + String(check);
    }
  }

  private origin(): Origin {
    return weighted(this.rng, ORIGINS.map((o) => [o, o.share] as [Origin, number]));
  }

  /**
   * The given names for someone born in `year`: the origin's older list for the parents' generation,
   * today's for children, either around the change (olderShare). Names are a matter of fashion, so
   * a mother born in 1975 is far likelier to be Claire than Olivia.
   */
  private givenNames(origin: Origin, sex: 'M' | 'F', year: number): readonly string[] {
    const older = sex === 'M' ? origin.olderBoys : origin.olderGirls;
    const share = olderShare(year);
    if (older && (share >= 1 || (share > 0 && this.rng.chance(share)))) return older;
    return sex === 'M' ? origin.boys : origin.girls;
  }

  /** A given name from `list` that is not, and is no other form of, a name already in the family (no Aisha and Ayesha). */
  private given(list: readonly string[], avoid: ReadonlySet<string>): string {
    const free = (name: string) => !avoid.has(name) && ![...avoid].some((other) => nicknameRelation(name, other) !== null);
    for (let i = 0; i < 20; i++) {
      const name = this.rng.zipf(list, 15);
      if (free(name)) return name;
    }
    return this.rng.pick(list.filter(free)) ?? list[0]!;
  }

  corrupt(record: PersonRecord, kind: Corruption): { record: PersonRecord; label: Corruption | null } {
    const r = { ...record };
    const rng = this.rng;
    switch (kind) {
      case 'typoGiven':
        if (!r.given) return { record: r, label: null };
        r.given = typo(rng, r.given);
        break;
      case 'typoFamily':
        if (!r.family) return { record: r, label: null };
        r.family = typo(rng, r.family);
        break;
      case 'nickname': {
        const first = r.given.split(' ')[0] ?? '';
        // Families do not call twins by the same short name (Em for both Emma and Emily).
        const taken = new Set((this.twinNames.get(first) ?? []).flatMap((t) => [t, ...nicknameGroup(t)]).map((n) => n.toLowerCase()));
        const others = nicknameGroup(first).filter((n) => n.toLowerCase() !== first.toLowerCase() && !taken.has(n.toLowerCase()));
        if (others.length === 0) return { record: r, label: null };
        r.given = rng.pick(others);
        break;
      }
      case 'swapNames':
        [r.given, r.family] = [r.family, r.given];
        break;
      case 'dayMonthSwapped': {
        if (!r.dob) return { record: r, label: null };
        const [y, m, d] = r.dob.split('-') as [string, string, string];
        if (Number(d) > 12 || d === m) return this.corrupt(record, 'yearOffByOne');
        r.dob = `${y}-${d}-${m}`;
        break;
      }
      case 'yearOffByOne': {
        if (!r.dob) return { record: r, label: null };
        const [y, m, d] = r.dob.split('-') as [string, string, string];
        const shifted = `${Number(y) + (rng.chance(0.5) ? 1 : -1)}-${m}-${d}`;
        if (!validIso(shifted)) return { record: r, label: null };
        r.dob = shifted;
        break;
      }
      case 'dobMissing':
        if (!r.dob) return { record: r, label: null };
        r.dob = null;
        break;
      case 'dobTypo': {
        if (!r.dob) return { record: r, label: null };
        const [y, m, d] = r.dob.split('-') as [string, string, string];
        const day = `${d[0]}${(Number(d[1]) + rng.between(1, 8)) % 10}`;
        const changed = `${y}-${m}-${day}`;
        if (!validIso(changed) || changed === r.dob) return { record: r, label: null };
        r.dob = changed;
        break;
      }
      case 'newPostcode': {
        const unit = rng.pick(this.units.units);
        r.postcode = unit.postcode;
        r.address = `${rng.between(1, 150)} ${unit.street}`;
        break;
      }
      case 'doubleBarrelled': {
        if (!r.family) return { record: r, label: null };
        if (r.family.includes('-')) r.family = r.family.split('-')[0]!;
        else r.family = rng.chance(0.5) ? `${r.family}-${rng.zipf(this.origin().surnames)}` : `${rng.zipf(this.origin().surnames)}-${r.family}`;
        break;
      }
      case 'noPostcode':
        if (!r.postcode) return { record: r, label: null };
        r.postcode = null;
        r.address = '';
        break;
      case 'sexUnknown':
        if (r.sex === 'U') return { record: r, label: null };
        r.sex = 'U';
        break;
      case 'noNhs':
        if (!r.nhs) return { record: r, label: null };
        r.nhs = null;
        break;
    }
    return { record: r, label: kind };
  }

  /** One or two corruptions (a few records are recorded again unchanged but for the NHS number). */
  private corrupted(record: PersonRecord, options: ReadonlyArray<[Corruption, number]>, twoShare: number, noneShare = 0): { record: PersonRecord; label: string } {
    if (this.rng.chance(noneShare)) return { record: { ...record }, label: 'exact' };
    const n = this.rng.chance(twoShare) ? 2 : 1;
    let out = record;
    const labels: string[] = [];
    for (let i = 0; i < n * 3 && labels.length < n; i++) {
      const kind = weighted(this.rng, options);
      if (labels.includes(kind)) continue;
      const c = this.corrupt(out, kind);
      if (c.label) {
        out = c.record;
        labels.push(c.label);
      }
    }
    return { record: out, label: labels.join('+') || 'exact' };
  }

  /**
   * Writes `size` records to a CSV file with the import's own column names, and returns the truth.
   * `queries` people are drawn at random (reservoir sampling) for front-door searches.
   */
  async writeCsv(file: string, size: number, queryCount: number): Promise<Population> {
    const rng = this.rng;
    this.units = makeUnits(rng, Math.max(200, Math.round(size / 12)));
    const out = new CsvWriter(file);
    await out.write(['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'postcode', 'address', 'nhs_number']);
    const entityOf = new Int32Array(size);
    const twinOf = new Map<number, number>();
    const labels = new Map<number, string>();
    const sample: Array<{ entity: number; record: PersonRecord }> = [];
    let records = 0;
    let entities = 0;
    let truePairs = 0;
    let households = 0;
    let twinPairs = 0;

    const emit = async (entity: number, r: PersonRecord) => {
      if (records >= size) return;
      const dob = r.dob === null ? '' : rng.chance(0.3) ? `${r.dob.slice(8, 10)}/${r.dob.slice(5, 7)}/${r.dob.slice(0, 4)}` : r.dob;
      await out.write([sourceIdOf(records), r.given, r.family, dob, r.sex, r.postcode ?? '', r.address, r.nhs ?? '']);
      entityOf[records] = entity;
      records++;
    };

    const person = async (r: PersonRecord): Promise<number> => {
      const entity = entities++;
      // Reservoir sample of people to search for.
      if (sample.length < queryCount) sample.push({ entity, record: r });
      else {
        const j = rng.int(entity + 1);
        if (j < queryCount) sample[j] = { entity, record: r };
      }
      await emit(entity, r);
      // Recorded again, differently: ~5% once, ~0.5% twice.
      const copies = rng.chance(0.05) ? (rng.chance(0.1) ? 2 : 1) : 0;
      const recordsOfEntity = [records - 1];
      for (let c = 0; c < copies && records < size; c++) {
        const dup = this.corrupted(r, DUPLICATE_CORRUPTIONS, 0.35);
        if (r.nhs && dup.record.nhs && rng.chance(0.6)) dup.record.nhs = null; // most second records lack the number
        labels.set(records, dup.label);
        await emit(entity, dup.record);
        recordsOfEntity.push(records - 1);
      }
      truePairs += (recordsOfEntity.length * (recordsOfEntity.length - 1)) / 2;
      return entity;
    };

    const markTwins = (a: number, b: number) => {
      twinOf.set(a, b);
      twinOf.set(b, a);
      twinPairs++;
    };
    while (records < size) {
      households++;
      const origin = this.origin();
      const family = rng.zipf(origin.surnames);
      const unit = rng.pick(this.units.units);
      const house = rng.between(1, 150);
      const childNames = await this.household(origin, family, unit, house, person, markTwins, []);
      // A related household nearby (the father's brother): cousins share the surname.
      if (rng.chance(0.12) && records < size) {
        households++;
        const near = (this.units.byDistrict.get(unit.district) ?? []).filter((u) => u !== unit);
        await this.household(origin, family, near.length ? rng.pick(near) : rng.pick(this.units.units), rng.between(1, 150), person, markTwins, childNames);
      }
    }
    await out.close();

    const queries = sample.map(({ entity, record }): BenchQuery => {
      const q = this.corrupted(record, QUERY_CORRUPTIONS, 0.25, 0.05);
      return {
        entity,
        given: q.record.given || null,
        family: q.record.family || null,
        dob: q.record.dob,
        postcode: q.record.postcode,
        nhs: rng.chance(0.1) ? q.record.nhs : null,
        label: q.label,
      };
    });
    return { records, entityOf, twinOf, truePairs, labels, queries, households, twinPairs };
  }

  private async household(
    origin: Origin,
    family: string,
    unit: Unit,
    house: number,
    person: (r: PersonRecord) => Promise<number>,
    twins: (a: number, b: number) => void,
    inherited: readonly string[],
  ): Promise<string[]> {
    const rng = this.rng;
    const address = `${house} ${unit.street}`;
    const base = { postcode: unit.postcode, address };
    const sexOrU = (s: 'M' | 'F'): 'M' | 'F' | 'U' => (rng.chance(0.02) ? 'U' : s);
    const twoParents = rng.chance(0.7);
    const motherOrigin = rng.chance(0.1) ? this.origin() : origin;
    const motherFamily = rng.chance(0.75) ? family : rng.zipf(motherOrigin.surnames);
    const parentYear = rng.between(1965, 2000);
    const names = new Set<string>();
    const yearOf = (dob: string) => Number(dob.slice(0, 4));
    if (twoParents) {
      // The date of birth first: the name depends on it.
      const dob = randomDate(rng, parentYear - 3, parentYear);
      const g = this.given(this.givenNames(origin, 'M', yearOf(dob)), names);
      names.add(g);
      await person({ given: g, family, dob, sex: sexOrU('M'), nhs: rng.chance(0.3) ? this.nhsNumber() : null, ...base });
    }
    const motherDob = randomDate(rng, parentYear, parentYear + 2);
    const mg = this.given(this.givenNames(motherOrigin, 'F', yearOf(motherDob)), names);
    names.add(mg);
    await person({ given: mg, family: twoParents ? motherFamily : family, dob: motherDob, sex: sexOrU('F'), nhs: rng.chance(0.3) ? this.nhsNumber() : null, ...base });

    const children = weighted(rng, [[0, 15], [1, 25], [2, 30], [3, 18], [4, 12]] as Array<[number, number]>);
    const childFamily = twoParents && motherFamily !== family && rng.chance(0.2) ? `${family}-${motherFamily}` : family;
    // The first child's year follows the parents' (older families' children are adults now). It used to be
    // clamped up to 2005, which put about a third of all first children on that one birth year.
    let year = Math.min(2024, parentYear + rng.between(20, 32));
    const childNames: string[] = [];
    for (let c = 0; c < children && year <= 2024; c++) {
      const dob = randomDate(rng, year, year);
      const nhs = () => (rng.chance(0.5) ? this.nhsNumber() : null);
      if (rng.chance(0.03)) {
        // Twins: same date of birth, surname and address; a third of them with look-alike names.
        let pair: [{ given: string; sex: 'M' | 'F' }, { given: string; sex: 'M' | 'F' }];
        if (rng.chance(0.33)) {
          const close = rng.pick(CLOSE_TWIN_NAMES);
          pair = [{ given: close.names[0], sex: close.sex }, { given: close.names[1], sex: close.sex }];
        } else {
          const s1: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
          const s2: 'M' | 'F' = rng.chance(0.6) ? s1 : s1 === 'M' ? 'F' : 'M';
          const g1 = this.given(this.givenNames(origin, s1, year), names);
          names.add(g1);
          const g2 = this.given(this.givenNames(origin, s2, year), names);
          pair = [{ given: g1, sex: s1 }, { given: g2, sex: s2 }];
        }
        names.add(pair[0].given);
        names.add(pair[1].given);
        for (const [x, y] of [[pair[0].given, pair[1].given], [pair[1].given, pair[0].given]] as const) {
          const list = this.twinNames.get(x);
          if (!list) this.twinNames.set(x, [y]);
          else if (!list.includes(y)) list.push(y);
        }
        const a = await person({ given: pair[0].given, family: childFamily, dob, sex: sexOrU(pair[0].sex), nhs: nhs(), ...base });
        const b = await person({ given: pair[1].given, family: childFamily, dob, sex: sexOrU(pair[1].sex), nhs: nhs(), ...base });
        twins(a, b);
        c++;
      } else {
        const sex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
        const list = this.givenNames(origin, sex, year);
        // Now and then a cousin is named after the same grandparent.
        const shared = inherited.find((n) => list.includes(n) && !names.has(n));
        const given = shared && rng.chance(0.05) ? shared : this.given(list, names);
        names.add(given);
        childNames.push(given);
        await person({ given, family: childFamily, dob, sex: sexOrU(sex), nhs: nhs(), ...base });
      }
      year += rng.between(1, 4);
    }
    return childNames;
  }
}
