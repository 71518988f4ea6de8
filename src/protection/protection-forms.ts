import { dateFromParts } from '../people/person-form.js';
import type { FieldError } from '../web/forms.js';
import { validScaling, type ConferenceInput, type SdInput } from './rules.js';
import type { S47Input, VisitInput } from './protection-service.js';

export const SD_ATTENDEE_SLOTS = ['1', '2', '3', '4', '5', '6'];
export const CONFERENCE_ATTENDEE_SLOTS = ['1', '2', '3', '4', '5', '6', '7', '8'];
export const CORE_GROUP_SLOTS = ['1', '2', '3', '4', '5'];
export const ACTION_SLOTS = ['1', '2', '3'];

export type Body = Record<string, unknown>;
export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
export const partsOf = (body: Body, prefix: string) => ({ day: str(body[`${prefix}-day`]), month: str(body[`${prefix}-month`]), year: str(body[`${prefix}-year`]) });
export const partsFromIso = (iso: string | null | undefined) => (iso ? { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) } : { day: '', month: '', year: '' });
const yesNo = (v: unknown) => (v === 'yes' ? true : v === 'no' ? false : null);

function attendeeRows(body: Body, slots: string[]) {
  return slots
    .map((slot) => ({ slot, agency: str(body[`agency-${slot}`]), name: str(body[`name-${slot}`]), role: str(body[`role-${slot}`]) }))
    // A row with only its agency chosen (the form suggests police, health and social care) is an empty row.
    .filter((a) => a.name || a.role);
}

export function readStrategyDiscussion(body: Body): SdInput {
  const held = dateFromParts(body, 'heldOn', 'the date of the strategy discussion', { required: true, notFuture: true });
  return {
    heldOn: held.value,
    heldOnError: held.error,
    attendees: attendeeRows(body, SD_ATTENDEE_SLOTS),
    informationShared: str(body.informationShared),
    decision: str(body.decision),
    rationale: str(body.rationale),
    actions: ACTION_SLOTS.map((slot) => {
      const due = dateFromParts(body, `due-${slot}`, `the due date of action ${slot}`);
      return { slot, description: str(body[`action-${slot}`]), owner: str(body[`owner-${slot}`]), dueOn: due.value, dueOnError: due.error, any: !!(str(body[`action-${slot}`]) || str(body[`owner-${slot}`]) || due.value || due.error) };
    })
      .filter((a) => a.any)
      .map(({ any: _any, ...a }) => a),
  };
}

export function readS47(body: Body): { input: S47Input; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seenOn = dateFromParts(body, 'childSeenOn', 'the date the child was seen', { notFuture: true });
  if (seenOn.error) errors.push({ field: 'childSeenOn', text: seenOn.error });
  const completed = dateFromParts(body, 'completedOn', 'the date the enquiry was completed', { notFuture: true });
  if (completed.error) errors.push({ field: 'completedOn', text: completed.error });
  return {
    errors,
    input: { childSeen: yesNo(body.childSeen), childSeenAlone: yesNo(body.childSeenAlone), childSeenOn: seenOn.value, findings: str(body.findings), outcome: str(body.outcome), icpcNotRequiredReason: str(body.icpcNotRequiredReason), completedOn: completed.value },
  };
}

export function readConference(body: Body, kind: 'initial' | 'review'): { input: ConferenceInput; chairId: number | null } {
  const held = dateFromParts(body, 'heldOn', 'the date of the conference', { required: true, notFuture: true });
  const attendees = CONFERENCE_ATTENDEE_SLOTS.map((slot) => {
    const scaling = validScaling(body[`scaling-${slot}`]);
    return { slot, agency: str(body[`agency-${slot}`]), name: str(body[`name-${slot}`]), role: str(body[`role-${slot}`]), attended: str(body[`attended-${slot}`]) !== 'apologies', scaling: scaling ?? null, scalingError: scaling === undefined, raw: str(body[`scaling-${slot}`]) };
  })
    .filter((a) => a.name || a.role || a.raw)
    .map(({ raw: _raw, ...a }) => a);
  const chair = str(body.chairId);
  return {
    chairId: /^\d{1,9}$/.test(chair) ? Number(chair) : null,
    input: { kind, heldOn: held.value, heldOnError: held.error, attendees, reportsReceived: str(body.reportsReceived), decision: str(body.decision), category: str(body.category) },
  };
}

export function readVisit(body: Body): { input?: VisitInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const on = dateFromParts(body, 'visitedOn', 'the date of the visit', { required: true, notFuture: true });
  if (on.error) errors.push({ field: 'visitedOn', text: on.error });
  const seen = yesNo(body.seen);
  if (seen === null) errors.push({ field: 'seen', text: 'Select whether the child was seen' });
  const alone = yesNo(body.seenAlone);
  if (seen && alone === null) errors.push({ field: 'seenAlone', text: 'Select whether the child was seen alone' });
  if (errors.length) return { errors };
  return { errors, input: { visitedOn: on.value!, seen: seen!, seenAlone: !!alone, notes: str(body.notes) } };
}

export function readCoreGroup(body: Body): { input?: { heldOn: string; attendees: Array<{ agency: string; name: string; role: string }>; notes: string }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const on = dateFromParts(body, 'heldOn', 'the date of the core group', { required: true, notFuture: true });
  if (on.error) errors.push({ field: 'heldOn', text: on.error });
  const attendees = attendeeRows(body, CORE_GROUP_SLOTS);
  if (!attendees.length) errors.push({ field: 'name-1', text: 'Record who attended the core group' });
  for (const a of attendees) if (!a.name) errors.push({ field: `name-${a.slot}`, text: `Enter the name of attendee ${a.slot}` });
  if (errors.length) return { errors };
  return { errors, input: { heldOn: on.value!, attendees: attendees.map(({ slot: _s, ...a }) => a), notes: str(body.notes) } };
}
