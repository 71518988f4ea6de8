/** DfE code lists used on person records (CIN census 2024-25 onwards; see shared/docs/standards.md §1.3). */
export const ETHNICITY_CODES: Record<string, string> = {
  WBRI: 'White British', WIRI: 'White Irish', WIRT: 'Traveller of Irish heritage', WOTH: 'Any other White background', WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean', MWBA: 'White and Black African', MWAS: 'White and Asian', MOTH: 'Any other mixed background',
  AIND: 'Indian', APKN: 'Pakistani', ABAN: 'Bangladeshi', AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean', BAFR: 'Black African', BOTH: 'Any other Black background', CHNE: 'Chinese', OOTH: 'Any other ethnic group',
  REFU: 'Refused', NOBT: 'Information not yet obtained',
};

export const DISABILITY_CODES: Record<string, string> = {
  NONE: 'None', MOB: 'Mobility', HAND: 'Hand function', PC: 'Personal care', INC: 'Incontinence', COMM: 'Communication',
  LD: 'Learning', HEAR: 'Hearing', VIS: 'Vision', BEH: 'Behaviour', CON: 'Consciousness', AUT: 'Autism or Asperger’s', DDA: 'Other (Equality Act)',
};

export const SEX_LABELS: Record<string, string> = { M: 'Male', F: 'Female', U: 'Not known' };

export const WARNING_KINDS: Record<string, string> = {
  risk_to_staff: 'Risk to staff',
  do_not_disclose_address: 'Do not disclose address',
  risk_to_children: 'Risk to children',
  communication_needs: 'Communication needs',
  other: 'Other warning',
};

export const NAME_KINDS: Record<string, string> = { current: 'Current name', previous: 'Previous name', alias: 'Alias', known_as: 'Known as' };

export const MATCH_FIELD_LABELS: Record<string, string> = {
  givenName: 'Given name', familyName: 'Family name', dateOfBirth: 'Date of birth', postcode: 'Postcode', nhsNumber: 'NHS number', upn: 'UPN', sex: 'Sex',
};

/** Age in whole years on a date, for display beside a date of birth (no date of birth: no age). */
export function ageOn(dateOfBirth: string, today: string): number;
export function ageOn(dateOfBirth: string | null, today: string): number | null;
export function ageOn(dateOfBirth: string | null, today: string): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
