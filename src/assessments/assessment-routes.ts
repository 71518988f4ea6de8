import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import type { FieldError } from '../web/forms.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { todayInLondon } from '../time/index.js';
import { NotFoundError } from '../db/transaction.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';
import { hasPermission } from '../access/policy.js';
import { dateFromParts } from '../people/person-form.js';
import { partsFromIso, partsOf } from '../allegations/allegation-forms.js';
import { AssessmentRulesError, type OtherInput, type SectionInput } from './assessments-service.js';
import {
  CHILD_SEEN, FACTOR_GROUPS, FACTORS, OUTCOMES, SECTIONS, SETTING_SOURCES, STATUSES, STATUS_TAGS, STATUTORY_MAX_WORKING_DAYS, STATUTORY_SOURCE,
  assessmentClock, assessmentDueDate, closureReasonFor, guidanceDueDate, isSection, nextReviewDue, parseTimescales, sectionComplete, validateSettings,
  type AssessmentStatus, type Section,
} from './rules.js';

const V = 'assessments/views';
const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const versionOf = (body: Record<string, unknown>) => Number(s(body.version));
export const OTHER_SLOTS = ['1', '2', '3', '4'];

/** Rule errors and domain errors alike, for the error summary. */
function errorsOf(err: unknown): FieldError[] {
  if (err instanceof AssessmentRulesError) return err.errors;
  return domainErrors(err);
}

