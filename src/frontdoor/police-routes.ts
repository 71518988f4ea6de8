import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { Services } from '../container.js';
import { dateFromParts } from '../people/person-form.js';
import { SearchInputError } from '../people/search-query.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { errorMap, errorSummary, selectItems, type FieldError } from '../web/forms.js';
import { todayInLondon } from '../time/index.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';
import { ContactRulesError } from './contacts-service.js';
import { NotFoundError } from '../db/transaction.js';
import { readPoliceCsv } from './police-csv.js';
import {
  CSV_COLUMNS, ENCOMPASS_RECIPIENTS, MEETING_AGENCIES, POLICE_CATEGORIES, POLICE_RISK, SCREENING_DECISIONS,
  type PoliceCategory, type ScreeningDecision,
} from './police-rules.js';

const access = { access: 'frontdoor.police' as const };
/** A day's file is a few hundred kilobytes; a year's back-catalogue is tens of megabytes. */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const ATTENDEE_SLOTS = ['1', '2', '3', '4', '5', '6', '7', '8'];
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const isKey = <T extends object>(map: T, v: unknown): v is keyof T => typeof v === 'string' && Object.prototype.hasOwnProperty.call(map, v);
const labels = { categories: POLICE_CATEGORIES, risk: POLICE_RISK, decisions: SCREENING_DECISIONS, recipients: ENCOMPASS_RECIPIENTS, agencies: MEETING_AGENCIES };

const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * The queue's received-date filter from the query string: the dates (YYYY-MM-DD) when valid, the boxes as
 * typed (to show them again), the query parameters to keep on page links, and a GOV.UK error per bad date.
 */
export function queueFilter(q: Record<string, unknown>) {
  const errors: FieldError[] = [];
  const values: Record<string, { day: string; month: string; year: string }> = {};
  const params: Record<string, string> = {};
  const dates: Record<'from' | 'to', string | undefined> = { from: undefined, to: undefined };
  for (const [key, label] of [['from', 'the “received from” date'], ['to', 'the “received to” date']] as const) {
    let parts = Object.fromEntries(DATE_PARTS.map((p) => [p, str(q[`${key}-${p}`]).trim().slice(0, 10)])) as { day: string; month: string; year: string };
    // A link may give the date whole (from=2026-11-26, as the queue's links once did): read as the three boxes.
    const whole = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(q[key]).trim());
    if (whole && !parts.day && !parts.month && !parts.year) parts = { day: String(Number(whole[3])), month: String(Number(whole[2])), year: whole[1]! };
    else if (str(q[key]).trim() && !parts.day && !parts.month && !parts.year) errors.push({ field: key, text: `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date` });
    values[key] = parts;
    for (const p of DATE_PARTS) if (parts[p]) params[`${key}-${p}`] = parts[p];
    if (errors.some((e) => e.field === key)) continue;
    const d = dateFromParts({ [`${key}-day`]: parts.day, [`${key}-month`]: parts.month, [`${key}-year`]: parts.year }, key, label, { notFuture: true });
    if (d.error) errors.push({ field: key, text: d.error });
    else dates[key] = d.value ?? undefined;
  }
  if (dates.from && dates.to && dates.to < dates.from) errors.push({ field: 'to', text: 'The “received to” date must be the same as or after the “received from” date' });
  return { from: dates.from, to: dates.to, values, params, errors };
}

/** Fields that are GOV.UK date inputs: the error summary links to their first box (the day), as GOV.UK asks. */
const DATE_FIELD = /^(meetingDate|dueOn-\d+|sentOn-\d+|from|to)$/;
export function policeErrorSummary(errors: FieldError[]) {
  return errorSummary(errors).map((e, i) => (e.href && DATE_FIELD.test(errors[i]!.field) ? { ...e, href: `${e.href}-day` } : e));
}
const withErrors = (errors: FieldError[]) => ({ errors: errorMap(errors), errorList: policeErrorSummary(errors) });

