/**
 * Signs of Safety rules, pure (no database): the mapping's columns, what a mapping needs before it is final, the
 * bottom-line check, scaling validation, and the scaling trend chart drawn as SVG with the same figures for a table.
 */

export const MAPPING_COLUMNS = {
  harm: { label: 'Harm', group: 'What are we worried about?', hint: 'Past harm to the child, who did it and its impact.' },
  complicating: { label: 'Complicating factors', group: 'What are we worried about?', hint: 'What makes it harder to keep the child safe.' },
  working_well: { label: 'Strengths', group: 'What’s working well?', hint: 'What the family does well for the child.' },
  existing_safety: { label: 'Existing safety', group: 'What’s working well?', hint: 'Times the child was kept safe when the danger was present.' },
  next_steps: { label: 'Next steps', group: 'What needs to happen?', hint: 'What needs to happen next, and who will do it.' },
} as const;
export type MappingColumn = keyof typeof MAPPING_COLUMNS;
export const COLUMN_KEYS = Object.keys(MAPPING_COLUMNS) as MappingColumn[];

export const OWNER_KINDS = {
  episode: 'Children in need episode',
  assessment: 'Assessment',
  cp_plan: 'Child protection plan',
  cin_plan: 'Child in need plan',
  meeting: 'Mapping meeting',
} as const;
export type OwnerKind = keyof typeof OWNER_KINDS;
export const isOwnerKind = (v: unknown): v is OwnerKind => typeof v === 'string' && v in OWNER_KINDS;

export const VOICE_KINDS = { three_houses: 'Three Houses', words_and_pictures: 'Words and Pictures' } as const;
export type VoiceKind = keyof typeof VOICE_KINDS;
/** What a child's voice record can be attached to. */
export const VOICE_OWNERS = { assessment: 'Assessment', s47: 'Section 47 enquiry', visit: 'Visit' } as const;
export type VoiceOwner = keyof typeof VOICE_OWNERS;

export const MEETING_KINDS = { group_supervision: 'Group supervision', mapping_meeting: 'Multi-agency mapping meeting' } as const;
export type MeetingKind = keyof typeof MEETING_KINDS;

/** One item per non-empty line of a textarea (trimmed, bullets and dashes at the start dropped). */
export function linesToItems(text: string, max = 30): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]\s*)/, '').trim())
    .filter(Boolean)
    .slice(0, max);
}

export interface DangerStatementInput {
  whoWorried: string;
  worry: string;
  whatMightHappen: string;
  goal: string;
  sustainedFor: string;
}

export interface BottomLineInput {
  text: string;
  stated: boolean;
  sharedOn: string | null;
}

export interface MappingInput {
  mappedOn: string;
  items: Record<MappingColumn, string[]>;
  dangers: DangerStatementInput[];
  bottomLines: BottomLineInput[];
}

export interface RuleError {
  field: string;
  text: string;
}

/** Checks a mapping as saved (a draft may be incomplete, but what is written must make sense). */
export function validateMappingDraft(input: MappingInput, today: string): RuleError[] {
  const errors: RuleError[] = [];
  if (input.mappedOn > today) errors.push({ field: 'mappedOn', text: 'The date of the mapping must be today or in the past' });
  input.dangers.forEach((d, i) => {
    const n = i + 1;
    const any = d.whoWorried || d.worry || d.whatMightHappen || d.goal || d.sustainedFor;
    if (!any) return;
    if (!d.whoWorried) errors.push({ field: `who-${n}`, text: `Danger statement ${n}: say who is worried` });
    if (!d.worry) errors.push({ field: `worry-${n}`, text: `Danger statement ${n}: say what they are worried about` });
    if (!d.whatMightHappen) errors.push({ field: `might-${n}`, text: `Danger statement ${n}: say what might happen to the child` });
    if (!d.goal && d.sustainedFor) errors.push({ field: `goal-${n}`, text: `Safety goal ${n}: write the goal, or clear how long it must be shown` });
  });
  input.bottomLines.forEach((b, i) => {
    const n = i + 1;
    if (!b.text && (b.stated || b.sharedOn)) errors.push({ field: `bottom-${n}`, text: `Bottom line ${n}: write the bottom line, or clear its check` });
    if (b.sharedOn && !b.stated) errors.push({ field: `stated-${n}`, text: `Bottom line ${n}: tick that it was stated to the family if it was shared with them` });
    if (b.sharedOn && b.sharedOn > today) errors.push({ field: `shared-${n}`, text: `Bottom line ${n}: the date it was shared must be today or in the past` });
  });
  return errors;
}

