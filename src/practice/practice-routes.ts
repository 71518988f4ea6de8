import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { versionField, type FieldError } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { hasPermission } from '../access/policy.js';
import { RestrictedRecordError } from '../people/people-service.js';
import { dateFromParts } from '../people/person-form.js';
import { todayInLondon } from '../time/index.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';
import { MappingRulesError } from './practice-service.js';
import { practiceSectionData } from './record-section.js';
import {
  MEETING_ACTION_ROWS, MEETING_ATTENDEE_ROWS, SCALING_ROWS, columnFields, mappingValues, partsFromIso, range1, readChildVoice, readMapping, readMeeting, readScaling, scoreItems,
} from './practice-forms.js';
import { MAPPING_COLUMNS, MEETING_KINDS, OWNER_KINDS, VOICE_KINDS, VOICE_OWNERS, bottomLineCheck, isOwnerKind, type MappingColumn } from './rules.js';

const V = 'practice/views';

/** Restricted records have their own page; a missing one is a 404. */
async function withChild<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RestrictedRecordError) return reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
    return notFoundIfMissing(err);
  }
}

const rulesErrors = (err: unknown): FieldError[] => (err instanceof MappingRulesError ? err.errors : domainErrors(err));
/** The piece of work a new mapping is for (?ownerKind=assessment&ownerId=5 from the assessment's page); default the episode. */
const ownerFrom = (q: Record<string, unknown>) => {
  const kind = q.ownerKind;
  const id = typeof q.ownerId === 'string' && /^\d{1,9}$/.test(q.ownerId) ? Number(q.ownerId) : null;
  return isOwnerKind(kind) && kind !== 'episode' && id ? { ownerKind: kind, ownerId: id, label: `${OWNER_KINDS[kind]} ${id}` } : null;
};
const radio = (o: Record<string, string>, selected: unknown) => Object.entries(o).map(([value, text]) => ({ value, text, checked: value === selected }));