/** The name of each request's uploaded file, as the browser gave it. */
const uploadNames = new WeakMap<FastifyRequest, string>();
/** A file name as sent (some browsers send a path): its last part, without control characters, at most 200 characters. */
export function uploadName(name: string | undefined): string {
  return (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}

/** Domain errors from services: the rules' lists, or one ValidationError / ConflictError. */
function errorsOf(err: unknown): FieldError[] {
  if (err instanceof ContactRulesError) return err.errors;
  return domainErrors(err);
}

/**
 * Police notifications at the front door (permission frontdoor.police): the screening queue, CSV import,
 * a notification with its people and Encompass notices, and the daily screening meeting.
 */
export function registerPoliceRoutes(app: FastifyInstance, services: Services): void {
  app.get('/frontdoor/police', { config: access }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const category = isKey(POLICE_CATEGORIES, q.category) ? (q.category as PoliceCategory) : undefined;
    // The received dates are GOV.UK date inputs (from-day, from-month, from-year): a date that is not a
    // real one is reported in the error summary, never silently dropped from the filter.
    const filter = queueFilter(q);
    const page = /^\d{1,6}$/.test(str(q.page)) ? Math.max(1, Number(q.page)) : 1;
    const calendar = await services.calendar.calendar();
    const [queue, encompass, meetings] = await Promise.all([
      filter.errors.length ? Promise.resolve(null) : services.police.queue({ category, from: filter.from, to: filter.to }, calendar, new Date(), page),
      services.police.encompassOutstanding(calendar),
      services.police.meetings(5),
    ]);
    const kept = new URLSearchParams({ ...(category ? { category } : {}), ...filter.params });
    const data = {
      pageTitle: 'Police notifications',
      queue,
      encompass,
      meetings,
      filter: { category: category ?? '', from: filter.from ?? '', to: filter.to ?? '', active: !!(category || filter.from || filter.to) },
      values: filter.values,
      pageLink: (n: number) => `/frontdoor/police?${new URLSearchParams([...kept, ['page', String(n)]]).toString()}`,
      categoryItems: selectItems(POLICE_CATEGORIES, category, 'All categories'),
      labels,
    };
    if (filter.errors.length) {
      return reply.code(400).view('frontdoor/views/police/queue.njk', { ...data, ...withErrors(filter.errors) });
    }
    return reply.view('frontdoor/views/police/queue.njk', data);
  });

  // The upload needs multipart parsing; it is registered for this route only (encapsulated), so no other
  // route accepts multipart bodies. Fields are attached to the body, so the CSRF check sees _csrf as usual.
  app.register(async (scope) => {
    // The file's contents become body.file; its name (which keyValues drops) is kept for the batch and its audit event.
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        (part as MultipartFile & { value?: Buffer }).value = await part.toBuffer();
        uploadNames.set(this, uploadName(part.filename));
      },
    });
    // A file over the limit is refused while it is read (the guard has already let the user in): say what went
    // wrong, with a way back.
    scope.setErrorHandler(async (error: FastifyError, _request, reply) => {
      if (error.code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      return reply.code(413).view('web/views/errors/400.njk', {
        status: 413,
        message: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Import it in smaller files, for example a month at a time.`,
        back: { href: '/frontdoor/police/import', text: 'Import police notifications' },
      });
    });
    scope.post('/frontdoor/police/import', { config: access }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) {
        return renderWithErrors(reply, 'frontdoor/views/police/import.njk', { pageTitle: 'Import police notifications', columns: CSV_COLUMNS }, [{ field: 'file', text: 'Select a CSV file of police notifications' }]);
      }
      const read = await readPoliceCsv(file);
      if (read.problems.length) {
        // All or nothing: any bad row means nothing of the file is imported; every bad row is listed.
        return reply.code(400).view('frontdoor/views/police/import.njk', {
          pageTitle: 'Import police notifications',
          columns: CSV_COLUMNS,
          problems: read.problems.slice(0, 500),
          moreProblems: Math.max(0, read.problems.length - 500),
          totalProblems: read.problems.length,
          errors: errorMap([{ field: 'file', text: 'The file has errors: nothing was imported' }]),
          errorList: errorSummary([{ field: 'file', text: `The file has ${read.problems.length} error${read.problems.length === 1 ? '' : 's'}: nothing was imported. Correct the rows listed below and import the whole file again.` }]),
        });
      }
      const fileName = uploadNames.get(request) || 'upload.csv';
      const result = await services.police.import(request.ctx, read.notifications, { kind: 'csv', fileName });
      return reply.view('frontdoor/views/police/import-result.njk', { pageTitle: 'Police notifications imported', result, rows: read.rows, fileName });
    });
  });

  app.get('/frontdoor/police/import', { config: access }, async (_request, reply) => reply.view('frontdoor/views/police/import.njk', { pageTitle: 'Import police notifications', columns: CSV_COLUMNS }));

  const showNotification = async (reply: FastifyReply, request: FastifyRequest, extra: Record<string, unknown> = {}, status = 200) => {
    const id = idParam(request);
    const calendar = await services.calendar.calendar();
    const n = await services.police.get(request.ctx, id, calendar).catch(notFoundIfMissing);
    return reply.code(status).view('frontdoor/views/police/notification.njk', { pageTitle: `Police notification ${n.police_reference}`, n, labels, today: todayInLondon(), values: {}, ...extra });
  };

  app.get('/frontdoor/police/:id', { config: access }, async (request, reply) => showNotification(reply, request));

  app.get('/frontdoor/police/:id/people/:personRowId/search', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const personRowId = idParam(request, 'personRowId');
    const calendar = await services.calendar.calendar();
    const n = await services.police.get(request.ctx, id, calendar, { audit: false }).catch(notFoundIfMissing);
    const person = [...n.children, ...n.adults].find((p) => p.id === personRowId);
    if (!person) return notFoundIfMissing(new NotFoundError('person'));
    let outcome = null;
    let searchError: string | null = null;
    try {
      outcome = await services.police.searchFor(request.ctx, id, personRowId);
    } catch (err) {
      if (!(err instanceof SearchInputError)) throw err;
      searchError = err.message;
    }
    return reply.view('frontdoor/views/police/person-search.njk', { pageTitle: `Find ${person.given_name} ${person.family_name} in the person index`, n, person, outcome, searchError });
  });

  app.post('/frontdoor/police/:id/people/:personRowId/match', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const personRowId = idParam(request, 'personRowId');
    const body = request.body as Record<string, unknown>;
    const personId = /^\d{1,12}$/.test(str(body.personId)) ? Number(body.personId) : null;
    const version = /^\d{1,9}$/.test(str(body.version)) ? Number(body.version) : -1;
    if (personId === null && body.unmatch !== 'yes') return reply.code(400).view('web/views/errors/400.njk');
    try {
      await services.police.matchPerson(request.ctx, id, personRowId, version, personId);
    } catch (err) {
      const [e] = errorsOf(err);
      setFlash(request, { heading: 'Not matched', text: e!.text });
      return reply.redirect(`/frontdoor/police/${id}`);
    }
    setFlash(request, { heading: personId === null ? 'Match removed' : 'Matched to the person record' });
    return reply.redirect(`/frontdoor/police/${id}`);
  });

  app.post('/frontdoor/police/:id/encompass', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const body = request.body as Record<string, unknown>;
    const personRowId = /^\d{1,9}$/.test(str(body.personRowId)) ? Number(body.personRowId) : 0;
    const sent = dateFromParts(body, `sentOn-${personRowId}`, 'the date the notice was sent', { required: true, notFuture: true });
    const input = { kind: str(body[`kind-${personRowId}`]), recipientName: str(body[`recipientName-${personRowId}`]), sentOn: sent.value ?? '', sentBy: str(body[`sentBy-${personRowId}`]) };
    try {
      if (sent.error) throw new ContactRulesError([{ field: `sentOn-${personRowId}`, text: sent.error }]);
      await services.police.recordEncompass(request.ctx, id, personRowId, input);
    } catch (err) {
      const errors = errorsOf(err);
      return showNotification(reply, request, { values: body, ...withErrors(errors) }, 400);
    }
    setFlash(request, { heading: `Operation Encompass notice recorded: ${ENCOMPASS_RECIPIENTS[input.kind as keyof typeof ENCOMPASS_RECIPIENTS]}` });
    return reply.redirect(`/frontdoor/police/${id}`);
  });

  // ---- the daily screening meeting

  const meetingForm = async (values: Record<string, unknown>) => {
    const calendar = await services.calendar.calendar();
    const queue = await services.police.queue({}, calendar);
    return {
      pageTitle: 'Record the screening meeting',
      queue,
      values,
      attendeeSlots: ATTENDEE_SLOTS,
      agencyItems: (selected: unknown) => selectItems(MEETING_AGENCIES, selected, 'Select agency'),
      // The first radio takes the bare id (decision-N, where the error summary links); each decision has its own.
      decisionItems: (id: number, selected: unknown) => [
        { value: '', text: 'Not discussed: keep on the queue', checked: !selected, id: `decision-${id}` },
        ...Object.entries(SCREENING_DECISIONS).map(([value, text]) => ({ value, text, checked: value === selected, id: `decision-${id}-${value}` })),
      ],
      labels,
    };
  };

  app.get('/frontdoor/police/meetings/new', { config: access }, async (request, reply) => {
    const today = todayInLondon();
    const values = { 'meetingDate-day': String(Number(today.slice(8))), 'meetingDate-month': String(Number(today.slice(5, 7))), 'meetingDate-year': today.slice(0, 4), chair: request.ctx.user!.displayName };
    return reply.view('frontdoor/views/police/meeting-form.njk', await meetingForm(values));
  });

  app.post('/frontdoor/police/meetings/new', { config: access }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const errors: FieldError[] = [];
    const date = dateFromParts(body, 'meetingDate', 'the date of the meeting', { required: true, notFuture: true });
    if (date.error) errors.push({ field: 'meetingDate', text: date.error });
    const attendees = ATTENDEE_SLOTS.map((s) => ({ name: str(body[`attendeeName-${s}`]).trim(), agency: str(body[`attendeeAgency-${s}`]) })).filter((a) => a.name || a.agency);
    const half = ATTENDEE_SLOTS.find((s) => !!str(body[`attendeeName-${s}`]).trim() !== !!str(body[`attendeeAgency-${s}`]));
    if (half) errors.push({ field: `attendeeName-${half}`, text: 'Give each attendee’s name and agency' });
    const ids = [body.notificationIds ?? []].flat().map(String).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
    const decisions = [];
    for (const id of ids) {
      const decision = str(body[`decision-${id}`]);
      if (!decision) continue;
      if (!isKey(SCREENING_DECISIONS, decision)) {
        errors.push({ field: `decision-${id}`, text: 'Select a decision from the list' });
        continue;
      }
      const actionText = str(body[`action-${id}`]);
      const owner = str(body[`owner-${id}`]);
      const due = dateFromParts(body, `dueOn-${id}`, 'the due date', { required: !!(actionText.trim() || owner.trim()) });
      if (due.error) errors.push({ field: `dueOn-${id}`, text: due.error });
      const hasAction = !!(actionText.trim() || owner.trim() || due.value);
      decisions.push({
        notificationId: id,
        version: Number(str(body[`version-${id}`]) || -1),
        decision: decision as ScreeningDecision,
        notes: str(body[`notes-${id}`]),
        sharedWith: str(body[`sharedWith-${id}`]),
        action: hasAction ? { text: actionText, owner, dueOn: due.value ?? '' } : null,
      });
    }
    const input = { meetingDate: date.value ?? '', chair: str(body.chair), attendees, notes: str(body.notes), decisions };
    try {
      if (errors.length) throw new ContactRulesError(errors);
      const meetingId = await services.police.recordMeeting(request.ctx, input);
      setFlash(request, { heading: `Screening meeting recorded: ${decisions.length} notification${decisions.length === 1 ? '' : 's'} decided` });
      return reply.redirect(`/frontdoor/police/meetings/${meetingId}`);
    } catch (err) {
      const all = errorsOf(err);
      // Keep what the meeting typed; a conflict shows the queue as it is now.
      return reply.code(all.some((e) => e.field === 'form' && /changed/.test(e.text)) ? 409 : 400).view('frontdoor/views/police/meeting-form.njk', { ...(await meetingForm(body)), ...withErrors(all) });
    }
  });

  app.get('/frontdoor/police/meetings/:id', { config: access }, async (request, reply) => {
    const m = await services.police.meeting(request.ctx, idParam(request)).catch(notFoundIfMissing);
    return reply.view('frontdoor/views/police/meeting.njk', { pageTitle: `Screening meeting, ${formatIsoDate(m.meeting.meeting_date)}`, m, labels });
  });
}
