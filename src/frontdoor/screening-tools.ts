/**
 * Screening tools used at the front door and by practitioners: a child exploitation screening tool
 * (sexual and criminal exploitation indicators → low / medium / high) and a domestic abuse risk
 * checklist in the style of DASH (27 yes / no / not known questions → standard / medium / high).
 *
 * The questions are data, so the forms, the scoring and the stored answers all read the same list.
 * The wording is our own summary of what such tools commonly ask, not a copy of any published tool.
 * A tool is an aid to professional judgement, never a substitute: a practitioner may always raise
 * the level to high, with a recorded reason. Nothing here lowers a level.
 * Plain functions, free of HTTP and SQL.
 */

export const SCREENING_TOOLS = {
  exploitation: 'Child exploitation screening',
  domestic_abuse: 'Domestic abuse risk checklist',
} as const;
export type ScreeningTool = keyof typeof SCREENING_TOOLS;

/** The URL segment of each tool (/people/:id/screening/<segment>/new). */
export const TOOL_SLUGS: Record<ScreeningTool, string> = { exploitation: 'exploitation', domestic_abuse: 'domestic-abuse' };
export const toolFromSlug = (slug: string): ScreeningTool | null =>
  (Object.keys(TOOL_SLUGS) as ScreeningTool[]).find((t) => TOOL_SLUGS[t] === slug) ?? null;

export const EXPLOITATION_LEVELS = { low: 'Low', medium: 'Medium', high: 'High' } as const;
export const DASH_LEVELS = { standard: 'Standard', medium: 'Medium', high: 'High' } as const;
export type ExploitationLevel = keyof typeof EXPLOITATION_LEVELS;
export type DashLevel = keyof typeof DASH_LEVELS;
export type ScreeningLevel = ExploitationLevel | DashLevel;

/** Label of a stored level for a tool ("High"), whatever the tool. */
export function levelLabel(tool: ScreeningTool, level: string): string {
  const labels: Record<string, string> = tool === 'exploitation' ? EXPLOITATION_LEVELS : DASH_LEVELS;
  return labels[level] ?? level;
}

/** Which end of the scale a level is, for colouring tags the same way across both tools. */
export function levelSeverity(level: string): 'high' | 'medium' | 'low' {
  return level === 'high' ? 'high' : level === 'medium' ? 'medium' : 'low';
}

// ---- child exploitation --------------------------------------------------------------------------

export const EXPLOITATION_GROUPS = {
  either: 'Signs of either kind of exploitation',
  sexual: 'Signs of sexual exploitation',
  criminal: 'Signs of criminal exploitation (including county lines)',
} as const;
export type ExploitationGroup = keyof typeof EXPLOITATION_GROUPS;

export interface ExploitationIndicator {
  key: string;
  group: ExploitationGroup;
  text: string;
  /** How much the indicator adds to the score (1 a general warning sign, 3 a strong sign). */
  weight: number;
  /** Present on its own, this indicator makes the level high whatever the score. */
  aloneHigh?: boolean;
}

export const EXPLOITATION_INDICATORS: readonly ExploitationIndicator[] = [
  { key: 'missing_home', group: 'either', weight: 3, text: 'Has gone missing from home or care, or come back late without explanation, in the last three months' },
  { key: 'missing_school', group: 'either', weight: 2, text: 'Is missing from school or college, or attendance has dropped sharply' },
  { key: 'gifts_money', group: 'either', weight: 2, text: 'Has money, gifts, clothes, phone credit or other items they cannot account for' },
  { key: 'new_phones', group: 'either', weight: 2, text: 'Has a new phone or several phones, or is secretive about calls and messages' },
  { key: 'older_associates', group: 'either', weight: 3, text: 'Spends time with older young people or adults who are a cause for concern' },
  { key: 'out_of_area', group: 'either', weight: 3, text: 'Has been found or picked up out of the area, with no good explanation of how they got there' },
  { key: 'substance_misuse', group: 'either', weight: 2, text: 'Uses drugs or alcohol' },
  { key: 'behaviour_change', group: 'either', weight: 1, text: 'Sudden change in mood, behaviour, friendships or appearance' },
  { key: 'unexplained_injuries', group: 'either', weight: 2, text: 'Has injuries they cannot or will not explain' },
  { key: 'trafficked', group: 'either', weight: 3, aloneHigh: true, text: 'Is known or suspected to have been moved from place to place to be exploited (trafficking)' },
  { key: 'sexual_health', group: 'sexual', weight: 3, text: 'Sexual health concerns: repeat infections, pregnancy or termination' },
  { key: 'older_partner', group: 'sexual', weight: 3, text: 'Has a boyfriend or girlfriend who is much older, or is in a relationship with an adult' },
  { key: 'online_images', group: 'sexual', weight: 2, text: 'Sends or is asked for sexual images, or talks online with adults they do not know' },
  { key: 'parties_hotels', group: 'sexual', weight: 3, text: 'Has been at parties, hotels or addresses associated with exploitation' },
  { key: 'sex_exchanged', group: 'sexual', weight: 3, aloneHigh: true, text: 'Is known or suspected to have been sexually abused by an adult, or to have exchanged sexual activity for something (money, drugs, a place to stay)' },
  { key: 'gang_association', group: 'criminal', weight: 3, text: 'Is linked with a gang or with people involved in serious crime' },
  { key: 'drug_running', group: 'criminal', weight: 3, aloneHigh: true, text: 'Is carrying, holding or selling drugs for others, including county lines' },
  { key: 'weapon', group: 'criminal', weight: 3, aloneHigh: true, text: 'Carries, or has access to, a knife or other weapon' },
  { key: 'cash_or_drugs_found', group: 'criminal', weight: 3, text: 'Has been found with large amounts of cash, drugs, or items held for others' },
  { key: 'debt_threats', group: 'criminal', weight: 3, text: 'Owes a “debt” to others, or is being threatened or intimidated' },
  { key: 'police_concerns', group: 'criminal', weight: 2, text: 'Arrested or stopped by police in circumstances that suggest others are using them' },
];

