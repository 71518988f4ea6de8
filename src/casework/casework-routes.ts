import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { versionField, type FieldError } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { hasPermission } from '../access/policy.js';
import { ConflictError } from '../db/transaction.js';
import { RestrictedRecordError } from '../people/people-service.js';
import { dateFromParts } from '../people/person-form.js';
import { WARNING_KINDS } from '../people/codes.js';
import { REFERRAL_SOURCES } from '../frontdoor/rules.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { isoDateInLondon, londonTimeOfDay, todayInLondon } from '../time/index.js';
import { CaseworkRulesError, type NoteForm } from './casework-service.js';
import { buildChronology } from './chronology.js';
import { RECORD_SECTIONS, type RecordStatus } from './record-sections.js';
import { CLOSURE_REASONS, NOTE_TYPES, PRIMARY_NEED, YES_NO, episodeStatus } from './rules.js';

const V = 'casework/views';
const VIEW = { access: 'casework.view' } as const;
const WRITE = { access: 'casework.write' } as const;
const MANAGE = { access: 'casework.manage' } as const;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const items = (o: Record<string, string>, selected: unknown) => Object.entries(o).map(([value, text]) => ({ value, text, checked: value === selected }));
const partsOf = (body: Record<string, unknown>, prefix: string) => ({ day: str(body[`${prefix}-day`]), month: str(body[`${prefix}-month`]), year: str(body[`${prefix}-year`]) });
const partsFromIso = (iso: string) => ({ day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) });
const INCOMPLETE: FieldError = { field: 'form', text: 'The form was incomplete: reload the page and try again' };
const LABELS = { sources: REFERRAL_SOURCES, needs: PRIMARY_NEED, closure: CLOSURE_REASONS, noteTypes: NOTE_TYPES, warnings: WARNING_KINDS, clockTags: CLOCK_TAGS };
const errorsOf = (err: unknown): FieldError[] => (err instanceof CaseworkRulesError ? err.errors : domainErrors(err));
const statusOf = (err: unknown) => (err instanceof ConflictError ? 409 : 400);

/**
 * The child's case record (/children/:id), its chronology, case notes and management oversight; allocating,
 * transferring and closing episodes (/casework/episodes/:id/...); and the work trays (/casework).
 */