export interface MappingForFinalising {
  dangers: Array<{ hasGoal: boolean }>;
  bottomLines: Array<{ stated: boolean; sharedOn: string | null }>;
  itemCount: number;
}

/** What stops a mapping being made final: at least one danger statement, every one paired with a safety goal. */
export function finalisationProblems(m: MappingForFinalising): RuleError[] {
  const errors: RuleError[] = [];
  if (!m.dangers.length) errors.push({ field: 'dangers', text: 'Write at least one danger statement with its safety goal before the mapping is final' });
  const unpaired = m.dangers.map((d, i) => (d.hasGoal ? 0 : i + 1)).filter(Boolean);
  if (unpaired.length) errors.push({ field: 'dangers', text: `Pair every danger statement with a safety goal (danger statement ${unpaired.join(', ')} has none)` });
  if (!m.itemCount) errors.push({ field: 'items', text: 'Record what you are worried about, what is working well and what needs to happen' });
  return errors;
}

export interface BottomLineCheck {
  total: number;
  shared: number;
  unshared: number;
  /** True when there are bottom lines and every one was stated and shared with the family. */
  allShared: boolean;
  /** A final mapping with no bottom lines, or with bottom lines not yet shared: flagged on the record. */
  flagged: boolean;
  message: string;
}

export function bottomLineCheck(status: string, lines: Array<{ stated: boolean; sharedOn: string | null }>): BottomLineCheck {
  const shared = lines.filter((l) => l.stated && l.sharedOn).length;
  const total = lines.length;
  const unshared = total - shared;
  const allShared = total > 0 && unshared === 0;
  const flagged = status === 'final' && !allShared;
  const message = !total
    ? 'No bottom lines written yet'
    : allShared
      ? total === 1
        ? 'The bottom line was stated and shared with the family'
        : `All ${total} bottom lines were stated and shared with the family`
      : `${unshared} of ${total} bottom line${total === 1 ? '' : 's'} not yet stated and shared with the family`;
  return { total, shared, unshared, allShared, flagged, message };
}

export interface ScalingInput {
  scorerName: string;
  scorerRole: string;
  scorerAgency: string;
  isFamilyMember: boolean;
  score: number;
  rationale: string;
}

/** A score from a form field: a whole number from 0 to 10, or an error in words. */
export function parseScore(raw: unknown): { value: number | null; error?: string } {
  const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (!s) return { value: null, error: 'Choose a score from 0 to 10' };
  if (!/^\d{1,2}$/.test(s)) return { value: null, error: 'The score must be a whole number from 0 to 10' };
  const n = Number(s);
  if (n < 0 || n > 10) return { value: null, error: 'The score must be a whole number from 0 to 10' };
  return { value: n };
}

