/** Reading the Signs of Safety forms: values kept for re-rendering, inputs for the service, errors per field. */
import { dateFromParts } from '../people/person-form.js';
import type { FieldError } from '../web/forms.js';
import { todayInLondon } from '../time/index.js';
import type { ChildVoiceInput, MappingDetail, MeetingInput } from './practice-service.js';
import {
  COLUMN_KEYS, MAPPING_COLUMNS, MEETING_KINDS, VOICE_KINDS, VOICE_OWNERS, linesToItems, parseScore,
  type BottomLineInput, type DangerStatementInput, type MappingInput, type MeetingKind, type ScalingInput, type VoiceKind, type VoiceOwner,
} from './rules.js';

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const trimmed = (v: unknown, max = 4000) => str(v).trim().slice(0, max);
export const partsFromIso = (iso: string | null | undefined) => (iso ? { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) } : { day: '', month: '', year: '' });
export const partsOf = (body: Record<string, unknown>, id: string) => ({ day: str(body[`${id}-day`]), month: str(body[`${id}-month`]), year: str(body[`${id}-year`]) });
const count = (raw: unknown, min: number, max: number) => Math.min(max, Math.max(min, Number(/^\d{1,2}$/.test(str(raw)) ? str(raw) : min)));

export const MAX_DANGERS = 8;
export const MAX_BOTTOM_LINES = 8;
export const SCALING_ROWS = 6;
export const MEETING_ATTENDEE_ROWS = 8;
export const MEETING_ACTION_ROWS = 5;

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

export interface MappingFormState {
  values: Record<string, unknown>;
  dangerSlots: string[];
  bottomSlots: string[];
}

/** The form's values for an existing mapping (or a blank one). */
export function mappingValues(m: MappingDetail | null): MappingFormState {
  const values: Record<string, unknown> = { mappedOn: partsFromIso(m?.mappedOn ?? todayInLondon()) };
  for (const k of COLUMN_KEYS) values[`items-${k}`] = (m?.items[k] ?? []).join('\n');
  (m?.dangers ?? []).forEach((d, i) => {
    const n = i + 1;
    Object.assign(values, { [`who-${n}`]: d.whoWorried, [`worry-${n}`]: d.worry, [`might-${n}`]: d.whatMightHappen, [`goal-${n}`]: d.goal ?? '', [`sustained-${n}`]: d.sustainedFor });
  });
  (m?.bottomLines ?? []).forEach((b, i) => {
    const n = i + 1;
    Object.assign(values, { [`bottom-${n}`]: b.text, [`stated-${n}`]: b.stated ? 'yes' : '', [`shared-${n}`]: partsFromIso(b.sharedOn) });
  });
  const dangers = Math.min(MAX_DANGERS, Math.max(2, (m?.dangers.length ?? 0) + 1));
  const bottoms = Math.min(MAX_BOTTOM_LINES, Math.max(2, (m?.bottomLines.length ?? 0) + 1));
  return { values, dangerSlots: range(dangers), bottomSlots: range(bottoms) };
}

/** Reads the mapping form. `action` add-danger / add-bottom-line asks for one more empty row (nothing saved). */
export function readMapping(body: Record<string, unknown>): MappingFormState & { input?: MappingInput; errors: FieldError[]; addRow: boolean } {
  const dangerCount = count(body.dangerSlots, 1, MAX_DANGERS);
  const bottomCount = count(body.bottomSlots, 1, MAX_BOTTOM_LINES);
  const action = str(body.action);
  const values: Record<string, unknown> = { ...body, mappedOn: partsOf(body, 'mappedOn') };
  for (const n of range(bottomCount)) values[`shared-${n}`] = partsOf(body, `shared-${n}`);
  if (action === 'add-danger' || action === 'add-bottom-line') {
    return {
      values,
      dangerSlots: range(Math.min(MAX_DANGERS, dangerCount + (action === 'add-danger' ? 1 : 0))),
      bottomSlots: range(Math.min(MAX_BOTTOM_LINES, bottomCount + (action === 'add-bottom-line' ? 1 : 0))),
      errors: [],
      addRow: true,
    };
  }
  const errors: FieldError[] = [];
  const mappedOn = dateFromParts(body, 'mappedOn', 'the date of the mapping', { required: true, notFuture: true });
  if (mappedOn.error) errors.push({ field: 'mappedOn', text: mappedOn.error });
  const items = Object.fromEntries(COLUMN_KEYS.map((k) => [k, linesToItems(str(body[`items-${k}`]))])) as MappingInput['items'];
  const dangers: DangerStatementInput[] = range(dangerCount).map((n) => ({
    whoWorried: trimmed(body[`who-${n}`], 500), worry: trimmed(body[`worry-${n}`]), whatMightHappen: trimmed(body[`might-${n}`]),
    goal: trimmed(body[`goal-${n}`]), sustainedFor: trimmed(body[`sustained-${n}`], 500),
  }));
  const bottomLines: BottomLineInput[] = range(bottomCount).map((n) => {
    const shared = dateFromParts(body, `shared-${n}`, `the date bottom line ${n} was shared`, { notFuture: true });
    if (shared.error) errors.push({ field: `shared-${n}`, text: shared.error });
    return { text: trimmed(body[`bottom-${n}`]), stated: str(body[`stated-${n}`]) === 'yes', sharedOn: shared.value };
  });
  const state = { values, dangerSlots: range(dangerCount), bottomSlots: range(bottomCount), addRow: false };
  if (errors.length || !mappedOn.value) return { ...state, errors };
  return { ...state, errors, input: { mappedOn: mappedOn.value, items, dangers, bottomLines } };
}