/**
 * Score bands for the exploitation tool (local defaults, in line with the low / medium / high bands
 * common to regional exploitation screening tools): medium from 5 (for example, missing from home
 * plus unexplained gifts), high from 10 (three or four strong signs together).
 */
export const EXPLOITATION_MEDIUM_FROM = 5;
export const EXPLOITATION_HIGH_FROM = 10;

export type IndicatorAnswer = 'yes' | 'no';

export interface ExploitationResult {
  score: number;
  calculatedLevel: ExploitationLevel;
  /** Indicators present that make the level high on their own. */
  aloneHighPresent: string[];
}

export function scoreExploitation(answers: Readonly<Record<string, IndicatorAnswer>>): ExploitationResult {
  const present = EXPLOITATION_INDICATORS.filter((i) => answers[i.key] === 'yes');
  const score = present.reduce((sum, i) => sum + i.weight, 0);
  const aloneHighPresent = present.filter((i) => i.aloneHigh).map((i) => i.key);
  const calculatedLevel: ExploitationLevel = aloneHighPresent.length || score >= EXPLOITATION_HIGH_FROM ? 'high' : score >= EXPLOITATION_MEDIUM_FROM ? 'medium' : 'low';
  return { score, calculatedLevel, aloneHighPresent };
}

// ---- domestic abuse (DASH-style) ----------------------------------------------------------------

export const DASH_ANSWERS = { yes: 'Yes', no: 'No', not_known: 'Not known' } as const;
export type DashAnswer = keyof typeof DASH_ANSWERS;

/**
 * The 27 areas a DASH-style risk checklist asks the person harmed about, in our own words.
 * "They" is the person causing harm; "you" is the person being asked.
 */
export const DASH_QUESTIONS: ReadonlyArray<{ key: string; text: string }> = [
  { key: 'injured', text: 'Were you hurt or injured in this incident?' },
  { key: 'frightened', text: 'Are you very scared at the moment?' },
  { key: 'fear_of_harm', text: 'Are you afraid of more violence or of being hurt further (say what you are afraid of)?' },
  { key: 'isolated', text: 'Do you feel cut off from your family or friends, or are they stopping you from seeing them?' },
  { key: 'depressed', text: 'Are you feeling very low, or have you had thoughts of ending your life?' },
  { key: 'separated', text: 'Have you left them, or tried to, in the last year?' },
  { key: 'child_contact', text: 'Is there disagreement or conflict about contact with the children?' },
  { key: 'stalking', text: 'Do they keep contacting, following, watching or harassing you?' },
  { key: 'pregnant', text: 'Are you pregnant, or have you had a baby in the last 18 months?' },
  { key: 'other_children', text: 'Are there children in the household who are not theirs (for example, step-children)?' },
  { key: 'hurt_children', text: 'Have they ever hurt the children or other dependants?' },
  { key: 'threatened_children', text: 'Have they ever threatened to hurt or kill the children or other dependants?' },
  { key: 'more_often', text: 'Is the abuse happening more often than before?' },
  { key: 'getting_worse', text: 'Is the abuse getting worse?' },
  { key: 'controlling', text: 'Do they try to control what you do, or are they extremely jealous?' },
  { key: 'weapons', text: 'Have they ever used a weapon or an object to hurt you?' },
  { key: 'threat_to_kill', text: 'Have they ever threatened to kill you or someone else, and you believed them?' },
  { key: 'strangled', text: 'Have they ever tried to strangle, choke, suffocate or drown you?' },
  { key: 'sexual_abuse', text: 'Do they do or say sexual things that hurt you or make you feel bad, or that hurt someone else?' },
  { key: 'other_threat', text: 'Is anyone else threatening you, or is there anyone else you are afraid of?' },
  { key: 'hurt_others', text: 'Do you know whether they have hurt anyone else (a former partner, other family members, a stranger)?' },
  { key: 'animals', text: 'Have they ever hurt or been cruel to an animal or a pet?' },
  { key: 'money', text: 'Are there money problems, or do they control your money?' },
  { key: 'substances_mental_health', text: 'In the last year, have they had problems with drugs, alcohol or their mental health?' },
  { key: 'suicide_threats', text: 'Have they ever threatened or attempted suicide?' },
  { key: 'broken_orders', text: 'Have they ever broken bail conditions, a court order or another formal agreement?' },
  { key: 'criminal_history', text: 'Do you know whether they have been in trouble with the police or have a criminal record?' },
];

