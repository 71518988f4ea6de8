/**
 * Guards against linking two different children.
 *
 * Fellegi–Sunter adds up field weights as if the fields were independent. Within a family they are
 * not: twins share a family name, an address and a date of birth, siblings and cousins share the
 * first two, so the sum credits a twin with ~32 bits of agreement that really are one fact ("same
 * household"). No single weight for "different given name" can undo that without also burying
 * genuine matches found by name and date of birth alone. So, after scoring, these rules hold a
 * pair below a threshold when the evidence that tells family members apart disagrees. Each guard
 * says why, in words a worker can act on.
 *
 * An agreeing NHS number or UPN lifts the sibling rules from "hide" to "check": filing errors
 * between twins happen, so even then the pair is not offered as likely.
 */
import type { ComparisonVector } from './compare.js';

export type GuardRule = 'identifierConflict' | 'differentGivenNames' | 'possibleTwin' | 'differentSex' | 'differentDateOfBirth';

export interface Guard {
  readonly rule: GuardRule;
  readonly reason: string;
  /** The pair is held below this threshold. */
  readonly holdsBelow: 'possible' | 'autoSuggest';
}

export function guardsFor(v: ComparisonVector): Guard[] {
  const guards: Guard[] = [];
  const identifierAgrees = v.nhsNumber.level === 'same' || v.upn.level === 'same';
  const siblingCeiling = identifierAgrees ? 'autoSuggest' : 'possible';
  const given = v.givenName.level;
  const familyAgrees = v.familyName.level === 'exact' || v.familyName.level === 'part' || v.familyName.level === 'similar';

  if (v.nhsNumber.level === 'different') {
    guards.push(
      v.upn.level === 'same'
        ? { rule: 'identifierConflict', reason: 'NHS numbers differ although the UPNs agree: check', holdsBelow: 'autoSuggest' }
        : { rule: 'identifierConflict', reason: 'different NHS numbers: not the same child', holdsBelow: 'possible' },
    );
  }
  if (v.upn.level === 'different' && v.nhsNumber.level !== 'same') {
    guards.push({ rule: 'identifierConflict', reason: 'different UPNs: check before linking', holdsBelow: 'autoSuggest' });
  }
  if (given === 'different' || given === 'weak') {
    guards.push({ rule: 'differentGivenNames', reason: 'different given names: could be a brother, sister or twin', holdsBelow: siblingCeiling });
  }
  // Same family, same birthday, names that only partly agree: exactly what twins look like.
  const partlyAgrees = given === 'similar' || given === 'sharedNickname' || given === 'partial' || given === 'initial';
  if (partlyAgrees && familyAgrees && v.dateOfBirth.level === 'exact' && !identifierAgrees) {
    guards.push({ rule: 'possibleTwin', reason: 'same date of birth and given names only partly agree: could be a twin', holdsBelow: 'autoSuggest' });
  }
  if (v.sex.level === 'different') {
    guards.push(
      given === 'exact' || identifierAgrees
        ? { rule: 'differentSex', reason: 'different sex recorded: check', holdsBelow: 'autoSuggest' }
        : { rule: 'differentSex', reason: 'different sex and given name: could be a brother or sister', holdsBelow: 'possible' },
    );
  }
  if (v.dateOfBirth.level === 'different' && !identifierAgrees) {
    guards.push({ rule: 'differentDateOfBirth', reason: 'different date of birth: check before linking', holdsBelow: 'autoSuggest' });
  }
  return guards;
}
