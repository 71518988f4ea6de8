import type { FieldError } from '../web/forms.js';
import { OUTCOMES, isKey, type Outcome } from './rules.js';
import type { DecisionExtras } from './contacts-service.js';

export const PRIMARY_NEED = {
  N1: 'Abuse or neglect', N2: 'Child’s disability', N3: 'Parental disability or illness', N4: 'Family in acute stress', N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour', N7: 'Low income', N8: 'Absent parenting', N9: 'Cases other than children in need', N0: 'Not stated',
} as const;

const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The outcome, rationale and what each outcome needs (the receiving early help team, the other authority). */
export function readOutcomeForm(body: Record<string, unknown>): { outcome?: Outcome; rationale: string; extras: DecisionExtras; primaryNeedCode: string | null; lateReason: string; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const raw = s(body.outcome);
  const outcome = isKey(OUTCOMES, raw) ? raw : undefined;
  if (!outcome) errors.push({ field: 'outcome', text: 'Select the outcome' });
  const teamId = Number(s(body.earlyHelpTeamId));
  const extras: DecisionExtras = {
    earlyHelpTeamId: outcome === 'early_help' && Number.isInteger(teamId) && teamId > 0 ? teamId : null,
    stepDownAnalysis: outcome === 'early_help' ? s(body.stepDownAnalysis).slice(0, 5000) : '',
    transferAuthority: outcome === 'transfer' ? s(body.transferAuthority).slice(0, 200) : '',
  };
  const need = s(body.primaryNeedCode);
  return { outcome, rationale: s(body.rationale).slice(0, 8000), extras, primaryNeedCode: isKey(PRIMARY_NEED, need) ? need : null, lateReason: s(body.lateReason).slice(0, 2000), errors };
}