export function registerCaseworkRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.casework;

  /** Runs fn; a restricted child gives the restricted page (403), a missing one 404. */
  async function guarded<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RestrictedRecordError) {
        reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
        return null;
      }
      return notFoundIfMissing(err);
    }
  }

  // ---- the record ------------------------------------------------------------------------------
  app.get('/children/:id', { config: VIEW }, async (request, reply) => {
    const personId = idParam(request);
    const record = await guarded(reply, () => svc.record(request.ctx, personId));
    if (!record) return reply;
    const user = request.ctx.user!;
    const sections: Array<{ html: string; status: RecordStatus | null }> = [];
    for (const section of [...RECORD_SECTIONS].sort((a, b) => a.order - b.order)) {
      const data = await section.load(services, request.ctx, personId);
      const status = (data.recordStatus ?? null) as RecordStatus | null;
      sections.push({ html: await reply.viewAsync(section.template, { ...data, personId, child: record.child }), status });
    }
    const fromSections = sections.flatMap((s) => (s.status ? [s.status] : [])).sort((a, b) => b.priority - a.priority)[0];
    const open = record.episodes.find((e) => e.status === 'open');
    return reply.view(`${V}/record.njk`, {
      pageTitle: `Case record: ${record.child.name}`,
      ...record,
      status: fromSections?.text ?? episodeStatus(record.episodes),
      episodeSummary: episodeStatus(record.episodes),
      openEpisode: open ?? null,
      sections: sections.map((s) => s.html),
      labels: LABELS,
      can: { write: hasPermission(user, 'casework.write'), manage: hasPermission(user, 'casework.manage'), contacts: hasPermission(user, 'frontdoor.view') },
      userId: user.id,
    });
  });

  // ---- chronology ------------------------------------------------------------------------------
  app.get('/children/:id/chronology', { config: VIEW }, async (request, reply) => {
    const personId = idParam(request);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const b = await guarded(reply, () => svc.child(request.ctx, personId));
    if (!b) return reply;
    const from = dateFromParts(q, 'from', 'the "from" date');
    const to = dateFromParts(q, 'to', 'the "to" date');
    const errors: FieldError[] = [];
    if (from.error) errors.push({ field: 'from', text: from.error });
    if (to.error) errors.push({ field: 'to', text: to.error });
    const filter = { kinds: list(q.kind).filter(Boolean), from: from.value, to: to.value, significantOnly: q.significant === 'yes' };
    const chronology = await buildChronology(services, request.ctx, personId, filter);
    await svc.auditChronology(request.ctx, personId, { shown: chronology.entries.length, filtered: !!(filter.kinds.length || filter.from || filter.to || filter.significantOnly) });
    const data = {
      pageTitle: `Chronology: ${b.givenNames} ${b.familyName}`,
      child: { id: personId, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth },
      ...chronology,
      filter,
      values: { from: partsOf(q, 'from'), to: partsOf(q, 'to') },
      kindItems: chronology.kinds.map((k) => ({ value: k, text: k, checked: filter.kinds.includes(k) })),
      canMark: hasPermission(request.ctx.user!, 'casework.write'),
      markKey: str(q.mark),
      query: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
    };
    if (errors.length) return renderWithErrors(reply, `${V}/chronology.njk`, data, errors);
    return reply.view(`${V}/chronology.njk`, data);
  });

  app.post('/children/:id/chronology/marks', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const key = str(body.key);
    const done = await guarded(reply, async () => {
      try {
        if (body.action === 'unmark') await svc.unmarkSignificant(request.ctx, personId, key);
        else await svc.markSignificant(request.ctx, personId, key, str(body.analysis));
        return { ok: true as const };
      } catch (err) {
        if (err instanceof CaseworkRulesError) return { ok: false as const, errors: err.errors };
        throw err;
      }
    });
    if (!done) return reply;
    if (!done.ok) {
      const b = await svc.child(request.ctx, personId);
      const chronology = await buildChronology(services, request.ctx, personId, { kinds: [], from: null, to: null, significantOnly: false });
      return renderWithErrors(
        reply,
        `${V}/chronology.njk`,
        { pageTitle: `Chronology: ${b.givenNames} ${b.familyName}`, child: { id: personId, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth }, ...chronology, filter: { kinds: [], significantOnly: false }, values: {}, kindItems: chronology.kinds.map((k) => ({ value: k, text: k })), canMark: true, markKey: key, markValue: str(body.analysis), query: '' },
        done.errors.map((e) => (e.field === 'analysis' ? { ...e, field: 'analysis' } : e)),
      );
    }
    setFlash(request, { heading: body.action === 'unmark' ? 'No longer marked significant' : 'Marked as significant' });
    return reply.redirect(`/children/${personId}/chronology#entry-${encodeURIComponent(key)}`);
  });

  // ---- case notes ------------------------------------------------------------------------------
  const noteValues = (body: Record<string, unknown>) => ({
    type: str(body.type),
    occurredOn: partsOf(body, 'occurredOn'),
    occurredTime: str(body.occurredTime),
    summary: str(body.summary),
    body: str(body.body),
    childSeen: str(body.childSeen),
    childSeenAlone: str(body.childSeenAlone),
    alsoFor: list(body.alsoFor),
    version: str(body.version),
  });
  const noteView = async (request: FastifyRequest, personId: number, values: ReturnType<typeof noteValues>, extra: Record<string, unknown>) => {
    const b = await svc.child(request.ctx, personId);
    const siblings = extra.noteId ? [] : await svc.siblingsOf(request.ctx, personId);
    return {
      pageTitle: `${extra.noteId ? 'Finish the note' : 'Add a case note'}: ${b.givenNames} ${b.familyName}`,
      child: { id: personId, name: `${b.givenNames} ${b.familyName}` },
      values,
      typeItems: items(NOTE_TYPES, values.type),
      seenItems: items(YES_NO, values.childSeen),
      seenAloneItems: items(YES_NO, values.childSeenAlone),
      siblingItems: siblings.map((s) => ({ value: String(s.id), text: s.name, hint: { text: s.dateOfBirth ? `Born ${s.dateOfBirth.split('-').reverse().join('/')}` : 'Unborn' }, checked: values.alsoFor.includes(String(s.id)) })),
      ...extra,
    };
  };
  const readNote = (body: Record<string, unknown>, final: boolean): { input: NoteForm; errors: FieldError[] } => {
    const d = dateFromParts(body, 'occurredOn', 'the date it happened');
    const errors: FieldError[] = d.error ? [{ field: 'occurredOn', text: d.error }] : [];
    return {
      input: { type: str(body.type), occurredDate: d.value, occurredTime: str(body.occurredTime), summary: str(body.summary), body: str(body.body), childSeen: str(body.childSeen), childSeenAlone: str(body.childSeenAlone), alsoFor: list(body.alsoFor).map(Number).filter((n) => Number.isInteger(n) && n > 0), final },
      errors,
    };
  };

  app.get('/children/:id/notes/new', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const now = new Date();
    const type = str(q.type) in NOTE_TYPES ? str(q.type) : '';
    const data = await guarded(reply, () => noteView(request, personId, { type, occurredOn: partsFromIso(isoDateInLondon(now)), occurredTime: londonTimeOfDay(now), summary: '', body: '', childSeen: '', childSeenAlone: '', alsoFor: [], version: '' }, {}));
    if (!data) return reply;
    await svc.auditForm(request.ctx, 'casework.note.form', [personId, ...data.siblingItems.map((i) => Number(i.value))]);
    return reply.view(`${V}/note-form.njk`, data);
  });

  app.post('/children/:id/notes', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const final = body.action !== 'draft';
    const { input, errors } = readNote(body, final);
    const page = async (errs: FieldError[], status = 400) => renderWithErrors(reply, `${V}/note-form.njk`, await noteView(request, personId, noteValues(body), {}), errs, status);
    const ok = await guarded(reply, async () => {
      if (errors.length) return page(errors).then(() => 'shown' as const);
      try {
        return await svc.createNote(request.ctx, personId, input);
      } catch (err) {
        return page(errorsOf(err), statusOf(err)).then(() => 'shown' as const);
      }
    });
    if (ok === null || ok === 'shown') return reply;
    setFlash(request, { heading: final ? (input.alsoFor.length ? `Note filed on ${input.alsoFor.length + 1} children` : 'Note added') : 'Draft saved', ...(final ? {} : { text: 'Only you can see this draft until you finish it.' }) });
    return reply.redirect(final ? `/children/${personId}#notes` : `/children/${personId}/notes/${ok}`);
  });

  app.get('/children/:id/notes/:noteId', { config: VIEW }, async (request, reply) => {
    const personId = idParam(request);
    const noteId = idParam(request, 'noteId');
    const data = await guarded(reply, () => svc.note(request.ctx, personId, noteId));
    if (!data) return reply;
    const b = await svc.child(request.ctx, personId);
    return reply.view(`${V}/note.njk`, { pageTitle: `Case note: ${b.givenNames} ${b.familyName}`, child: { id: personId, name: `${b.givenNames} ${b.familyName}` }, ...data, labels: LABELS, values: { version: data.note.version } });
  });

  const editValues = (n: Awaited<ReturnType<typeof svc.note>>['note']) => ({
    type: n.note_type,
    occurredOn: partsFromIso(isoDateInLondon(n.occurred_at)),
    occurredTime: londonTimeOfDay(n.occurred_at),
    summary: n.summary,
    body: n.body,
    childSeen: n.child_seen === null ? '' : n.child_seen ? 'yes' : 'no',
    childSeenAlone: n.child_seen_alone === null ? '' : n.child_seen_alone ? 'yes' : 'no',
    alsoFor: [],
    version: String(n.version),
  });

  app.get('/children/:id/notes/:noteId/edit', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const noteId = idParam(request, 'noteId');
    const data = await guarded(reply, () => svc.note(request.ctx, personId, noteId, { audit: false }));
    if (!data) return reply;
    if (!data.canEdit) return reply.redirect(`/children/${personId}/notes/${noteId}`);
    await svc.auditForm(request.ctx, 'casework.note.view', [personId]);
    return reply.view(`${V}/note-form.njk`, await noteView(request, personId, editValues(data.note), { noteId, alsoFiledOn: data.alsoFiledOn }));
  });

  app.post('/children/:id/notes/:noteId/edit', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const noteId = idParam(request, 'noteId');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = await guarded(reply, () => svc.note(request.ctx, personId, noteId, { audit: false }));
    if (!data) return reply;
    const final = body.action !== 'draft';
    const { input, errors } = readNote(body, final);
    const version = versionField.safeParse(body.version);
    const page = async (errs: FieldError[], status = 400) => renderWithErrors(reply, `${V}/note-form.njk`, await noteView(request, personId, { ...noteValues(body), version: String(data.note.version) }, { noteId, alsoFiledOn: data.alsoFiledOn }), errs, status);
    if (!version.success) return page([INCOMPLETE]);
    if (errors.length) return page(errors);
    try {
      await svc.updateDraft(request.ctx, personId, noteId, version.data, input);
    } catch (err) {
      return page(errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: final ? 'Note finished' : 'Draft saved' });
    return reply.redirect(final ? `/children/${personId}#notes` : `/children/${personId}/notes/${noteId}`);
  });

  const deleteView = (personId: number, data: Awaited<ReturnType<typeof svc.note>>, name: string, values: Record<string, unknown>) => ({ pageTitle: `Delete a case note: ${name}`, child: { id: personId, name }, ...data, labels: LABELS, values });

  app.get('/children/:id/notes/:noteId/delete', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const noteId = idParam(request, 'noteId');
    const data = await guarded(reply, () => svc.note(request.ctx, personId, noteId, { audit: false }));
    if (!data) return reply;
    if (!data.canDelete) return reply.redirect(`/children/${personId}/notes/${noteId}`);
    const b = await svc.child(request.ctx, personId);
    await svc.auditForm(request.ctx, 'casework.note.view', [personId]);
    return reply.view(`${V}/note-delete.njk`, deleteView(personId, data, `${b.givenNames} ${b.familyName}`, { reason: '', version: data.note.version }));
  });

  app.post('/children/:id/notes/:noteId/delete', { config: WRITE }, async (request, reply) => {
    const personId = idParam(request);
    const noteId = idParam(request, 'noteId');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = await guarded(reply, () => svc.note(request.ctx, personId, noteId, { audit: false }));
    if (!data) return reply;
    const b = await svc.child(request.ctx, personId);
    const page = (errs: FieldError[], status = 400) => renderWithErrors(reply, `${V}/note-delete.njk`, deleteView(personId, data, `${b.givenNames} ${b.familyName}`, { reason: str(body.reason), version: data.note.version }), errs, status);
    const version = versionField.safeParse(body.version);
    if (!version.success) return page([INCOMPLETE]);
    try {
      await svc.deleteNote(request.ctx, personId, noteId, version.data, str(body.reason));
    } catch (err) {
      return page(errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: 'Note deleted', text: 'It stays on the record, marked deleted with your reason.' });
    return reply.redirect(`/children/${personId}#notes`);
  });

  // ---- management oversight ----------------------------------------------------------------------
  const oversightView = async (request: FastifyRequest, personId: number, values: Record<string, unknown>) => {
    const b = await svc.child(request.ctx, personId);
    return { pageTitle: `Management oversight: ${b.givenNames} ${b.familyName}`, child: { id: personId, name: `${b.givenNames} ${b.familyName}` }, values };
  };

  app.get('/children/:id/oversight/new', { config: MANAGE }, async (request, reply) => {
    const personId = idParam(request);
    const data = await guarded(reply, () => oversightView(request, personId, { decision: '', direction: '', timescale: {} }));
    if (!data) return reply;
    await svc.auditForm(request.ctx, 'casework.oversight.form', [personId]);
    return reply.view(`${V}/oversight-form.njk`, data);
  });

  app.post('/children/:id/oversight', { config: MANAGE }, async (request, reply) => {
    const personId = idParam(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const timescale = dateFromParts(body, 'timescale', 'the timescale');
    const page = async (errs: FieldError[], status = 400) => renderWithErrors(reply, `${V}/oversight-form.njk`, await oversightView(request, personId, { decision: str(body.decision), direction: str(body.direction), timescale: partsOf(body, 'timescale') }), errs, status);
    const ok = await guarded(reply, async () => {
      try {
        return await svc.addOversight(request.ctx, personId, { decision: str(body.decision), direction: str(body.direction), timescale: timescale.value, timescaleError: timescale.error ?? null });
      } catch (err) {
        return page(errorsOf(err), statusOf(err)).then(() => null);
      }
    });
    if (!ok) return reply;
    setFlash(request, { heading: 'Management oversight recorded' });
    return reply.redirect(`/children/${personId}#oversight`);
  });

  // ---- allocation and closure --------------------------------------------------------------------
  const loadEpisode = (request: FastifyRequest, reply: FastifyReply, audit?: string) => guarded(reply, () => svc.episode(request.ctx, idParam(request), audit ? { audit } : {}));

  const allocateView = async (data: Awaited<ReturnType<typeof svc.episode>>, values: Record<string, unknown>) => {
    const teams = await svc.allocationOptions();
    const workers = new Map<number, { name: string; teams: string[] }>();
    for (const t of teams) for (const m of t.members) workers.set(m.id, { name: m.name, teams: [...(workers.get(m.id)?.teams ?? []), t.name] });
    return {
      pageTitle: `${data.episode.worker_id ? 'Transfer' : 'Allocate'}: ${data.child.name}`,
      ...data,
      values,
      teamItems: [{ value: '', text: 'Select a team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: String(t.id) === String(values.teamId) }))],
      workerItems: [{ value: '', text: 'Select a worker' }, ...[...workers.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name)).map(([id, w]) => ({ value: String(id), text: `${w.name} (${w.teams.join(', ')})`, selected: String(id) === String(values.workerId) }))],
    };
  };

  app.get('/casework/episodes/:id/allocate', { config: MANAGE }, async (request, reply) => {
    const data = await loadEpisode(request, reply, 'casework.episode.view');
    if (!data) return reply;
    return reply.view(`${V}/allocate.njk`, await allocateView(data, { teamId: data.episode.team_id ?? '', workerId: '', fromDate: partsFromIso(todayInLondon()), reason: '', version: data.episode.version }));
  });

  app.post('/casework/episodes/:id/allocate', { config: MANAGE }, async (request, reply) => {
    const data = await loadEpisode(request, reply);
    if (!data) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const page = async (errs: FieldError[], status = 400) => renderWithErrors(reply, `${V}/allocate.njk`, await allocateView(data, { ...body, fromDate: partsOf(body, 'fromDate'), version: data.episode.version }), errs, status);
    const version = versionField.safeParse(body.version);
    if (!version.success) return page([INCOMPLETE]);
    const from = dateFromParts(body, 'fromDate', 'the date the allocation starts', { required: true });
    if (from.error) return page([{ field: 'fromDate', text: from.error }]);
    const num = (v: unknown) => (/^\d{1,9}$/.test(str(v)) ? Number(v) : null);
    let kind: string;
    try {
      kind = await svc.allocate(request.ctx, data.episode.id, version.data, { teamId: num(body.teamId), workerId: num(body.workerId), fromDate: from.value, reason: str(body.reason) });
    } catch (err) {
      return page(errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: kind === 'transfer' ? 'Episode transferred' : kind === 'reallocation' ? 'Episode reallocated' : 'Episode allocated' });
    return reply.redirect(`/children/${data.episode.person_id}#episodes`);
  });

  const closeView = async (data: Awaited<ReturnType<typeof svc.episode>>, values: Record<string, unknown>) => ({
    pageTitle: `Close the episode: ${data.child.name}`,
    ...data,
    values,
    openClocks: await svc.openClocksFor(data.episode.person_id, data.episode.id),
    labels: LABELS,
    reasonItems: items(CLOSURE_REASONS, values.reason).map((i) => ({ ...i, text: `${i.value}: ${i.text}` })),
  });

  app.get('/casework/episodes/:id/close', { config: MANAGE }, async (request, reply) => {
    const data = await loadEpisode(request, reply, 'casework.episode.view');
    if (!data) return reply;
    return reply.view(`${V}/close.njk`, await closeView(data, { endDate: partsFromIso(todayInLondon()), reason: '', version: data.episode.version }));
  });

  app.post('/casework/episodes/:id/close', { config: MANAGE }, async (request, reply) => {
    const data = await loadEpisode(request, reply);
    if (!data) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const page = async (errs: FieldError[], status = 400) => renderWithErrors(reply, `${V}/close.njk`, await closeView(data, { ...body, endDate: partsOf(body, 'endDate'), version: data.episode.version }), errs, status);
    const version = versionField.safeParse(body.version);
    if (!version.success) return page([INCOMPLETE]);
    const end = dateFromParts(body, 'endDate', 'the date the episode closed', { required: true });
    if (end.error) return page([{ field: 'endDate', text: end.error }]);
    try {
      await svc.close(request.ctx, data.episode.id, version.data, { endDate: end.value, reason: str(body.reason), confirmed: list(body.confirmOpen).includes('yes') });
    } catch (err) {
      return page(errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: 'Episode closed' });
    return reply.redirect(`/children/${data.episode.person_id}#episodes`);
  });

  // ---- work trays --------------------------------------------------------------------------------
  app.get('/casework', { config: VIEW }, async (request, reply) => {
    const trays = await svc.trays(request.ctx);
    return reply.view(`${V}/trays.njk`, { pageTitle: 'Cases', ...trays, labels: LABELS });
  });
}
