/**
 * Identifiers a child may carry: NHS number, unique pupil number (UPN) and postcode. Each
 * validator normalises what a person typed and says in plain words what is wrong with it.
 *
 * A number that fails its check digit is not trusted for matching: two records that share a
 * mistyped number are not evidence of anything, and a typo in one would look like a conflict.
 */

export type Validation = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

// ---------------------------------------------------------------------------------------------
// NHS number: 10 digits, the 10th a modulus 11 check digit over the first 9 (weights 10 down to 2).
// ---------------------------------------------------------------------------------------------

/** The check digit for the first 9 digits of an NHS number, or null if no valid number starts so. */
export function nhsCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) throw new RangeError('nhsCheckDigit needs exactly 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null; // such numbers are never issued
  return check;
}

export function validateNhsNumber(input: string): Validation {
  const digits = input.trim().replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return { ok: false, reason: 'NHS number must be 10 digits' };
  // All-same-digit numbers pass the modulus check (0000000000, 1111111111…) but are never
  // issued: they are typed as placeholders, and two placeholders must not look like one child.
  if (/^(\d)\1{9}$/.test(digits) || nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return { ok: false, reason: 'NHS number is not valid: check the digits' };
  }
  return { ok: true, value: digits };
}

// ---------------------------------------------------------------------------------------------
// Unique pupil number (DfE): check letter + 3-digit LA number + 4-digit establishment number +
// 2-digit year of allocation + 3-digit serial. A temporary UPN has a letter as character 13.
// Reasons use the DfE's own wording (CIN census rules 1510-1550), which data teams know.
// ---------------------------------------------------------------------------------------------

/** The 23 letters used for check letters and temporary UPNs: no I, O or S (they look like 1, 0, 5). */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** Rule 1530's list of LA numbers, as ranges. */
const LA_CODE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 5], [201, 213], [301, 320], [330, 336], [340, 344], [350, 359], [370, 373], [380, 384], [390, 394], [420, 420],
  [660, 681], [701, 708], [800, 803], [805, 808], [810, 813], [815, 816], [820, 823], [825, 826], [830, 831],
  [835, 841], [845, 846], [850, 852], [855, 857], [860, 861], [865, 896], [908, 909], [916, 916], [919, 919],
  [921, 921], [925, 926], [928, 929], [931, 931], [933, 933], [935, 938], [940, 943],
];

export const LA_CODES: ReadonlySet<string> = new Set(
  LA_CODE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(3, '0'))),
);

export function isLaCode(code: string): boolean {
  return LA_CODES.has(code);
}

/**
 * The check letter for characters 2 to 13 of a UPN (rule 1510): each character times its position
 * (2 to 13), summed, modulo 23, as a letter of ABCDEFGHJKLMNPQRTUVWXYZ (0 = A … 22 = Z). A letter in
 * position 13 (temporary UPN) counts as its place in the same alphabet (A = 0 … Z = 22).
 */
export function upnCheckLetter(chars2to13: string): string {
  if (!/^\d{11}[\dABCDEFGHJKLMNPQRTUVWXYZ]$/.test(chars2to13)) {
    throw new RangeError('upnCheckLetter needs 11 digits then a digit or a UPN letter');
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = chars2to13[i]!;
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23]!;
}

export function isTemporaryUpn(upn: string): boolean {
  return /^[A-Z]\d{11}[A-Z]$/.test(upn.trim().toUpperCase());
}

/** Validate a UPN. `rule` is the CIN census validation rule the UPN breaks, where there is one. */
export function validateUpn(input: string): Validation & { readonly rule?: '1510' | '1530' | '1540' | '1550' } {
  const upn = input.trim().replace(/\s/g, '').toUpperCase();
  if (upn.length !== 13) return { ok: false, reason: 'UPN must be 13 characters' };
  if (!/^\d{3}$/.test(upn.slice(1, 4)) || !isLaCode(upn.slice(1, 4))) {
    return { ok: false, reason: 'UPN invalid (characters 2-4 not a recognised LA code)', rule: '1530' };
  }
  if (!/^\d{8}$/.test(upn.slice(4, 12))) {
    return { ok: false, reason: 'UPN invalid (characters 5-12 not all numeric)', rule: '1540' };
  }
  if (!/^[\dABCDEFGHJKLMNPQRTUVWXYZ]$/.test(upn[12]!)) {
    return { ok: false, reason: 'UPN invalid (character 13 not a recognised value)', rule: '1550' };
  }
  if (upn[0] !== upnCheckLetter(upn.slice(1))) {
    return { ok: false, reason: 'UPN invalid (wrong check letter at character 1)', rule: '1510' };
  }
  return { ok: true, value: upn };
}

/**
 * Build a UPN with its check letter, for tests and demo data. `serial` is 3 digits, or 2 digits
 * and a letter for a temporary UPN ("01A"). Numbers are zero-padded. The LA number is not checked
 * against the list, so tests can build a UPN that fails only rule 1530.
 */
export function makeUpn(la: string | number, establishment: string | number, year: string | number, serial: string | number): string {
  const pad = (v: string | number, n: number) => String(v).padStart(n, '0');
  const body = `${pad(la, 3)}${pad(establishment, 4)}${pad(year, 2)}${pad(serial, 3)}`.toUpperCase();
  if (!/^\d{11}[\dABCDEFGHJKLMNPQRTUVWXYZ]$/.test(body)) {
    throw new RangeError(`makeUpn: cannot build a UPN from ${JSON.stringify([la, establishment, year, serial])}`);
  }
  return upnCheckLetter(body) + body;
}

// ---------------------------------------------------------------------------------------------
// Postcodes (UK format, as Royal Mail allocates them, plus the special GIR 0AA).
// ---------------------------------------------------------------------------------------------

// Outward code: A9, A99, A9A, AA9, AA99, AA9A with the letters each position can take.
const OUTWARD = '(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)';
// Inward code: a digit and two letters, never C, I, K, M, O or V.
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(`^(${OUTWARD}|GIR)(${INWARD})$`);

/** "sw1a1aa", " SW1A  1AA " → "SW1A 1AA"; null if it is not a full UK postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const m = POSTCODE.exec(compact);
  if (!m) return null;
  if (m[1] === 'GIR' && m[2] !== '0AA') return null;
  return `${m[1]} ${m[2]}`;
}

export function validatePostcode(input: string): Validation {
  if (input.trim() === '') return { ok: false, reason: 'Enter a postcode' };
  const value = normalisePostcode(input);
  return value === null ? { ok: false, reason: 'Enter a full UK postcode, like SW1A 1AA' } : { ok: true, value };
}

export interface PostcodeParts {
  readonly area: string; // 'SW'
  readonly district: string; // 'SW1A' (the outward code)
  readonly sector: string; // 'SW1A 1'
  readonly unit: string; // 'SW1A 1AA' (the full postcode: about 15 addresses)
}

export function postcodeParts(input: string): PostcodeParts | null {
  const unit = normalisePostcode(input);
  if (unit === null) return null;
  const [district = '', inward = ''] = unit.split(' ');
  return { area: /^[A-Z]+/.exec(district)![0], district, sector: `${district} ${inward[0]}`, unit };
}
