/**
 * Early help rules: closing an episode and stepping a case back up to the front door.
 * Plain functions, free of HTTP and SQL.
 */
import { CONSENT, PARENTS_AWARE, consentErrors, isKey, type Consent } from '../frontdoor/rules.js';

export const EPISODE_STATUS = {
  open: 'Open',
  closed: 'Closed',
  stepped_up: 'Stepped up to the front door',
} as const;
export type EpisodeStatus = keyof typeof EPISODE_STATUS;

/** How the front door receives a step-up: the worker brings it in person, or sends it by email. */
export const STEP_UP_METHODS = { email: 'Email to the front door', in_person: 'In person (or by phone) to the front door' } as const;
export type StepUpMethod = keyof typeof STEP_UP_METHODS;

/** DfE ReferralSource for a contact from the council's own early help service. */
export const STEP_UP_SOURCE = '5D';

export const MAX_TEXT = 8000;

type Errors = Array<{ field: string; text: string }>;

export interface CloseInput {
  startedOn: string;
  endedOn: string;
  reason: string;
  today: string;
}

/** An episode closes on a real date between its start and today, with the reason it ended. */
export function closeErrors(input: CloseInput): Errors {
  const errors: Errors = [];
  if (input.endedOn < input.startedOn) errors.push({ field: 'endedOn', text: 'The date the episode ended must be on or after the date it started' });
  else if (input.endedOn > input.today) errors.push({ field: 'endedOn', text: 'The date the episode ended must be today or in the past' });
  if (!input.reason.trim()) errors.push({ field: 'reason', text: 'Enter why the episode is ending, for example the family’s needs have been met' });
  else if (input.reason.length > MAX_TEXT) errors.push({ field: 'reason', text: `The reason must be ${MAX_TEXT} characters or fewer` });
  return errors;
}

export interface StepUpInput {
  method: string;
  whatChanged: string;
  worries: string;
  earlyHelpActions: string;
  childViews: string;
  parentsAware: string;
  consent: string;
  consentOverrideReason: string;
}

/**
 * What the front door needs from early help to decide quickly: what has changed, the worries, what
 * early help has already done, the child's views, and whether parents know and agree (a step-up
 * without consent needs the reason, as any contact does).
 */
export function stepUpErrors(input: StepUpInput): Errors {
  const errors: Errors = [];
  if (!isKey(STEP_UP_METHODS, input.method)) errors.push({ field: 'method', text: 'Select how you are passing this to the front door' });
  const required: Array<[keyof StepUpInput, string]> = [
    ['whatChanged', 'Enter what has changed and why the risk has risen'],
    ['worries', 'Enter what you are worried will happen to the child'],
    ['earlyHelpActions', 'Enter what early help has done with the family so far'],
    ['childViews', 'Enter the child’s views, or why they could not be gathered'],
  ];
  for (const [field, text] of required) {
    const v = input[field].trim();
    if (!v) errors.push({ field, text });
    else if (v.length > MAX_TEXT) errors.push({ field, text: `Must be ${MAX_TEXT} characters or fewer` });
  }
  if (!isKey(PARENTS_AWARE, input.parentsAware)) errors.push({ field: 'parentsAware', text: 'Select whether the parents know about this step-up' });
  if (!isKey(CONSENT, input.consent)) errors.push({ field: 'consent', text: 'Select whether the parents agree to the step-up' });
  else errors.push(...consentErrors(input.consent as Consent, input.consentOverrideReason));
  return errors;
}