export const columnFields = () => COLUMN_KEYS.map((k) => ({ key: k, ...MAPPING_COLUMNS[k] }));

// ---- scaling ----------------------------------------------------------------------------------

export function readScaling(body: Record<string, unknown>): { values: Record<string, unknown>; scaledOn?: string; rows: ScalingInput[]; errors: FieldError[] } {
  const values: Record<string, unknown> = { ...body, scaledOn: partsOf(body, 'scaledOn') };
  const errors: FieldError[] = [];
  const date = dateFromParts(body, 'scaledOn', 'the date of the scaling', { required: true, notFuture: true });
  if (date.error) errors.push({ field: 'scaledOn', text: date.error });
  const rows: ScalingInput[] = [];
  for (const n of range(SCALING_ROWS)) {
    const name = trimmed(body[`name-${n}`], 200);
    const role = trimmed(body[`role-${n}`], 200);
    const agency = trimmed(body[`agency-${n}`], 200);
    const rawScore = str(body[`score-${n}`]);
    const rationale = trimmed(body[`why-${n}`]);
    const family = str(body[`family-${n}`]) === 'yes';
    if (!name && !role && !agency && !rawScore && !rationale) continue;
    if (!name) errors.push({ field: `name-${n}`, text: `Person ${n}: enter their name` });
    if (!family && !role) errors.push({ field: `role-${n}`, text: `Person ${n}: enter their role, or tick that they are a family member` });
    const score = parseScore(rawScore);
    if (score.error) errors.push({ field: `score-${n}`, text: `Person ${n}: ${score.error[0]!.toLowerCase()}${score.error.slice(1)}` });
    if (name && score.value !== null) rows.push({ scorerName: name, scorerRole: role, scorerAgency: agency, isFamilyMember: family, score: score.value, rationale });
  }
  if (!rows.length && !errors.some((e) => e.field.startsWith('name-') || e.field.startsWith('score-') || e.field.startsWith('role-'))) errors.push({ field: 'name-1', text: 'Enter at least one person’s name and score' });
  return { values, ...(date.value ? { scaledOn: date.value } : {}), rows, errors };
}

export const scoreItems = (selected: unknown) => [{ value: '', text: 'Choose a score' }, ...Array.from({ length: 11 }, (_, i) => ({ value: String(i), text: String(i), selected: String(i) === selected }))];

// ---- the child's voice ------------------------------------------------------------------------

export function readChildVoice(body: Record<string, unknown>): { values: Record<string, unknown>; input?: ChildVoiceInput; errors: FieldError[] } {
  const values: Record<string, unknown> = { ...body, recordedOn: partsOf(body, 'recordedOn') };
  const errors: FieldError[] = [];
  const kind = str(body.kind);
  if (!(kind in VOICE_KINDS)) errors.push({ field: 'kind', text: 'Choose Three Houses or Words and Pictures' });
  const date = dateFromParts(body, 'recordedOn', 'the date', { required: true, notFuture: true });
  if (date.error) errors.push({ field: 'recordedOn', text: date.error });
  const seen = str(body.seen);
  if (seen !== 'yes' && seen !== 'no') errors.push({ field: 'seen', text: 'Say whether the child was seen' });
  const alone = str(body.seenAlone);
  if (alone !== 'yes' && alone !== 'no') errors.push({ field: 'seenAlone', text: 'Say whether the child was seen alone' });
  if (seen === 'no' && alone === 'yes') errors.push({ field: 'seenAlone', text: 'A child seen alone was seen: answer ‘Yes’ to whether the child was seen' });
  const input = {
    worries: trimmed(body.worries), goodThings: trimmed(body.goodThings), dreams: trimmed(body.dreams), explanation: trimmed(body.explanation),
  };
  if (kind === 'three_houses' && !input.worries && !input.goodThings && !input.dreams) errors.push({ field: 'worries', text: 'Write what the child said in at least one of the three houses' });
  if (kind === 'words_and_pictures' && !input.explanation) errors.push({ field: 'explanation', text: 'Write the explanation given to the child' });
  const ownerKind = str(body.ownerKind);
  const ownerId = /^\d{1,9}$/.test(str(body.ownerId)) ? Number(str(body.ownerId)) : null;
  if (errors.length || !date.value) return { values, errors };
  return {
    values,
    errors,
    input: {
      kind: kind as VoiceKind, recordedOn: date.value, ...input, seen: seen === 'yes', seenAlone: alone === 'yes',
      ownerKind: ownerKind in VOICE_OWNERS && ownerId ? (ownerKind as VoiceOwner) : null, ownerId: ownerKind in VOICE_OWNERS ? ownerId : null,
    },
  };
}