/** The single assessment (guidance, task list, check answers, authorisation), CIN plans and the assessment settings page. */
export function registerAssessmentRoutes(app: FastifyInstance, services: Services): void {
  const assessments = services.assessments;

  async function load(request: FastifyRequest, audit = true) {
    try {
      return await assessments.get(request.ctx, idParam(request), { audit });
    } catch (err) {
      return notFoundIfMissing(err);
    }
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  async function common(request: FastifyRequest, data: Loaded) {
    const a = data.assessment;
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const settings = await services.assessmentSettings.get();
    const clock = assessmentClock(calendar, a, today);
    const guidanceDue = a.status === 'awaiting_guidance' ? guidanceDueDate(calendar, a.requested_date, settings) : null;
    const guidanceClock = guidanceDue ? calendar.clockStatusForDueDate(a.requested_date, guidanceDue, today, null) : null;
    const user = request.ctx.user!;
    return {
      a,
      name: data.name,
      episode: data.episode,
      caption: `${data.name}: assessment`,
      statusText: STATUSES[a.status as AssessmentStatus],
      statusTag: STATUS_TAGS[a.status as AssessmentStatus],
      clock,
      clockTag: clock ? CLOCK_TAGS[clock.status] : null,
      guidanceDue,
      guidanceClockTag: guidanceClock ? CLOCK_TAGS[guidanceClock.status] : null,
      statutoryDate: calendar.addWorkingDays(data.episode.referral_date, STATUTORY_MAX_WORKING_DAYS),
      can: {
        write: hasPermission(user, 'casework.write') && a.status === 'in_progress',
        manage: hasPermission(user, 'casework.manage'),
      },
    };
  }

  // ---- start ---------------------------------------------------------------------------------
  const startView = async (request: FastifyRequest, personId: number, values: Record<string, unknown>) => {
    try {
      await services.people.assertCanOpen(request.ctx, personId);
    } catch (err) {
      notFoundIfMissing(err);
    }
    const episodes = await assessments.openEpisodes(personId);
    return {
      pageTitle: 'Start an assessment',
      personId,
      name: await assessments.personName(personId),
      episodes,
      values,
      episodeItems: episodes.map((e) => ({ value: String(e.id), text: `Referral of ${e.referral_date}`, checked: String(e.id) === String(values.episodeId ?? (episodes.length === 1 ? e.id : '')) })),
    };
  };
  app.get('/children/:personId/assessments/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    return reply.view(`${V}/start.njk`, await startView(request, idParam(request, 'personId'), {}));
  });
  app.post('/children/:personId/assessments', { config: { access: 'casework.write' } }, async (request, reply) => {
    const personId = idParam(request, 'personId');
    const body = bodyOf(request);
    const values = { episodeId: s(body.episodeId) };
    if (!/^\d{1,9}$/.test(values.episodeId)) return renderWithErrors(reply, `${V}/start.njk`, await startView(request, personId, values), [{ field: 'episodeId', text: 'Select the referral the assessment is for' }]);
    let id: number;
    try {
      id = await assessments.request(request.ctx, personId, Number(values.episodeId), todayInLondon());
    } catch (err) {
      if (err instanceof NotFoundError) notFoundIfMissing(err);
      return renderWithErrors(reply, `${V}/start.njk`, await startView(request, personId, values), errorsOf(err));
    }
    setFlash(request, { heading: 'Assessment requested', text: 'A manager needs to give guidance and set a timescale before it starts.' });
    return reply.redirect(`/assessments/${id}`);
  });

  // ---- the assessment: task list ---------------------------------------------------------------
  app.get('/assessments/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const data = await load(request);
    const c = await common(request, data);
    const a = data.assessment;
    const tasks = (Object.keys(SECTIONS) as Section[]).map((key) => {
      const done = sectionComplete(data.content, key);
      const editable = c.can.write;
      return {
        title: { text: SECTIONS[key] },
        href: editable ? `/assessments/${a.id}/sections/${key}` : undefined,
        status: a.status === 'awaiting_guidance' ? { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' } : done ? { text: 'Completed' } : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
      };
    });
    return reply.view(`${V}/assessment.njk`, {
      ...c,
      pageTitle: `Assessment: ${data.name}`,
      tasks,
      others: data.others,
      returns: data.returns,
      users: data.users,
      plan: data.plan,
      outcomeText: a.outcome ? OUTCOMES[a.outcome as keyof typeof OUTCOMES] : null,
      closure: a.status === 'authorised' ? closureReasonFor(a.outcome) : null,
      canPlan: a.status === 'authorised' && a.outcome === 'cin_plan' && !data.plan && hasPermission(request.ctx.user!, 'casework.write'),
    });
  });

  // ---- manager guidance --------------------------------------------------------------------------
  const guidanceView = async (request: FastifyRequest, data: Loaded, values: Record<string, unknown>) => {
    const c = await common(request, data);
    const settings = await services.assessmentSettings.get();
    const calendar = await services.calendar.calendar();
    const start = typeof values.startIso === 'string' && values.startIso ? values.startIso : todayInLondon();
    const offered = [...new Set([...settings.timescales, ...(data.assessment.timescale_working_days ? [data.assessment.timescale_working_days] : [])])].sort((x, y) => x - y);
    return {
      ...c,
      pageTitle: `Manager guidance: ${data.name}`,
      values,
      timescaleItems: offered.map((n) => {
        const due = assessmentDueDate(calendar, data.episode.referral_date, start < data.episode.referral_date ? data.episode.referral_date : start, n);
        return { value: String(n), text: `${n} working days`, checked: String(n) === String(values.timescale ?? ''), hint: { text: `Due by ${formatIsoDate(due.dueDate)}${due.capped ? ' (the 45-working-day limit from the referral comes first)' : ''} if started ${formatIsoDate(start)}` } };
      }),
    };
  };
  app.get('/assessments/:id/guidance', { config: { access: 'casework.manage' } }, async (request, reply) => {
    const data = await load(request);
    const a = data.assessment;
    return reply.view(`${V}/guidance.njk`, await guidanceView(request, data, { guidance: a.guidance, timescale: a.timescale_working_days ?? '', startDate: partsFromIso(a.start_date ?? todayInLondon()), version: a.version }));
  });
  app.post('/assessments/:id/guidance', { config: { access: 'casework.manage' } }, async (request, reply) => {
    const data = await load(request, false);
    const body = bodyOf(request);
    const start = dateFromParts(body, 'startDate', 'the date the assessment starts', { required: true, notFuture: true });
    const values = { guidance: s(body.guidance), timescale: s(body.timescale), startDate: partsOf(body, 'startDate'), startIso: start.value, version: body.version };
    const errors: FieldError[] = start.error ? [{ field: 'startDate', text: start.error }] : [];
    let result: { dueDate: string; capped: boolean } | undefined;
    try {
      if (!errors.length) result = await assessments.giveGuidance(request.ctx, data.assessment.id, versionOf(body), { guidance: values.guidance, timescale: Number(values.timescale), startDate: start.value }, await services.calendar.calendar(), todayInLondon());
    } catch (err) {
      errors.push(...errorsOf(err).filter((e) => !errors.some((x) => x.field === e.field)));
    }
    if (errors.length || !result) return renderWithErrors(reply, `${V}/guidance.njk`, await guidanceView(request, data, values), errors);
    setFlash(request, { heading: 'Guidance given: the assessment has started', text: `Due by ${formatIsoDate(result.dueDate)}${result.capped ? ', the 45-working-day limit from the referral' : ''}.` });
    return reply.redirect(`/assessments/${data.assessment.id}`);
  });

  // ---- sections ----------------------------------------------------------------------------------
  const sectionValues = (data: Loaded, section: Section): Record<string, unknown> => {
    const a = data.assessment;
    switch (section) {
      case 'voice':
        return { childSeen: a.child_seen ?? '', childSeenDate: partsFromIso(a.child_seen_date), childVoice: a.child_voice };
      case 'others':
        return Object.fromEntries(
          OTHER_SLOTS.flatMap((slot, i) => {
            const o = data.others[i];
            return [[`name-${slot}`, o?.name ?? ''], [`relationship-${slot}`, o?.relationship ?? ''], [`absent-${slot}`, o?.absent_parent ? 'yes' : ''], [`contacted-${slot}`, o ? (o.contacted ? 'yes' : 'no') : ''], [`view-${slot}`, o?.view ?? '']];
          }),
        );
      case 'risks':
        return { riskFactors: a.risk_factors, protectiveFactors: a.protective_factors };
      case 'factors':
        return { factors: a.factors };
      case 'analysis':
        return { analysis: a.analysis };
      case 'outcome':
        return { outcome: a.outcome ?? '' };
    }
  };
  const sectionView = async (request: FastifyRequest, data: Loaded, section: Section, values: Record<string, unknown>) => {
    const c = await common(request, data);
    const chosen = new Set(list(values.factors));
    return {
      ...c,
      pageTitle: `${SECTIONS[section]}: ${data.name}`,
      section,
      heading: SECTIONS[section],
      values: { ...values, version: values.version ?? data.assessment.version },
      otherSlots: OTHER_SLOTS,
      seenItems: Object.entries(CHILD_SEEN).map(([value, text]) => ({ value, text, checked: value === values.childSeen })),
      factorGroups: FACTOR_GROUPS.map((g, i) => ({ heading: g.heading, idPrefix: i === 0 ? 'factors' : `factors-${i}`, items: g.factors.map(([code, text]) => ({ value: code, text: `${code}: ${text}`, checked: chosen.has(code) })) })),
      outcomeItems: Object.entries(OUTCOMES).map(([value, text]) => ({ value, text, checked: value === values.outcome })),
      guidance: data.assessment.guidance,
    };
  };
  function sectionParam(request: FastifyRequest): Section {
    const sec = (request.params as Record<string, string>).section;
    if (!isSection(sec)) notFoundIfMissing(new NotFoundError('section'));
    return sec as Section;
  }
  app.get('/assessments/:id/sections/:section', { config: { access: 'casework.write' } }, async (request, reply) => {
    const section = sectionParam(request);
    const data = await load(request);
    return reply.view(`${V}/section.njk`, await sectionView(request, data, section, sectionValues(data, section)));
  });
  app.post('/assessments/:id/sections/:section', { config: { access: 'casework.write' } }, async (request, reply) => {
    const section = sectionParam(request);
    const data = await load(request, false);
    const body = bodyOf(request);
    const errors: FieldError[] = [];
    let input: SectionInput;
    let values: Record<string, unknown> = { ...body };
    switch (section) {
      case 'voice': {
        const seen = dateFromParts(body, 'childSeenDate', 'the date the child was seen', { notFuture: true });
        if (seen.error) errors.push({ field: 'childSeenDate', text: seen.error });
        values = { childSeen: s(body.childSeen), childSeenDate: partsOf(body, 'childSeenDate'), childVoice: s(body.childVoice), version: body.version };
        input = { section, childSeen: s(body.childSeen), childSeenDate: seen.value, childVoice: s(body.childVoice) };
        break;
      }
      case 'others': {
        const others: OtherInput[] = [];
        for (const slot of OTHER_SLOTS) {
          const name = s(body[`name-${slot}`]);
          const relationship = s(body[`relationship-${slot}`]);
          const view = s(body[`view-${slot}`]);
          const contacted = s(body[`contacted-${slot}`]);
          if (!name && !relationship && !view && !contacted) continue;
          if (!name) errors.push({ field: `name-${slot}`, text: `Enter the name of person ${slot}` });
          if (!relationship) errors.push({ field: `relationship-${slot}`, text: `Enter how person ${slot} is related to the child` });
          if (!contacted) errors.push({ field: `contacted-${slot}`, text: `Select whether person ${slot} was contacted` });
          if (contacted === 'yes' && !view) errors.push({ field: `view-${slot}`, text: `Record the view of person ${slot}, who was contacted` });
          others.push({ name, relationship, view, contacted: contacted === 'yes', absentParent: s(body[`absent-${slot}`]) === 'yes' });
        }
        input = { section, others };
        break;
      }
      case 'risks':
        input = { section, riskFactors: s(body.riskFactors), protectiveFactors: s(body.protectiveFactors) };
        break;
      case 'factors':
        values = { factors: list(body.factors), version: body.version };
        input = { section, factors: list(body.factors) };
        break;
      case 'analysis':
        input = { section, analysis: s(body.analysis) };
        break;
      case 'outcome':
        input = { section, outcome: s(body.outcome) };
        break;
    }
    if (!errors.length) {
      try {
        await assessments.saveSection(request.ctx, data.assessment.id, versionOf(body), input);
      } catch (err) {
        errors.push(...errorsOf(err));
      }
    }
    if (errors.length) {
      return renderWithErrors(reply, `${V}/section.njk`, await sectionView(request, data, section, values), errors);
    }
    setFlash(request, { heading: `${SECTIONS[section]}: saved` });
    return reply.redirect(`/assessments/${data.assessment.id}`);
  });

  // ---- check answers and submit ------------------------------------------------------------------
  const checkView = async (request: FastifyRequest, data: Loaded, extra: Record<string, unknown> = {}) => {
    const c = await common(request, data);
    const a = data.assessment;
    return {
      ...c,
      pageTitle: `Check the assessment: ${data.name}`,
      others: data.others,
      seenText: a.child_seen ? CHILD_SEEN[a.child_seen as keyof typeof CHILD_SEEN] : null,
      factorList: a.factors.map((f) => `${f}: ${FACTORS[f] ?? ''}`),
      outcomeText: a.outcome ? OUTCOMES[a.outcome as keyof typeof OUTCOMES] : null,
      users: data.users,
      ...extra,
    };
  };
  app.get('/assessments/:id/check', { config: { access: 'casework.view' } }, async (request, reply) => {
    const data = await load(request);
    return reply.view(`${V}/check.njk`, await checkView(request, data));
  });
  app.post('/assessments/:id/submit', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await load(request, false);
    const body = bodyOf(request);
    try {
      await assessments.submit(request.ctx, data.assessment.id, versionOf(body));
    } catch (err) {
      return renderWithErrors(reply, `${V}/check.njk`, await checkView(request, data), errorsOf(err));
    }
    setFlash(request, { heading: 'Assessment submitted for authorisation', text: 'A manager will authorise it or return it with comments.' });
    return reply.redirect(`/assessments/${data.assessment.id}`);
  });

  // ---- authorisation -----------------------------------------------------------------------------
  const authoriseView = async (request: FastifyRequest, data: Loaded, values: Record<string, unknown>) =>
    checkView(request, data, {
      pageTitle: `Authorise the assessment: ${data.name}`,
      values,
      decisionItems: [
        { value: 'authorise', text: 'Authorise the assessment', checked: values.decision === 'authorise' },
        { value: 'return', text: 'Return it to the worker with comments', checked: values.decision === 'return' },
      ],
    });
  app.get('/assessments/:id/authorise', { config: { access: 'casework.manage' } }, async (request, reply) => {
    const data = await load(request);
    return reply.view(`${V}/authorise.njk`, await authoriseView(request, data, { decision: '', comments: '', version: data.assessment.version }));
  });
  app.post('/assessments/:id/authorise', { config: { access: 'casework.manage' } }, async (request, reply) => {
    const data = await load(request, false);
    const body = bodyOf(request);
    const values = { decision: s(body.decision), comments: s(body.comments), version: body.version };
    if (values.decision !== 'authorise' && values.decision !== 'return') return renderWithErrors(reply, `${V}/authorise.njk`, await authoriseView(request, data, values), [{ field: 'decision', text: 'Select whether to authorise the assessment or return it' }]);
    try {
      await assessments.authorise(request.ctx, data.assessment.id, versionOf(body), { decision: values.decision, comments: values.comments, date: todayInLondon() });
    } catch (err) {
      return renderWithErrors(reply, `${V}/authorise.njk`, await authoriseView(request, data, values), errorsOf(err));
    }
    setFlash(request, values.decision === 'authorise' ? { heading: 'Assessment authorised' } : { heading: 'Assessment returned to the worker', text: 'Your comments are shown on the assessment.' });
    return reply.redirect(`/assessments/${data.assessment.id}`);
  });

  // ---- CIN plans ---------------------------------------------------------------------------------
  const planStartView = async (request: FastifyRequest, data: Loaded, values: Record<string, unknown>) => ({ ...(await common(request, data)), pageTitle: `Start a child in need plan: ${data.name}`, values });
  app.get('/assessments/:id/cin-plan', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await load(request);
    return reply.view(`${V}/plan-start.njk`, await planStartView(request, data, { startDate: partsFromIso(todayInLondon()) }));
  });
  app.post('/assessments/:id/cin-plan', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await load(request, false);
    const body = bodyOf(request);
    const start = dateFromParts(body, 'startDate', 'the date the plan starts', { required: true, notFuture: true });
    const values = { startDate: partsOf(body, 'startDate') };
    if (start.error) return renderWithErrors(reply, `${V}/plan-start.njk`, await planStartView(request, data, values), [{ field: 'startDate', text: start.error }]);
    let id: number;
    try {
      id = await assessments.startPlan(request.ctx, data.assessment.id, { startDate: start.value }, todayInLondon());
    } catch (err) {
      return renderWithErrors(reply, `${V}/plan-start.njk`, await planStartView(request, data, values), errorsOf(err));
    }
    setFlash(request, { heading: 'Child in need plan started' });
    return reply.redirect(`/cin-plans/${id}`);
  });

  async function loadPlan(request: FastifyRequest, audit = true) {
    try {
      return await assessments.getPlan(request.ctx, idParam(request), { audit });
    } catch (err) {
      return notFoundIfMissing(err);
    }
  }
  type LoadedPlan = Awaited<ReturnType<typeof loadPlan>>;
  const planView = async (request: FastifyRequest, data: LoadedPlan, extra: Record<string, unknown> = {}) => {
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const next = nextReviewDue(data.plan, data.reviews);
    const last = data.reviews.at(-1)?.review_date ?? data.plan.start_date;
    const clock = next ? calendar.clockStatusForDueDate(last, next < last ? last : next, today, null, { dueSoonThreshold: 10 }) : null;
    return {
      // The plan's Signs of Safety mapping (carried forward from the assessment's when the plan started).
      planMapping: await services.practice.planMapping(request.ctx, 'cin_plan', data.plan.id),
      planMapHref: `/children/${data.plan.person_id}/mappings/new?ownerKind=cin_plan&ownerId=${data.plan.id}`,
      pageTitle: `Child in need plan: ${data.name}`,
      plan: data.plan,
      reviews: data.reviews,
      name: data.name,
      episode: data.episode,
      nextReview: next,
      clockTag: clock ? CLOCK_TAGS[clock.status] : null,
      canWrite: !data.plan.end_date && hasPermission(request.ctx.user!, 'casework.write'),
      values: { version: data.plan.version },
      ...extra,
    };
  };
  app.get('/cin-plans/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const data = await loadPlan(request);
    return reply.view(`${V}/plan.njk`, await planView(request, data));
  });
  app.get('/cin-plans/:id/review', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await loadPlan(request);
    return reply.view(`${V}/plan-review.njk`, await planView(request, data, { pageTitle: `Review the child in need plan: ${data.name}`, values: { reviewDate: partsFromIso(todayInLondon()), version: data.plan.version } }));
  });
  app.post('/cin-plans/:id/review', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await loadPlan(request, false);
    const body = bodyOf(request);
    const review = dateFromParts(body, 'reviewDate', 'the date of the review', { required: true, notFuture: true });
    const next = dateFromParts(body, 'nextReviewDate', 'the date of the next review');
    const values = { reviewDate: partsOf(body, 'reviewDate'), nextReviewDate: partsOf(body, 'nextReviewDate'), outcome: s(body.outcome), version: body.version };
    const errors: FieldError[] = [];
    if (review.error) errors.push({ field: 'reviewDate', text: review.error });
    if (next.error) errors.push({ field: 'nextReviewDate', text: next.error });
    if (!errors.length) {
      try {
        await assessments.addReview(request.ctx, data.plan.id, versionOf(body), { reviewDate: review.value, outcome: values.outcome, nextReviewDate: next.value }, todayInLondon());
      } catch (err) {
        errors.push(...errorsOf(err));
      }
    }
    if (errors.length) return renderWithErrors(reply, `${V}/plan-review.njk`, await planView(request, data, { pageTitle: `Review the child in need plan: ${data.name}`, values }), errors);
    setFlash(request, { heading: 'Review recorded' });
    return reply.redirect(`/cin-plans/${data.plan.id}`);
  });
  app.get('/cin-plans/:id/end', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await loadPlan(request);
    return reply.view(`${V}/plan-end.njk`, await planView(request, data, { pageTitle: `End the child in need plan: ${data.name}`, values: { endDate: partsFromIso(todayInLondon()), version: data.plan.version } }));
  });
  app.post('/cin-plans/:id/end', { config: { access: 'casework.write' } }, async (request, reply) => {
    const data = await loadPlan(request, false);
    const body = bodyOf(request);
    const end = dateFromParts(body, 'endDate', 'the date the plan ended', { required: true, notFuture: true });
    const values = { endDate: partsOf(body, 'endDate'), endReason: s(body.endReason), version: body.version };
    const errors: FieldError[] = end.error ? [{ field: 'endDate', text: end.error }] : [];
    if (!errors.length) {
      try {
        await assessments.endPlan(request.ctx, data.plan.id, versionOf(body), { endDate: end.value, endReason: values.endReason }, todayInLondon());
      } catch (err) {
        errors.push(...errorsOf(err));
      }
    }
    if (errors.length) return renderWithErrors(reply, `${V}/plan-end.njk`, await planView(request, data, { pageTitle: `End the child in need plan: ${data.name}`, values }), errors);
    setFlash(request, { heading: 'Child in need plan ended', text: 'If the episode can now close, close it from the child’s record with reason RC7 or the reason that fits.' });
    return reply.redirect(`/cin-plans/${data.plan.id}`);
  });

  // ---- settings ----------------------------------------------------------------------------------
  const settingsView = (values: Record<string, unknown>) => ({ pageTitle: 'Assessment timescales', values, sources: SETTING_SOURCES, statutorySource: STATUTORY_SOURCE, max: STATUTORY_MAX_WORKING_DAYS });
  app.get('/admin/settings/assessments', { config: { access: 'admin.settings' } }, async (_request, reply) => {
    const st = await services.assessmentSettings.get();
    return reply.view(`${V}/settings.njk`, settingsView({ timescales: st.timescales.join(', '), guidanceWorkingDays: st.guidanceWorkingDays, cinReviewWeeks: st.cinReviewWeeks, version: st.version }));
  });
  app.post('/admin/settings/assessments', { config: { access: 'admin.settings' } }, async (request, reply: FastifyReply) => {
    const body = bodyOf(request);
    const num = (v: unknown) => (typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : NaN);
    const settings = { timescales: parseTimescales(s(body.timescales)), guidanceWorkingDays: num(body.guidanceWorkingDays), cinReviewWeeks: num(body.cinReviewWeeks) };
    const values = { ...body };
    const errors = validateSettings(settings);
    if (errors.length) return renderWithErrors(reply, `${V}/settings.njk`, settingsView(values), errors);
    try {
      await services.assessmentSettings.set(request.ctx, settings, Number(body.version));
    } catch (err) {
      return renderWithErrors(reply, `${V}/settings.njk`, settingsView(values), domainErrors(err));
    }
    setFlash(request, { heading: 'Assessment timescales saved', text: 'They apply to guidance given from now on.' });
    return reply.redirect('/admin/settings/assessments');
  });
}
