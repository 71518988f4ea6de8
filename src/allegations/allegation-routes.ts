import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { versionField, type FieldError } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { ConflictError, NotFoundError } from '../db/transaction.js';
import { SearchInputError } from '../people/search-query.js';
import { todayInLondon, addCalendarMonths } from '../time/index.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';
import { MeetingRulesError } from './allegations-service.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import {
  ACTION_SLOTS, DECISION_SLOTS, OTHER_ROLE_SLOTS, optionItems, partsFromIso, partsOf, radioItems, readClosure, readConsideration, readMeeting, readOutcome, readReferral, readReferralEdit, todayParts,
} from './allegation-forms.js';
import {
  AGENCIES, CATEGORIES, CONSIDERATION_DECISIONS, EMPLOYMENT_STATUSES, ENGAGEMENTS, OUTCOMES, REGULATORS, SECTORS, STATUS_LABELS, TIMESCALE_TARGETS,
  considerationClock, defaultFeedbackDue, meetsThreshold, validateMeeting, openBeyondMonths, reportCsv, timescaleMilestones,
} from './rules.js';

const V = 'allegations/views';
const LABELS = { categories: CATEGORIES, sectors: SECTORS, engagements: ENGAGEMENTS, decisions: CONSIDERATION_DECISIONS, outcomes: OUTCOMES, regulators: REGULATORS, agencies: AGENCIES, employment: EMPLOYMENT_STATUSES, statuses: STATUS_LABELS };

const parseIds = (raw: unknown): number[] =>
  [...new Set(String(typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join(',') : '').split(',').filter((x) => /^\d{1,9}$/.test(x)).map(Number))].slice(0, 10);

/** Fiscal year (April to March) starting in `year`, as the LADO annual report is usually written. */
const fiscalYear = (year: number) => ({ from: `${year}-04-01`, to: `${year + 1}-03-31` });
const currentFiscalStart = () => {
  const t = todayInLondon();
  const y = Number(t.slice(0, 4));
  return t.slice(5) >= '04-01' ? y : y - 1;
};