/**
 * The thresholds commonly used with the DASH risk checklist: 14 or more "yes" answers indicates high
 * risk (the usual threshold for a referral to MARAC), 10 to 13 medium, fewer standard. Professional
 * judgement may make the risk high whatever the count.
 */
export const DASH_HIGH_FROM = 14;
export const DASH_MEDIUM_FROM = 10;

export interface DashResult {
  score: number;
  calculatedLevel: DashLevel;
}

export function scoreDash(answers: Readonly<Record<string, DashAnswer>>): DashResult {
  const score = DASH_QUESTIONS.filter((q) => answers[q.key] === 'yes').length;
  const calculatedLevel: DashLevel = score >= DASH_HIGH_FROM ? 'high' : score >= DASH_MEDIUM_FROM ? 'medium' : 'standard';
  return { score, calculatedLevel };
}

// ---- reading a completed form -------------------------------------------------------------------

export interface AssessmentInput {
  tool: ScreeningTool;
  /** The raw form fields: q-<key> for each question or indicator. */
  fields: Readonly<Record<string, unknown>>;
  judgementHigh: boolean;
  judgementReason: string;
  notes: string;
}

export interface Assessment {
  tool: ScreeningTool;
  answers: Record<string, string>;
  score: number;
  calculatedLevel: ScreeningLevel;
  /** The level recorded: the calculated one, or high on professional judgement. */
  level: ScreeningLevel;
  judgementReason: string;
  notes: string;
}

export const MAX_NOTES = 8000;
export const fieldFor = (key: string) => `q-${key}`;

/**
 * Checks a completed tool and scores it. Every DASH question needs an answer (yes, no or not known);
 * exploitation indicators are ticked when present (an unticked one is recorded as "no").
 */
export function assess(input: AssessmentInput): { assessment?: Assessment; errors: Array<{ field: string; text: string }> } {
  const errors: Array<{ field: string; text: string }> = [];
  const answers: Record<string, string> = {};
  let score: number;
  let calculatedLevel: ScreeningLevel;
  if (input.tool === 'exploitation') {
    for (const i of EXPLOITATION_INDICATORS) answers[i.key] = input.fields[fieldFor(i.key)] === 'yes' ? 'yes' : 'no';
    ({ score, calculatedLevel } = scoreExploitation(answers as Record<string, IndicatorAnswer>));
  } else {
    for (const [n, q] of DASH_QUESTIONS.entries()) {
      const v = input.fields[fieldFor(q.key)];
      if (typeof v === 'string' && v in DASH_ANSWERS) answers[q.key] = v;
      else errors.push({ field: fieldFor(q.key), text: `Answer question ${n + 1}: yes, no or not known` });
    }
    ({ score, calculatedLevel } = scoreDash(answers as Record<string, DashAnswer>));
  }
  const reason = input.judgementReason.trim();
  if (input.judgementHigh && !reason) errors.push({ field: 'judgementReason', text: 'Give the reason for making the risk high on professional judgement' });
  if (reason.length > MAX_NOTES) errors.push({ field: 'judgementReason', text: `The reason must be ${MAX_NOTES} characters or fewer` });
  if (input.notes.trim().length > MAX_NOTES) errors.push({ field: 'notes', text: `Notes must be ${MAX_NOTES} characters or fewer` });
  if (errors.length) return { errors };
  return {
    errors,
    assessment: {
      tool: input.tool,
      answers,
      score,
      calculatedLevel,
      level: input.judgementHigh ? 'high' : calculatedLevel,
      // The reason is kept only with the judgement it explains (a reason typed and then un-ticked is dropped).
      judgementReason: input.judgementHigh ? reason : '',
      notes: input.notes.trim(),
    },
  };
}