// ---- mapping meetings -------------------------------------------------------------------------

export function readMeeting(body: Record<string, unknown>, mappingIds: number[]): { values: Record<string, unknown>; input?: MeetingInput; errors: FieldError[] } {
  const values: Record<string, unknown> = { ...body, meetingDate: partsOf(body, 'meetingDate') };
  for (const n of range(MEETING_ACTION_ROWS)) values[`due-${n}`] = partsOf(body, `due-${n}`);
  const errors: FieldError[] = [];
  const kind = str(body.kind);
  if (!(kind in MEETING_KINDS)) errors.push({ field: 'kind', text: 'Choose group supervision or a multi-agency mapping meeting' });
  const date = dateFromParts(body, 'meetingDate', 'the date of the meeting', { required: true, notFuture: true });
  if (date.error) errors.push({ field: 'meetingDate', text: date.error });
  const rawMapping = str(body.mappingId);
  const mappingId = /^\d{1,9}$/.test(rawMapping) && mappingIds.includes(Number(rawMapping)) ? Number(rawMapping) : null;
  const attendees: MeetingInput['attendees'] = [];
  for (const n of range(MEETING_ATTENDEE_ROWS)) {
    const name = trimmed(body[`attendee-${n}`], 200);
    const role = trimmed(body[`role-${n}`], 200);
    const agency = trimmed(body[`agency-${n}`], 200);
    const rawScore = str(body[`score-${n}`]);
    const rationale = trimmed(body[`why-${n}`]);
    if (!name && !role && !agency && !rawScore && !rationale) continue;
    if (!name) errors.push({ field: `attendee-${n}`, text: `Attendee ${n}: enter their name` });
    if (!agency) errors.push({ field: `agency-${n}`, text: `Attendee ${n}: enter their agency (or ‘Family’)` });
    let score: number | null = null;
    if (rawScore) {
      const s = parseScore(rawScore);
      if (s.error) errors.push({ field: `score-${n}`, text: `Attendee ${n}: ${s.error[0]!.toLowerCase()}${s.error.slice(1)}` });
      score = s.value;
      if (!role && !/^family$/i.test(agency)) errors.push({ field: `role-${n}`, text: `Attendee ${n}: enter their role, to record their score` });
    }
    attendees.push({ name, role, agency, isFamilyMember: /^family$/i.test(agency), score, rationale });
  }
  if (!attendees.length) errors.push({ field: 'attendee-1', text: 'Enter at least one attendee and their agency' });
  const actions: MeetingInput['actions'] = [];
  for (const n of range(MEETING_ACTION_ROWS)) {
    const action = trimmed(body[`action-${n}`]);
    const owner = trimmed(body[`owner-${n}`], 200);
    const due = dateFromParts(body, `due-${n}`, `the due date for action ${n}`);
    if (!action && !owner && !due.value && !due.error) continue;
    if (!action) errors.push({ field: `action-${n}`, text: `Action ${n}: say what will be done` });
    if (!owner) errors.push({ field: `owner-${n}`, text: `Action ${n}: say who will do it` });
    if (due.error) errors.push({ field: `due-${n}`, text: due.error });
    else if (!due.value) errors.push({ field: `due-${n}`, text: `Action ${n}: enter the date it is due` });
    if (action && owner && due.value) actions.push({ action, owner, dueDate: due.value });
  }
  if (errors.length || !date.value) return { values, errors };
  return { values, errors, input: { kind: kind as MeetingKind, meetingDate: date.value, mappingId, notes: trimmed(body.notes, 8000), attendees, actions } };
}

export const range1 = range;
