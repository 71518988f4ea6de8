/**
 * Folding names to plain lower-case ASCII. Kept apart from names.ts so that the nickname table can
 * use it while names.ts re-exports the table (no import cycle).
 */

/**
 * Letters that Unicode decomposition (NFKD) does not reduce to an ASCII base letter, with their
 * usual English transliteration. Keys are lower case: we lower-case first.
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i', // Turkish dotless i (İ lower-cases to i + combining dot, which NFKD handles)
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  ĸ: 'k',
  ɨ: 'i',
  ƒ: 'f',
};

const APOSTROPHES = /[\u2018\u2019\u02BC\u02BB\u02B9\u0060\u00B4\u2032]/g;
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D]/g;

/**
 * Transliterate a name to lower-case ASCII for phonetic keys and string comparison: diacritics are
 * stripped ("Zoë" → "zoe", "Şükrü" → "sukru"), letters without an ASCII base are spelled out
 * ("Strauß" → "strauss", "Łukasz" → "lukasz", "Þór" → "thor"), typographic apostrophes and
 * dashes become ' and -, anything else that is not a letter becomes a space, and spaces are
 * collapsed. Letters of other scripts (Arabic, Cyrillic…) are dropped: records in this system are
 * kept in Latin script, and a blank key compares as "not recorded" rather than as a mismatch.
 */
export function toAscii(name: string): string {
  const lower = name.toLowerCase();
  let spelled = '';
  for (const ch of lower) spelled += SPECIAL_LETTERS[ch] ?? ch;
  return spelled
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .replace(/[^a-z'\- ]+/g, ' ')
    .replace(/\s*-[\s-]*/g, '-') // "Smith - Jones", "Smith--Jones" → "smith-jones"
    .replace(/'+/g, "'")
    .split(/\s+/)
    .map((word) => word.replace(/^['-]+|['-]+$/g, ''))
    .filter((word) => word.length > 0)
    .join(' ');
}
