/**
 * Relationship types. One row says "A is the <type> of B"; reading it from B's side gives the
 * reciprocal ("B is the child of A"), worded by B's sex where English has a word for it.
 */
export const RELATIONSHIP_TYPES = {
  mother: { label: 'Mother', reciprocal: 'child' },
  father: { label: 'Father', reciprocal: 'child' },
  step_parent: { label: 'Step-parent', reciprocal: 'step_child' },
  partner: { label: 'Partner', reciprocal: 'partner' },
  sibling: { label: 'Sibling', reciprocal: 'sibling' },
  half_sibling: { label: 'Half-sibling', reciprocal: 'half_sibling' },
  grandparent: { label: 'Grandparent', reciprocal: 'grandchild' },
  carer: { label: 'Carer', reciprocal: 'cared_for' },
  other: { label: 'Other relationship', reciprocal: 'other' },
} as const;
export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;

const RECIPROCAL_LABELS: Record<string, { M: string; F: string; U: string }> = {
  child: { M: 'Son', F: 'Daughter', U: 'Child' },
  step_child: { M: 'Stepson', F: 'Stepdaughter', U: 'Stepchild' },
  partner: { M: 'Partner', F: 'Partner', U: 'Partner' },
  sibling: { M: 'Brother', F: 'Sister', U: 'Sibling' },
  half_sibling: { M: 'Half-brother', F: 'Half-sister', U: 'Half-sibling' },
  grandchild: { M: 'Grandson', F: 'Granddaughter', U: 'Grandchild' },
  cared_for: { M: 'Cared for by them', F: 'Cared for by them', U: 'Cared for by them' },
  other: { M: 'Other relationship', F: 'Other relationship', U: 'Other relationship' },
};
const FORWARD_BY_SEX: Partial<Record<RelationshipType, { M: string; F: string; U: string }>> = {
  sibling: { M: 'Brother', F: 'Sister', U: 'Sibling' },
  half_sibling: { M: 'Half-brother', F: 'Half-sister', U: 'Half-sibling' },
  grandparent: { M: 'Grandfather', F: 'Grandmother', U: 'Grandparent' },
  step_parent: { M: 'Stepfather', F: 'Stepmother', U: 'Step-parent' },
};

export function isRelationshipType(v: string): v is RelationshipType {
  return Object.hasOwn(RELATIONSHIP_TYPES, v);
}

/**
 * How the other person relates to the person whose record is open.
 * row: "from is <type> of to". Viewing `to`'s record, the other person (from) is the <type>.
 * Viewing `from`'s record, the other person (to) is the reciprocal, worded by to's sex.
 */
export function describeRelationship(type: string, viewingFromSide: boolean, otherSex: 'M' | 'F' | 'U'): string {
  if (!isRelationshipType(type)) return 'Related';
  if (!viewingFromSide) return FORWARD_BY_SEX[type]?.[otherSex] ?? RELATIONSHIP_TYPES[type].label;
  return RECIPROCAL_LABELS[RELATIONSHIP_TYPES[type].reciprocal]?.[otherSex] ?? 'Related';
}

/** Parents and their children, for the family diagram: who sits a generation above whom. */
export function generationStep(type: string): number {
  if (type === 'mother' || type === 'father' || type === 'step_parent' || type === 'carer') return -1;
  if (type === 'grandparent') return -2;
  return 0;
}