export function registerAllegationRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.allegations;

  async function loadCase(request: FastifyRequest, audit = true) {
    const id = idParam(request);
    try {
      return await svc.getCase(request.ctx, id, { audit });
    } catch (err) {
      return notFoundIfMissing(err);
    }
  }

  async function caseView(request: FastifyRequest) {
    const data = await loadCase(request);
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const c = data.case;
    const clock = considerationClock(calendar, c.received_date, today, c.consideration_date);
    const milestones = timescaleMilestones(c.received_date, c.outcome_date, today);
    const threshold = meetsThreshold(c.consideration_decision);
    const status = (done: boolean, available = true) => (done ? { tag: { text: 'Completed' } } : available ? { tag: { text: 'Not yet started', classes: 'govuk-tag--blue' } } : { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' });
    const closed = c.status === 'closed';
    const tasks = [
      { title: { text: 'Referral' }, href: '#referral', status: status(true) },
      { title: { text: 'Initial consideration' }, href: closed ? undefined : `/allegations/${c.id}/consideration`, hint: { text: `Due ${formatIsoDate(clock.dueDate)} (1 working day)` }, status: status(!!c.consideration_date) },
      { title: { text: data.meetings.length ? 'Review meeting' : 'Allegation management meeting' }, href: !closed && c.consideration_date ? `/allegations/${c.id}/meetings/new` : undefined, hint: { text: `${data.meetings.length} held` }, status: data.meetings.length ? { tag: { text: `${data.meetings.length} recorded`, classes: 'govuk-tag--green' } } : status(false, !!c.consideration_date && threshold) },
      { title: { text: 'Outcome' }, href: !closed && c.consideration_date ? `/allegations/${c.id}/outcome` : undefined, status: status(!!c.outcome, !!c.consideration_date) },
      { title: { text: 'Closure' }, href: closed ? undefined : `/allegations/${c.id}/close`, status: status(closed, !!c.outcome || (!!c.consideration_date && !threshold)) },
    ];
    return { ...data, today, clock, clockTag: CLOCK_TAGS[clock.status], milestones, tasks, threshold, closed, labels: LABELS, pageTitle: `Allegation ${c.id}: ${data.subject.given_names} ${data.subject.family_name}` };
  }

  // ---- work tray ----------------------------------------------------------------------------
  app.get('/allegations', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const { cases, meetings, actions } = await svc.openCases();
    const byId = new Map(cases.map((c) => [c.id, c]));
    const awaiting = cases
      .filter((c) => c.status === 'awaiting_consideration')
      .map((c) => {
        const clock = considerationClock(calendar, c.received_date, today, null);
        return { ...c, clock, tag: CLOCK_TAGS[clock.status] };
      });
    const meetingsDue = cases
      .filter((c) => c.status === 'open')
      .flatMap((c) => {
        const mine = meetings.filter((m) => m.case_id === c.id);
        const last = mine.at(-1);
        if (!last) return [{ ...c, what: 'Allegation management meeting not yet held', due: c.consideration_date ?? c.received_date }];
        if (last.next_review_date && last.next_review_date <= calendar.addWorkingDays(today, 5)) return [{ ...c, what: 'Review meeting', due: last.next_review_date }];
        return [];
      })
      .sort((a, b) => a.due.localeCompare(b.due));
    const overdue = actions.filter((a) => a.due_date < today).map((a) => ({ ...a, subject: byId.get(a.case_id) }));
    const aged = [12, 3, 1].map((months) => ({
      months,
      cases: cases.filter((c) => !c.outcome_date && openBeyondMonths(c.received_date, today) === months).map((c) => ({ ...c, target: addCalendarMonths(c.received_date, months) })),
    }));
    return reply.view(`${V}/tray.njk`, { pageTitle: 'Allegations work tray', awaiting, meetingsDue, overdue, aged, today, labels: LABELS, openCount: cases.length });
  });

  app.get('/allegations/cases', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const status = String((request.query as Record<string, unknown>).status ?? '');
    const cases = await svc.caseList(status in STATUS_LABELS ? { status } : {});
    await services.audit.record(request.ctx, { action: 'allegation.list', recordType: 'allegation', details: { status, shown: cases.length } });
    return reply.view(`${V}/cases.njk`, { pageTitle: 'All allegations', cases, status, labels: LABELS, statusItems: optionItems(STATUS_LABELS, status, 'Any status') });
  });

  // ---- new referral: search for the child first ---------------------------------------------
  const referralData = async (request: FastifyRequest, values: Record<string, unknown>, childIds: number[]) => ({
    pageTitle: 'New allegation referral',
    values,
    children: await svc.childBriefs(childIds),
    childIds: childIds.join(','),
    otherRoleSlots: OTHER_ROLE_SLOTS,
    sectorItems: (v: unknown) => optionItems(SECTORS, v),
    engagementItems: (v: unknown) => radioItems(ENGAGEMENTS, v),
    categoryItems: radioItems(CATEGORIES, values.category),
  });

  app.get('/allegations/new', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const childIds = parseIds(query.children);
    const q = typeof query.q === 'string' ? query.q.slice(0, 200) : '';
    const data = await referralData(request, { receivedDate: todayParts(), subjectDateOfBirth: partsFromIso(null) }, childIds);
    let hits: Array<{ id: number; name: string; dateOfBirth: string | null; address: string | null; selectHref: string }> | null = null;
    if (q.trim()) {
      try {
        const outcome = await services.personSearch.search(request.ctx, { q });
        hits = outcome.hits.flatMap((h) =>
          h.person && !childIds.includes(h.id) ? [{ id: h.id, name: `${h.person.givenNames} ${h.person.familyName}`, dateOfBirth: h.person.dateOfBirth, address: h.person.address, selectHref: `/allegations/new?children=${[...childIds, h.id].join(',')}` }] : [],
        );
      } catch (err) {
        if (!(err instanceof SearchInputError)) throw err;
        return renderWithErrors(reply, `${V}/new.njk`, { ...data, q }, [{ field: 'q', text: err.message }]);
      }
    }
    return reply.view(`${V}/new.njk`, { ...data, q, hits });
  });

  app.post('/allegations/new', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const childIds = parseIds(body.childIds);
    const values = { ...body, receivedDate: partsOf(body, 'receivedDate'), subjectDateOfBirth: partsOf(body, 'subjectDateOfBirth') };
    const data = await referralData(request, values, childIds);
    const { input, errors } = readReferral(body, data.children.map((c) => c.id));
    if (!input) return renderWithErrors(reply, `${V}/new.njk`, { ...data, q: '' }, errors);
    let id: number;
    try {
      id = await svc.createReferral(request.ctx, input);
    } catch (err) {
      return renderWithErrors(reply, `${V}/new.njk`, { ...data, q: '' }, domainErrors(err));
    }
    setFlash(request, { heading: 'Referral recorded', text: 'Record the initial consideration within 1 working day.' });
    return reply.redirect(`/allegations/${id}`);
  });

  // ---- report (static paths before /allegations/:id) ----------------------------------------
  const reportRange = (request: FastifyRequest) => {
    const raw = String((request.query as Record<string, unknown>).year ?? '');
    const year = /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : currentFiscalStart();
    return { year, ...fiscalYear(year) };
  };

  app.get('/allegations/report', { config: { access: 'allegations.report' } }, async (request, reply) => {
    const range = reportRange(request);
    const report = await svc.report(request.ctx, range.from, range.to);
    const bar = (n: number, max: number) => (max ? Math.round((n / max) * 20) * 5 : 0);
    const withBars = (rows: Array<{ label: string; count: number }>) => {
      const max = Math.max(0, ...rows.map((r) => r.count));
      return rows.map((r) => ({ ...r, width: bar(r.count, max) }));
    };
    const start = currentFiscalStart();
    return reply.view(`${V}/report.njk`, {
      pageTitle: 'Designated officer annual report',
      range,
      report,
      sections: [
        { id: 'source', title: 'Referrals by source sector', rows: withBars(report.bySourceSector) },
        { id: 'employer', title: 'Referrals by employer type', rows: withBars(report.byEmployerSector) },
        { id: 'category', title: 'Referrals by category', rows: withBars(report.byCategory) },
        { id: 'consideration', title: 'Initial consideration', rows: withBars(report.byConsideration) },
        { id: 'outcome', title: 'Outcomes', rows: withBars(report.byOutcome) },
      ],
      timeliness: report.timeliness.map((t) => ({ ...t, width: t.achievedPercent === null ? 0 : Math.round(t.achievedPercent / 5) * 5 })),
      years: [start, start - 1, start - 2].map((y) => ({ value: String(y), text: `April ${y} to March ${y + 1}`, selected: y === range.year })),
      targets: TIMESCALE_TARGETS,
    });
  });

  app.get('/allegations/report/csv', { config: { access: 'allegations.report' } }, async (request, reply) => {
    const range = reportRange(request);
    const report = await svc.report(request.ctx, range.from, range.to, { export: true });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="lado-annual-report-${range.year}-${range.year + 1}.csv"`)
      .header('cache-control', 'no-store')
      .send(reportCsv(report));
  });

  // ---- case page ----------------------------------------------------------------------------
  app.get('/allegations/:id', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    return reply.view(`${V}/case.njk`, await caseView(request));
  });

  // ---- correcting the referral ----------------------------------------------------------------
  const referralEditData = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const data = await loadCase(request, false);
    return { pageTitle: 'Change the referral', c: data.case, subject: data.subject, values, categoryItems: radioItems(CATEGORIES, values.category) };
  };

  app.get('/allegations/:id/referral', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const c = (await loadCase(request, false)).case;
    const values = { alleged: c.alleged, category: c.category, policeInvolved: c.police_involved ? 'yes' : 'no', dslName: c.dsl_name, dslContact: c.dsl_contact, subjectRole: c.subject_role, version: c.version };
    return reply.view(`${V}/referral-edit.njk`, await referralEditData(request, values));
  });

  app.post('/allegations/:id/referral', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = await referralEditData(request, { ...body });
    const { input, errors } = readReferralEdit(body);
    const version = versionField.safeParse(body.version);
    if (!version.success) errors.push({ field: 'form', text: 'The form was incomplete: reload the page and try again' });
    if (!input || !version.success) return renderWithErrors(reply, `${V}/referral-edit.njk`, data, errors);
    try {
      await svc.updateReferral(request.ctx, data.c.id, version.data, input);
    } catch (err) {
      const e = domainErrors(err);
      return renderWithErrors(reply, `${V}/referral-edit.njk`, { ...data, values: { ...body, version: data.c.version } }, e, err instanceof ConflictError ? 409 : 400);
    }
    setFlash(request, { heading: 'Referral updated' });
    return reply.redirect(`/allegations/${data.c.id}#referral`);
  });

  // ---- initial consideration ----------------------------------------------------------------
  const considerationData = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const data = await loadCase(request, false);
    const calendar = await services.calendar.calendar();
    const clock = considerationClock(calendar, data.case.received_date, todayInLondon(), null);
    return { pageTitle: 'Initial consideration', c: data.case, subject: data.subject, clock, clockTag: CLOCK_TAGS[clock.status], values, decisionItems: radioItems(CONSIDERATION_DECISIONS, values.decision) };
  };

  app.get('/allegations/:id/consideration', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const base = await loadCase(request, false);
    const c = base.case;
    const values = { decision: c.consideration_decision ?? '', rationale: c.consideration_rationale ?? '', considerationDate: c.consideration_date ? partsFromIso(c.consideration_date) : todayParts(), version: c.version };
    return reply.view(`${V}/consideration.njk`, await considerationData(request, values));
  });

  app.post('/allegations/:id/consideration', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...body, considerationDate: partsOf(body, 'considerationDate') };
    const data = await considerationData(request, values);
    const { input, errors } = readConsideration(body);
    const version = versionField.safeParse(body.version);
    if (!version.success) errors.push({ field: 'form', text: 'The form was incomplete: reload the page and try again' });
    if (!input || !version.success) return renderWithErrors(reply, `${V}/consideration.njk`, data, errors);
    try {
      await svc.recordConsideration(request.ctx, data.c.id, version.data, input);
    } catch (err) {
      const e = domainErrors(err);
      return renderWithErrors(reply, `${V}/consideration.njk`, { ...data, values: { ...values, version: data.c.version } }, e, err instanceof ConflictError ? 409 : 400);
    }
    setFlash(request, { heading: 'Initial consideration recorded' });
    return reply.redirect(`/allegations/${data.c.id}`);
  });

  // ---- meetings -----------------------------------------------------------------------------
  const meetingData = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const data = await loadCase(request, false);
    const kind: 'initial' | 'review' = data.meetings.length ? 'review' : 'initial';
    return {
      pageTitle: kind === 'initial' ? 'Allegation management meeting' : 'Review meeting',
      kind,
      c: data.case,
      subject: data.subject,
      values,
      agencies: Object.entries(AGENCIES).map(([key, label]) => ({ key, label })),
      decisionSlots: DECISION_SLOTS,
      actionSlots: ACTION_SLOTS,
      employmentItems: radioItems(EMPLOYMENT_STATUSES, values.employmentStatus),
    };
  };

  app.get('/allegations/:id/meetings/new', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const base = await loadCase(request, false);
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const c = base.case;
    const values: Record<string, unknown> = {
      meetingDate: partsFromIso(today),
      employmentStatus: 'none',
      employmentFrom: partsFromIso(null),
      employmentTo: partsFromIso(null),
      nextReviewDate: partsFromIso(null),
      'action-feedback': `Employer to give feedback to the designated officer on the actions agreed`,
      'owner-feedback': c.dsl_name ? `${c.dsl_name} (${c.employer_name})` : c.employer_name,
      'due-feedback': partsFromIso(defaultFeedbackDue(calendar, today)),
    };
    for (const s of ACTION_SLOTS) values[`due-${s}`] = partsFromIso(null);
    if (c.police_involved) values['attendance-police'] = 'attended';
    values['attendance-employer'] = 'attended';
    values['attendee-employer'] = c.dsl_name;
    return reply.view(`${V}/meeting.njk`, await meetingData(request, values));
  });

  app.post('/allegations/:id/meetings/new', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: Record<string, unknown> = { ...body };
    for (const p of ['meetingDate', 'employmentFrom', 'employmentTo', 'nextReviewDate', 'due-feedback', ...ACTION_SLOTS.map((s) => `due-${s}`)]) values[p] = partsOf(body, p);
    const data = await meetingData(request, values);
    const calendar = await services.calendar.calendar();
    const { input, dateErrors } = readMeeting(body, data.kind, calendar);
    const fieldsWithDateErrors = new Set(dateErrors.map((e) => e.field));
    let errors: FieldError[] = [];
    try {
      if (dateErrors.length) {
        // Report the date problems with the rule problems, so the user sees everything at once.
        errors = [...dateErrors, ...validateMeeting(input).filter((e) => !fieldsWithDateErrors.has(e.field))];
      } else {
        await svc.addMeeting(request.ctx, data.c.id, input);
      }
    } catch (err) {
      errors = err instanceof MeetingRulesError ? err.errors : domainErrors(err);
    }
    if (errors.length) return renderWithErrors(reply, `${V}/meeting.njk`, data, errors);
    setFlash(request, { heading: data.kind === 'initial' ? 'Meeting recorded' : 'Review meeting recorded' });
    return reply.redirect(`/allegations/${data.c.id}#meetings`);
  });

  app.post('/allegations/:id/actions/:actionId/complete', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const id = idParam(request);
    const actionId = idParam(request, 'actionId');
    try {
      await svc.completeAction(request.ctx, id, actionId, todayInLondon());
    } catch (err) {
      if (err instanceof NotFoundError) return notFoundIfMissing(err);
      throw err;
    }
    setFlash(request, { heading: 'Action marked as done' });
    return reply.redirect(`/allegations/${id}#actions`);
  });

  // ---- outcome ------------------------------------------------------------------------------
  const outcomeData = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const data = await loadCase(request, false);
    const today = todayInLondon();
    return {
      pageTitle: 'Outcome',
      c: data.case,
      subject: data.subject,
      values,
      milestones: timescaleMilestones(data.case.received_date, null, today),
      overTwelveMonths: today > addCalendarMonths(data.case.received_date, 12),
      outcomeItems: radioItems(OUTCOMES, values.outcome),
      regulatorItems: optionItems(REGULATORS, values.regulatorReferral),
    };
  };

  app.get('/allegations/:id/outcome', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const c = (await loadCase(request, false)).case;
    const values = {
      outcome: c.outcome ?? '', outcomeDate: c.outcome_date ? partsFromIso(c.outcome_date) : todayParts(), regulatorReferral: c.regulator_referral ?? '',
      regulatorReferralDate: partsFromIso(c.regulator_referral_date), lessonsLearned: c.lessons_learned ?? '', retainedOnFile: c.retained_on_file ?? '',
      referenceSummary: c.reference_summary ?? '', exceptionalReason: c.exceptional_reason ?? '', version: c.version,
    };
    return reply.view(`${V}/outcome.njk`, await outcomeData(request, values));
  });

  app.post('/allegations/:id/outcome', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...body, outcomeDate: partsOf(body, 'outcomeDate'), regulatorReferralDate: partsOf(body, 'regulatorReferralDate') };
    const data = await outcomeData(request, values);
    const { input, errors } = readOutcome(body);
    const version = versionField.safeParse(body.version);
    if (!version.success) errors.push({ field: 'form', text: 'The form was incomplete: reload the page and try again' });
    if (!input || !version.success) return renderWithErrors(reply, `${V}/outcome.njk`, data, errors);
    try {
      await svc.recordOutcome(request.ctx, data.c.id, version.data, input);
    } catch (err) {
      const e = domainErrors(err);
      return renderWithErrors(reply, `${V}/outcome.njk`, { ...data, values: { ...values, version: data.c.version } }, e, err instanceof ConflictError ? 409 : 400);
    }
    setFlash(request, { heading: 'Outcome recorded' });
    return reply.redirect(`/allegations/${data.c.id}`);
  });

  // ---- closure ------------------------------------------------------------------------------
  const closeData = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const data = await loadCase(request, false);
    return { pageTitle: 'Close the case', c: data.case, subject: data.subject, values, openActions: data.actions.filter((a) => !a.completed_date).length, labels: LABELS };
  };

  app.get('/allegations/:id/close', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const c = (await loadCase(request, false)).case;
    return reply.view(`${V}/close.njk`, await closeData(request, { closedDate: todayParts(), closureNote: '', version: c.version }));
  });

  app.post('/allegations/:id/close', { config: { access: 'allegations.manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...body, closedDate: partsOf(body, 'closedDate') };
    const data = await closeData(request, values);
    const { input, errors } = readClosure(body);
    const version = versionField.safeParse(body.version);
    if (!version.success) errors.push({ field: 'form', text: 'The form was incomplete: reload the page and try again' });
    if (!input || !version.success) return renderWithErrors(reply, `${V}/close.njk`, data, errors);
    try {
      await svc.close(request.ctx, data.c.id, version.data, input.closedDate, input.note);
    } catch (err) {
      const e = domainErrors(err);
      return renderWithErrors(reply, `${V}/close.njk`, { ...data, values: { ...values, version: data.c.version } }, e);
    }
    setFlash(request, { heading: 'Case closed' });
    return reply.redirect(`/allegations/${data.c.id}`);
  });
}