export function validateScaling(s: ScalingInput): string | null {
  if (!Number.isInteger(s.score) || s.score < 0 || s.score > 10) return 'The score must be a whole number from 0 to 10';
  if (!s.scorerName.trim()) return 'Enter the name of the person scaling';
  if (!s.isFamilyMember && !s.scorerRole.trim()) return 'Enter the role of the professional scaling';
  return null;
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

// ---- the scaling trend chart -------------------------------------------------------------------

export interface ScorePoint {
  date: string;
  name: string;
  role: string;
  agency: string;
  isFamilyMember: boolean;
  score: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART: ChartGeometry = { width: 640, height: 300, left: 48, right: 24, top: 20, bottom: 48 };

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** y for a score: 10 at the top of the plot, 0 at its bottom. */
export function yForScore(score: number, g: ChartGeometry = CHART): number {
  const plot = g.height - g.top - g.bottom;
  return round(g.top + plot * (1 - score / 10));
}

/** x for a date between the first and last dates (a single date sits in the middle). */
export function xForDate(date: string, first: string, last: string, g: ChartGeometry = CHART): number {
  const plot = g.width - g.left - g.right;
  const span = dayNumber(last) - dayNumber(first);
  if (span <= 0) return round(g.left + plot / 2);
  return round(g.left + (plot * (dayNumber(date) - dayNumber(first))) / span);
}

const round = (n: number) => Math.round(n * 10) / 10;

export interface ChartRow {
  date: string;
  median: number;
  scores: ScorePoint[];
}

/** The figures the chart draws, one row per date (oldest first): the table beside the chart shows exactly these. */
export function chartRows(points: ScorePoint[]): ChartRow[] {
  const byDate = new Map<string, ScorePoint[]>();
  for (const p of [...points].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name))) {
    (byDate.get(p.date) ?? byDate.set(p.date, []).get(p.date)!).push(p);
  }
  return [...byDate.entries()].map(([date, scores]) => ({ date, median: median(scores.map((s) => s.score)), scores }));
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(2, 4)}`;

export interface TrendChart {
  svg: string;
  rows: ChartRow[];
  /** In words: first and latest median, for the chart's description and the page. */
  summary: string;
}

/**
 * The scaling trend: scores 0–10 up the side, dates along the bottom; a line through the median score on each date,
 * and a point for every person's score (circles for professionals, squares for family members). One image with a
 * title and description; the table of `rows` beside it is the accessible alternative. No inline styles (CSP).
 */
export function scalingTrendChart(points: ScorePoint[], title = 'Scaling over time', g: ChartGeometry = CHART): TrendChart | null {
  const rows = chartRows(points);
  if (!rows.length) return null;
  const first = rows[0]!.date;
  const last = rows.at(-1)!.date;
  const summary =
    rows.length === 1
      ? `Scaled on one date, ${shortDate(first)}: median ${rows[0]!.median} out of 10 from ${rows[0]!.scores.length} ${rows[0]!.scores.length === 1 ? 'person' : 'people'}.`
      : `Median scaling went from ${rows[0]!.median} on ${shortDate(first)} to ${rows.at(-1)!.median} on ${shortDate(last)}, over ${rows.length} dates.`;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="app-scaling-chart" viewBox="0 0 ${g.width} ${g.height}" width="100%" role="img" aria-labelledby="scaling-chart-title scaling-chart-desc" focusable="false">`);
  parts.push(`<title id="scaling-chart-title">${escapeXml(title)}</title><desc id="scaling-chart-desc">${escapeXml(summary)} The table beside the chart gives every score.</desc>`);
  // Grid and the y axis: 0, 2, 4 ... 10.
  for (let s = 0; s <= 10; s += 2) {
    const y = yForScore(s, g);
    parts.push(`<line x1="${g.left}" y1="${y}" x2="${g.width - g.right}" y2="${y}" stroke="#b1b4b6" stroke-width="1"${s === 0 ? '' : ' stroke-dasharray="4 4"'}/>`);
    parts.push(`<text x="${g.left - 8}" y="${y + 5}" text-anchor="end" font-size="14" fill="#0b0c0c">${s}</text>`);
  }
  parts.push(`<text x="14" y="${(g.top + g.height - g.bottom) / 2}" text-anchor="middle" font-size="14" fill="#0b0c0c" transform="rotate(-90 14 ${(g.top + g.height - g.bottom) / 2})">Score (0 to 10)</text>`);
  // Dates along the bottom (at most about six labels, always the first and last).
  const step = Math.max(1, Math.ceil(rows.length / 6));
  rows.forEach((r, i) => {
    if (i % step !== 0 && i !== rows.length - 1) return;
    const x = xForDate(r.date, first, last, g);
    // The last date ends at its point: centred, it ran past the chart's right edge and was cut off.
    const anchor = i === rows.length - 1 && rows.length > 1 ? 'end' : 'middle';
    parts.push(`<text x="${x}" y="${g.height - g.bottom + 22}" text-anchor="${anchor}" font-size="13" fill="#0b0c0c">${escapeXml(shortDate(r.date))}</text>`);
  });
  // The median line.
  const path = rows.map((r, i) => `${i ? 'L' : 'M'}${xForDate(r.date, first, last, g)} ${yForScore(r.median, g)}`).join(' ');
  if (rows.length > 1) parts.push(`<path d="${path}" fill="none" stroke="#1d70b8" stroke-width="3" class="app-scaling-chart__median"/>`);
  // Every score: circles for professionals, squares for family members, nudged apart when they share a score.
  for (const r of rows) {
    const x = xForDate(r.date, first, last, g);
    const seen = new Map<number, number>();
    for (const s of r.scores) {
      const k = seen.get(s.score) ?? 0;
      seen.set(s.score, k + 1);
      const dx = k === 0 ? 0 : (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 9;
      const y = yForScore(s.score, g);
      const label = `${s.name}${s.role ? `, ${s.role}` : ''}: ${s.score}`;
      if (s.isFamilyMember) parts.push(`<rect x="${round(x + dx - 5)}" y="${round(y - 5)}" width="10" height="10" fill="#f47738" class="app-scaling-chart__family"><title>${escapeXml(label)}</title></rect>`);
      else parts.push(`<circle cx="${round(x + dx)}" cy="${y}" r="5" fill="#0b0c0c" class="app-scaling-chart__point"><title>${escapeXml(label)}</title></circle>`);
    }
    parts.push(`<circle cx="${x}" cy="${yForScore(r.median, g)}" r="7" fill="none" stroke="#1d70b8" stroke-width="3"/>`);
  }
  parts.push('</svg>');
  return { svg: parts.join(''), rows, summary };
}