export function registerPracticeRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.practice;
  const canWrite = (request: FastifyRequest) => !!request.ctx.user && hasPermission(request.ctx.user, 'casework.write');

  // ---- the child's Signs of Safety --------------------------------------------------------------
  app.get('/children/:id/signs-of-safety', { config: { access: 'casework.view' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => {
      const child = await svc.childBrief(request.ctx, personId);
      const data = await practiceSectionData(services, request.ctx, personId);
      return reply.view(`${V}/child.njk`, { pageTitle: `Signs of Safety: ${child.name}`, child, ...data, canWrite: canWrite(request), ownerKinds: OWNER_KINDS });
    });
  });

  // ---- mappings ---------------------------------------------------------------------------------
  const mappingForm = (extra: Record<string, unknown>) => ({ columns: columnFields(), ...extra });

  app.get('/children/:id/mappings/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => {
      const child = await svc.childBrief(request.ctx, personId);
      const owner = ownerFrom(request.query as Record<string, unknown>);
      return reply.view(`${V}/mapping-form.njk`, mappingForm({ pageTitle: 'New Signs of Safety mapping', child, action: `/children/${personId}/mappings/new`, owner, ...mappingValues(null) }));
    });
  });

  app.post('/children/:id/mappings/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => {
      const child = await svc.childBrief(request.ctx, personId);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = readMapping(body);
      const owner = ownerFrom(body);
      const data = mappingForm({ pageTitle: 'New Signs of Safety mapping', child, action: `/children/${personId}/mappings/new`, owner, values: form.values, dangerSlots: form.dangerSlots, bottomSlots: form.bottomSlots });
      if (form.addRow) return reply.view(`${V}/mapping-form.njk`, data);
      if (!form.input) return renderWithErrors(reply, `${V}/mapping-form.njk`, data, form.errors);
      try {
        const id = await svc.createMapping(request.ctx, personId, form.input, owner ?? undefined);
        setFlash(request, { heading: 'Mapping saved as a draft', text: 'Make it final when every danger statement has its safety goal.' });
        return reply.redirect(`/mappings/${id}`);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return renderWithErrors(reply, `${V}/mapping-form.njk`, data, rulesErrors(err));
      }
    });
  });

  const mappingPage = async (request: FastifyRequest, reply: FastifyReply, id: number, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const m = await svc.getMapping(request.ctx, id);
    const child = await svc.childBrief(request.ctx, m.personId);
    const scalings = await svc.scalingsOn(request.ctx, id);
    const data = {
      pageTitle: `Signs of Safety mapping, ${child.name}`,
      child, m, scalings, values: { sharedOn: partsFromIso(todayInLondon()), ...values },
      columns: columnFields().map((c) => ({ ...c, items: m.items[c.key as MappingColumn] })),
      groups: [...new Set(Object.values(MAPPING_COLUMNS).map((c) => c.group))],
      check: bottomLineCheck(m.status, m.bottomLines),
      ownerLabel: OWNER_KINDS[m.ownerKind as keyof typeof OWNER_KINDS] ?? m.ownerKind,
      canWrite: canWrite(request),
    };
    return errors.length ? renderWithErrors(reply, `${V}/mapping.njk`, data, errors) : reply.view(`${V}/mapping.njk`, data);
  };

  app.get('/mappings/:id', { config: { access: 'casework.view' } }, async (request, reply) => withChild(reply, () => mappingPage(request, reply, idParam(request))));

  app.get('/mappings/:id/edit', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const m = await svc.getMapping(request.ctx, id);
      if (m.status === 'final') {
        setFlash(request, { heading: 'This mapping is final', text: 'Carry it forward into a new mapping to change it.' });
        return reply.redirect(`/mappings/${id}`);
      }
      const child = await svc.childBrief(request.ctx, m.personId);
      return reply.view(`${V}/mapping-form.njk`, mappingForm({ pageTitle: 'Change the mapping', child, action: `/mappings/${id}/edit`, version: m.version, ...mappingValues(m) }));
    });
  });

  app.post('/mappings/:id/edit', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const m = await svc.getMapping(request.ctx, id, { audit: false });
      const child = await svc.childBrief(request.ctx, m.personId);
      const form = readMapping(body);
      const version = versionField.safeParse(body.version);
      const data = mappingForm({ pageTitle: 'Change the mapping', child, action: `/mappings/${id}/edit`, version: version.success ? version.data : m.version, values: form.values, dangerSlots: form.dangerSlots, bottomSlots: form.bottomSlots });
      if (form.addRow) return reply.view(`${V}/mapping-form.njk`, data);
      if (!form.input || !version.success) return renderWithErrors(reply, `${V}/mapping-form.njk`, data, form.errors.length ? form.errors : [{ field: 'form', text: 'Reload the page and try again' }]);
      try {
        await svc.updateMapping(request.ctx, id, version.data, form.input);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return renderWithErrors(reply, `${V}/mapping-form.njk`, { ...data, version: m.version }, rulesErrors(err));
      }
      setFlash(request, { heading: 'Mapping saved' });
      return reply.redirect(`/mappings/${id}`);
    });
  });

  app.post('/mappings/:id/finalise', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const version = versionField.safeParse(((request.body ?? {}) as Record<string, unknown>).version);
      try {
        await svc.finalise(request.ctx, id, version.success ? version.data : -1);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return mappingPage(request, reply, id, rulesErrors(err));
      }
      setFlash(request, { heading: 'Mapping made final' });
      return reply.redirect(`/mappings/${id}`);
    });
  });

  app.post('/mappings/:id/bottom-lines-shared', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const version = versionField.safeParse(body.version);
      const date = dateFromParts(body, 'sharedOn', 'the date the bottom lines were shared', { required: true, notFuture: true });
      const values = { sharedOn: { day: body['sharedOn-day'], month: body['sharedOn-month'], year: body['sharedOn-year'] } };
      if (date.error || !date.value) return mappingPage(request, reply, id, [{ field: 'sharedOn', text: date.error ?? 'Enter the date' }], values);
      try {
        await svc.recordBottomLinesShared(request.ctx, id, version.success ? version.data : -1, date.value);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return mappingPage(request, reply, id, rulesErrors(err), values);
      }
      setFlash(request, { heading: 'Bottom lines recorded as stated and shared with the family' });
      return reply.redirect(`/mappings/${id}`);
    });
  });

  app.post('/mappings/:id/carry-forward', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const m = await svc.getMapping(request.ctx, id, { audit: false });
      const ownerKind = isOwnerKind(body.ownerKind) ? body.ownerKind : (m.ownerKind as keyof typeof OWNER_KINDS);
      // Into another piece of work (an assessment's mapping into a plan: ownerKind=cp_plan&ownerId=7), or the same one.
      const ownerId = ownerKind === m.ownerKind ? m.ownerId : typeof body.ownerId === 'string' && /^\d{1,9}$/.test(body.ownerId) ? Number(body.ownerId) : null;
      const newId = await svc.carryForward(request.ctx, id, { ownerKind, ownerId });
      setFlash(request, { heading: 'Mapping carried forward', text: 'The danger statements, safety goals and bottom lines are copied into this new draft.' });
      return reply.redirect(`/mappings/${newId}`);
    });
  });

  // ---- scaling ----------------------------------------------------------------------------------
  const scalingData = async (request: FastifyRequest, personId: number, values: Record<string, unknown>) => {
    const child = await svc.childBrief(request.ctx, personId);
    const mappings = await svc.mappingList(request.ctx, personId);
    return {
      pageTitle: `Record scaling for ${child.name}`, child, values, rows: range1(SCALING_ROWS), scoreItems,
      mappingItems: [{ value: '', text: 'Not part of a mapping' }, ...mappings.map((m) => ({ value: String(m.id), text: `Mapping of ${formatIsoDate(m.mapped_on)} (${m.status === 'final' ? 'final' : 'draft'})`, selected: String(m.id) === String(values.mappingId ?? '') }))],
    };
  };

  app.get('/children/:id/scaling/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    const mapping = String((request.query as Record<string, unknown>).mapping ?? '');
    return withChild(reply, async () => reply.view(`${V}/scaling-form.njk`, await scalingData(request, personId, { scaledOn: partsFromIso(todayInLondon()), mappingId: mapping })));
  });

  app.post('/children/:id/scaling/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = readScaling(body);
      const data = await scalingData(request, personId, form.values);
      if (form.errors.length || !form.scaledOn) return renderWithErrors(reply, `${V}/scaling-form.njk`, data, form.errors);
      const mappingId = /^\d{1,9}$/.test(String(body.mappingId ?? '')) ? Number(body.mappingId) : null;
      try {
        await svc.recordScalings(request.ctx, personId, { scaledOn: form.scaledOn, mappingId }, form.rows);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return renderWithErrors(reply, `${V}/scaling-form.njk`, data, domainErrors(err));
      }
      setFlash(request, { heading: `Scaling recorded for ${form.rows.length} ${form.rows.length === 1 ? 'person' : 'people'}` });
      return reply.redirect(`/children/${personId}/signs-of-safety#scaling`);
    });
  });

  // ---- the child's voice ------------------------------------------------------------------------
  const voiceData = async (request: FastifyRequest, personId: number, values: Record<string, unknown>) => {
    const child = await svc.childBrief(request.ctx, personId);
    const ownerKind = String(values.ownerKind ?? '');
    return {
      pageTitle: `The child’s voice: ${child.name}`, child, values,
      kindItems: radio(VOICE_KINDS, values.kind),
      seenItems: radio({ yes: 'Yes', no: 'No' }, values.seen),
      aloneItems: radio({ yes: 'Yes', no: 'No' }, values.seenAlone),
      ownerLabel: ownerKind in VOICE_OWNERS && /^\d+$/.test(String(values.ownerId ?? '')) ? `${VOICE_OWNERS[ownerKind as keyof typeof VOICE_OWNERS]} ${String(values.ownerId)}` : null,
    };
  };

  app.get('/children/:id/child-voice/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    const q = request.query as Record<string, unknown>;
    return withChild(reply, async () => reply.view(`${V}/voice-form.njk`, await voiceData(request, personId, { recordedOn: partsFromIso(todayInLondon()), ownerKind: String(q.ownerKind ?? ''), ownerId: String(q.ownerId ?? '') })));
  });

  app.post('/children/:id/child-voice/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => {
      const form = readChildVoice((request.body ?? {}) as Record<string, unknown>);
      const data = await voiceData(request, personId, form.values);
      if (!form.input) return renderWithErrors(reply, `${V}/voice-form.njk`, data, form.errors);
      let id: number;
      try {
        id = await svc.recordChildVoice(request.ctx, personId, form.input);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return renderWithErrors(reply, `${V}/voice-form.njk`, data, domainErrors(err));
      }
      setFlash(request, { heading: `${VOICE_KINDS[form.input.kind]} recorded` });
      return reply.redirect(`/child-voice/${id}`);
    });
  });

  app.get('/child-voice/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const v = await svc.getChildVoice(request.ctx, id);
      const child = await svc.childBrief(request.ctx, v.person_id);
      const kindLabel = VOICE_KINDS[v.kind as keyof typeof VOICE_KINDS] ?? v.kind;
      const ownerLabel = v.owner_kind ? `${VOICE_OWNERS[v.owner_kind as keyof typeof VOICE_OWNERS] ?? v.owner_kind} ${v.owner_id ?? ''}` : null;
      return reply.view(`${V}/voice.njk`, { pageTitle: `${kindLabel}: ${child.name}`, child, v, kindLabel, ownerLabel });
    });
  });

  // ---- group supervision / mapping meetings -------------------------------------------------
  const meetingData = async (request: FastifyRequest, personId: number, values: Record<string, unknown>) => {
    const child = await svc.childBrief(request.ctx, personId);
    const mappings = await svc.mappingList(request.ctx, personId);
    return {
      pageTitle: `Mapping meeting for ${child.name}`, child, values,
      kindItems: radio(MEETING_KINDS, values.kind),
      attendeeRows: range1(MEETING_ATTENDEE_ROWS), actionRows: range1(MEETING_ACTION_ROWS), scoreItems,
      mappingIds: mappings.map((m) => m.id),
      mappingItems: [{ value: '', text: 'No mapping recorded' }, ...mappings.map((m) => ({ value: String(m.id), text: `Mapping of ${formatIsoDate(m.mapped_on)} (${m.status === 'final' ? 'final' : 'draft'})`, selected: String(m.id) === String(values.mappingId ?? '') }))],
    };
  };

  app.get('/children/:id/mapping-meetings/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => reply.view(`${V}/meeting-form.njk`, await meetingData(request, personId, { meetingDate: partsFromIso(todayInLondon()) })));
  });

  app.post('/children/:id/mapping-meetings/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request);
    return withChild(reply, async () => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const first = await meetingData(request, personId, {});
      const form = readMeeting(body, first.mappingIds);
      const data = await meetingData(request, personId, form.values);
      if (!form.input) return renderWithErrors(reply, `${V}/meeting-form.njk`, data, form.errors);
      let id: number;
      try {
        id = await svc.recordMeeting(request.ctx, personId, form.input);
      } catch (err) {
        if (err instanceof RestrictedRecordError) throw err;
        return renderWithErrors(reply, `${V}/meeting-form.njk`, data, domainErrors(err));
      }
      setFlash(request, { heading: 'Meeting recorded' });
      return reply.redirect(`/mapping-meetings/${id}`);
    });
  });

  app.get('/mapping-meetings/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const id = idParam(request);
    return withChild(reply, async () => {
      const data = await svc.getMeeting(request.ctx, id);
      const child = await svc.childBrief(request.ctx, data.meeting.person_id);
      const kindLabel = MEETING_KINDS[data.meeting.kind as keyof typeof MEETING_KINDS] ?? data.meeting.kind;
      const scoreOf = (name: string) => data.scalings.find((s) => s.scorer_name === name);
      return reply.view(`${V}/meeting.njk`, { pageTitle: `${kindLabel}: ${child.name}`, child, ...data, kindLabel, attendees: data.attendees.map((a) => ({ ...a, scaling: scoreOf(a.name) })) });
    });
  });
}
