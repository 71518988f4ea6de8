/**
 * Turns what a worker types into a structured search: one box ("Bill Smyth 03/02/2015 SW1A 1AA")
 * and/or separate fields. Pure: no database. Dates are read the UK way (day first).
 */
import { nameTokens, nicknameGroup, normalisePostcode, validateNhsNumber, validateUpn } from './matching/index.js';
import { isValidIsoDate } from '../time/index.js';

export interface SearchInput {
  q?: string | undefined;
  givenName?: string | undefined;
  familyName?: string | undefined;
  dateOfBirth?: string | undefined;
  postcode?: string | undefined;
  nhsNumber?: string | undefined;
  upn?: string | undefined;
}

export interface PersonQuery {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  upn: string | null;
}

export class SearchInputError extends Error {
  constructor(
    public readonly field: keyof SearchInput,
    message: string,
  ) {
    super(message);
  }
}

/** 'dd/mm/yyyy', 'd-m-yyyy', 'dd.mm.yyyy', 'yyyy-mm-dd' or 'yyyymmdd' → 'YYYY-MM-DD', or null if not a date. */
export function parseUkDate(text: string): string | null {
  const s = text.trim();
  let y: string | undefined, m: string | undefined, d: string | undefined;
  let match = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(s);
  if (match) [, d, m, y] = match;
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [, y, m, d] = match;
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) [, y, m, d] = match;
  if (!y || !m || !d) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

/** Reads the free-text box, then lets the separate fields override what it found. */
export function buildQuery(input: SearchInput): PersonQuery {
  const query: PersonQuery = { givenName: null, familyName: null, dateOfBirth: null, postcode: null, nhsNumber: null, upn: null };
  let rest = (input.q ?? '').trim();

  if (rest) {
    const pc = POSTCODE_IN_TEXT.exec(rest);
    if (pc) {
      query.postcode = normalisePostcode(`${pc[1]} ${pc[2]}`);
      rest = rest.replace(pc[0], ' ');
    }
    const words: string[] = [];
    for (const raw of rest.split(/[\s,;]+/).filter(Boolean)) {
      const digits = raw.replace(/[\s-]/g, '');
      if (/^\d{10}$/.test(digits) && validateNhsNumber(digits).ok) query.nhsNumber = digits;
      else if (/^[A-Za-z]\d{11}[A-Za-z\d]$/.test(raw) && validateUpn(raw.toUpperCase()).ok) query.upn = raw.toUpperCase();
      else if (parseUkDate(raw)) query.dateOfBirth = parseUkDate(raw);
      else if (/[A-Za-zÀ-ÿ]/.test(raw)) words.push(raw);
    }
    if (words.length === 1) query.familyName = words[0]!;
    else if (words.length > 1) {
      query.givenName = words.slice(0, -1).join(' ');
      query.familyName = words.at(-1)!;
    }
  }

  const given = input.givenName?.trim();
  const family = input.familyName?.trim();
  if (given) query.givenName = given;
  if (family) query.familyName = family;
  if (input.dateOfBirth?.trim()) {
    const iso = parseUkDate(input.dateOfBirth);
    if (!iso) throw new SearchInputError('dateOfBirth', 'Date of birth must be a real date, like 27/3/2015');
    query.dateOfBirth = iso;
  }
  if (input.postcode?.trim()) {
    const pc = normalisePostcode(input.postcode);
    if (!pc) throw new SearchInputError('postcode', 'Enter a real postcode, like SW1A 1AA');
    query.postcode = pc;
  }
  if (input.nhsNumber?.trim()) {
    const v = validateNhsNumber(input.nhsNumber);
    if (!v.ok) throw new SearchInputError('nhsNumber', v.reason);
    query.nhsNumber = v.value;
  }
  if (input.upn?.trim()) {
    const v = validateUpn(input.upn.toUpperCase());
    if (!v.ok) throw new SearchInputError('upn', v.reason);
    query.upn = v.value;
  }
  if (!query.givenName && !query.familyName && !query.dateOfBirth && !query.nhsNumber && !query.upn && !query.postcode) {
    throw new SearchInputError('q', 'Enter a name, date of birth, postcode, NHS number or UPN');
  }
  return query;
}

/** The dates a mistyped date of birth could have been: itself, day and month swapped, a year either side. */
export function dateOfBirthVariants(iso: string | null): string[] {
  if (!iso) return [];
  const [y, m, d] = iso.split('-') as [string, string, string];
  const out = new Set<string>([iso]);
  const swapped = `${y}-${d}-${m}`;
  if (isValidIsoDate(swapped)) out.add(swapped);
  for (const dy of [-1, 1]) {
    const shifted = `${String(Number(y) + dy).padStart(4, '0')}-${m}-${d}`;
    if (isValidIsoDate(shifted)) out.add(shifted);
  }
  return [...out];
}

/** First given-name token and its nickname equivalents, ASCII-folded: the given-name blocking keys. */
export function givenNameKeys(given: string | null): string[] {
  const first = given ? nameTokens(given)[0] : undefined;
  if (!first) return [];
  const keys = new Set<string>([first]);
  for (const n of nicknameGroup(first)) {
    const k = nameTokens(n)[0];
    if (k) keys.add(k);
  }
  return [...keys];
}
