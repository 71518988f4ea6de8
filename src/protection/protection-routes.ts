import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import type { FieldError } from '../web/forms.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { hasPermission } from '../access/policy.js';
import { todayInLondon } from '../time/index.js';
import { MergedRecordError, RestrictedRecordError } from '../people/people-service.js';
import { NotFoundError } from '../db/transaction.js';
import { ProtectionRulesError } from './protection-service.js';
import {
  ACTION_SLOTS, CONFERENCE_ATTENDEE_SLOTS, CORE_GROUP_SLOTS, SD_ATTENDEE_SLOTS, partsFromIso, partsOf, readConference, readCoreGroup, readS47,
  readStrategyDiscussion, readVisit, str, type Body,
} from './protection-forms.js';
import { dateFromParts } from '../people/person-form.js';
import {
  AGENCIES, CATEGORIES, DEFAULT_VISIT_FREQUENCY_WORKING_DAYS, END_REASONS, INITIAL_DECISIONS, REVIEW_DECISIONS, S47_OUTCOMES, SD_DECISIONS, VISIT_FREQUENCY_SOURCE,
  coreGroupDueDate, icpcClock, missingAgencies, reviewDueDate, visitDueDate, workingDayNumber,
} from './rules.js';

const V = 'protection/views';
const LABELS = { agencies: AGENCIES, sdDecisions: SD_DECISIONS, s47Outcomes: S47_OUTCOMES, categories: CATEGORIES, initialDecisions: INITIAL_DECISIONS, reviewDecisions: REVIEW_DECISIONS, endReasons: END_REASONS };

/** Rule errors, validation and conflicts as field errors; anything else is rethrown. */
function formErrors(err: unknown): FieldError[] {
  if (err instanceof ProtectionRulesError) return err.errors;
  return domainErrors(err);
}

/** Restricted children: the restricted-record page; unknown records: 404. */
async function guarded<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RestrictedRecordError) {
      await reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
      return undefined;
    }
    if (err instanceof MergedRecordError) return notFoundIfMissing(new NotFoundError('merged'));
    return notFoundIfMissing(err);
  }
}

const items = (o: Record<string, string>, selected: unknown, blank?: string) => [...(blank !== undefined ? [{ value: '', text: blank }] : []), ...Object.entries(o).map(([value, text]) => ({ value, text, selected: value === selected, checked: value === selected }))];

/** Strategy discussions, s47 enquiries, conferences, plans, core groups and visits; the visit frequency setting. */
export function registerProtectionRoutes(app: FastifyInstance, services: Services): void {
  const p = services.protection;
  const canChair = (request: FastifyRequest) => hasPermission(request.ctx.user!, 'casework.chair') || hasPermission(request.ctx.user!, 'casework.manage');
  async function refuseUnlessChair(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (canChair(request)) return false;
    await services.audit.record(request.ctx, { action: 'access.denied', outcome: 'denied', details: { method: request.method, url: request.url } });
    await reply.code(403).view('web/views/errors/403.njk');
    return true;
  }

  // ---- the child's protection record ---------------------------------------------------------------
  app.get('/children/:id/protection', { config: { access: 'casework.view' } }, async (request, reply) => {
    const personId = idParam(request);
    const loaded = await guarded(reply, async () => ({ child: await p.child(request.ctx, personId), data: await p.forChild(request.ctx, personId) }));
    if (!loaded) return reply;
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const clocks = await p.clocks({ personIds: [personId] }, calendar, today);
    return reply.view(`${V}/child.njk`, {
      pageTitle: `Child protection: ${loaded.child.name}`,
      ...loaded,
      clocks: clocks.map((c) => ({ ...c, tag: CLOCK_TAGS[c.status] })),
      labels: LABELS,
      canWrite: hasPermission(request.ctx.user!, 'casework.write'),
    });
  });

  // ---- strategy discussion -----------------------------------------------------------------------------
  const sdView = (child: Awaited<ReturnType<typeof p.child>>, values: Body) => ({
    pageTitle: `Strategy discussion: ${child.name}`,
    child,
    values,
    attendeeSlots: SD_ATTENDEE_SLOTS,
    actionSlots: ACTION_SLOTS,
    agencyItems: (slot: string) => items(AGENCIES, values[`agency-${slot}`], 'Select an agency'),
    decisionItems: items(SD_DECISIONS, values.decision),
    labels: LABELS,
  });
  const defaultSdValues = (): Body => ({ 'agency-1': 'social_care', 'agency-2': 'police', 'agency-3': 'health' });
  app.get('/children/:id/protection/strategy-discussions/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const child = await guarded(reply, () => p.child(request.ctx, idParam(request)));
    if (!child) return reply;
    return reply.view(`${V}/strategy-discussion-form.njk`, sdView(child, defaultSdValues()));
  });
  app.post('/children/:id/protection/strategy-discussions/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const child = await guarded(reply, () => p.child(request.ctx, idParam(request)));
    if (!child) return reply;
    const body = (request.body ?? {}) as Body;
    const values: Body = { ...body, heldOn: partsOf(body, 'heldOn'), ...Object.fromEntries(ACTION_SLOTS.map((s) => [`due-${s}`, partsOf(body, `due-${s}`)])) };
    try {
      const r = await p.recordStrategyDiscussion(request.ctx, child.id, readStrategyDiscussion(body), await services.calendar.calendar());
      setFlash(request, { heading: 'Strategy discussion recorded', text: r.s47Id ? 'A section 47 enquiry has started from this discussion.' : '' });
      return reply.redirect(r.s47Id ? `/protection/s47/${r.s47Id}` : `/protection/strategy-discussions/${r.id}`);
    } catch (err) {
      return renderWithErrors(reply, `${V}/strategy-discussion-form.njk`, sdView(child, values), formErrors(err));
    }
  });
  app.get('/protection/strategy-discussions/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const d = await guarded(reply, () => p.getStrategyDiscussion(request.ctx, idParam(request)));
    if (!d) return reply;
    const child = await p.child(request.ctx, d.sd.person_id);
    return reply.view(`${V}/strategy-discussion.njk`, { pageTitle: `Strategy discussion: ${child.name}`, child, ...d, missing: missingAgencies(d.sd.attendees), labels: LABELS, today: todayInLondon(), canWrite: hasPermission(request.ctx.user!, 'casework.write') });
  });
  app.post('/protection/strategy-discussions/:id/actions/:actionId/done', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    const done = await guarded(reply, () => p.completeSdAction(request.ctx, id, idParam(request, 'actionId'), todayInLondon()).then(() => true));
    if (!done) return reply;
    setFlash(request, { heading: 'Action marked as done' });
    return reply.redirect(`/protection/strategy-discussions/${id}`);
  });

  // ---- section 47 enquiry ------------------------------------------------------------------------------
  const s47View = async (request: FastifyRequest, d: Awaited<ReturnType<typeof p.getS47>>, values: Body) => {
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const child = await p.child(request.ctx, d.s47.person_id);
    const clock = icpcClock(calendar, d.s47.start_date, today, d.conference?.held_on ?? null);
    return {
      pageTitle: `Section 47 enquiry: ${child.name}`,
      child,
      ...d,
      values,
      clock,
      clockTag: CLOCK_TAGS[clock.status],
      conferenceDay: d.conference ? workingDayNumber(calendar, d.s47.start_date, d.conference.held_on) : null,
      outcomeItems: items(S47_OUTCOMES, values.outcome),
      labels: LABELS,
      canWrite: hasPermission(request.ctx.user!, 'casework.write'),
      canChair: canChair(request),
    };
  };
  const s47Values = (s: Awaited<ReturnType<typeof p.getS47>>['s47']): Body => ({
    childSeen: s.child_seen === null ? '' : s.child_seen ? 'yes' : 'no',
    childSeenAlone: s.child_seen_alone === null ? '' : s.child_seen_alone ? 'yes' : 'no',
    childSeenOn: partsFromIso(s.child_seen_on),
    findings: s.findings,
    outcome: s.outcome ?? '',
    icpcNotRequiredReason: s.icpc_not_required_reason,
    completedOn: partsFromIso(s.completed_on),
    version: s.version,
  });
  app.get('/protection/s47/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const d = await guarded(reply, () => p.getS47(request.ctx, idParam(request)));
    if (!d) return reply;
    return reply.view(`${V}/s47.njk`, await s47View(request, d, s47Values(d.s47)));
  });
  app.post('/protection/s47/:id', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    const d = await guarded(reply, () => p.getS47(request.ctx, id, { audit: false }));
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    const values: Body = { ...body, childSeenOn: partsOf(body, 'childSeenOn'), completedOn: partsOf(body, 'completedOn') };
    const { input, errors } = readS47(body);
    try {
      if (errors.length) throw new ProtectionRulesError(errors);
      await p.recordS47(request.ctx, id, Number(str(body.version)), input);
    } catch (err) {
      return renderWithErrors(reply, `${V}/s47.njk`, await s47View(request, d, values), formErrors(err));
    }
    setFlash(request, { heading: 'Section 47 enquiry saved' });
    return reply.redirect(`/protection/s47/${id}`);
  });

  // ---- conferences (chair or manager) --------------------------------------------------------------
  const conferenceView = async (request: FastifyRequest, kind: 'initial' | 'review', childId: number, values: Body, extra: Record<string, unknown>) => {
    const child = await p.child(request.ctx, childId);
    const chairs = await p.chairs();
    const decisions: Record<string, string> = kind === 'initial' ? INITIAL_DECISIONS : REVIEW_DECISIONS;
    return {
      pageTitle: `${kind === 'initial' ? 'Initial' : 'Review'} child protection conference: ${child.name}`,
      kind,
      child,
      values,
      ...extra,
      attendeeSlots: CONFERENCE_ATTENDEE_SLOTS,
      agencyItems: (slot: string) => items(AGENCIES, values[`agency-${slot}`], 'Select an agency'),
      attendedItems: (slot: string) => [{ value: 'attended', text: 'Attended', selected: values[`attended-${slot}`] !== 'apologies' }, { value: 'apologies', text: 'Sent apologies', selected: values[`attended-${slot}`] === 'apologies' }],
      chairItems: [{ value: '', text: 'Select the chair' }, ...chairs.map((c) => ({ value: String(c.id), text: c.display_name, selected: String(c.id) === String(values.chairId ?? '') }))],
      decisionItems: items(decisions, values.decision),
      categoryItems: items(CATEGORIES, values.category).map((i) => ({ ...i, text: `${i.value}: ${i.text}` })),
    };
  };
  const defaultConferenceValues = (request: FastifyRequest): Body => ({ chairId: request.ctx.user!.role === 'iro' ? String(request.ctx.user!.id) : '', 'agency-1': 'social_care', 'agency-2': 'police', 'agency-3': 'health' });

  app.get('/protection/s47/:id/conference', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await guarded(reply, () => p.getS47(request.ctx, idParam(request), { audit: false }));
    if (!d) return reply;
    if (await refuseUnlessChair(request, reply)) return reply;
    return reply.view(`${V}/conference-form.njk`, await conferenceView(request, 'initial', d.s47.person_id, defaultConferenceValues(request), { s47: d.s47, action: `/protection/s47/${d.s47.id}/conference` }));
  });
  app.post('/protection/s47/:id/conference', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await guarded(reply, () => p.getS47(request.ctx, idParam(request), { audit: false }));
    if (!d) return reply;
    if (await refuseUnlessChair(request, reply)) return reply;
    const body = (request.body ?? {}) as Body;
    const { input, chairId } = readConference(body, 'initial');
    try {
      const r = await p.recordInitialConference(request.ctx, d.s47.id, chairId, input);
      setFlash(request, { heading: 'Initial conference recorded', text: r.planId ? 'The child protection plan has started.' : '' });
      return reply.redirect(r.planId ? `/protection/plans/${r.planId}` : `/protection/s47/${d.s47.id}`);
    } catch (err) {
      return renderWithErrors(reply, `${V}/conference-form.njk`, await conferenceView(request, 'initial', d.s47.person_id, { ...body, heldOn: partsOf(body, 'heldOn') }, { s47: d.s47, action: `/protection/s47/${d.s47.id}/conference` }), formErrors(err));
    }
  });

  // ---- the plan --------------------------------------------------------------------------------------
  const planView = async (request: FastifyRequest, d: Awaited<ReturnType<typeof p.getPlan>>, values: Body) => {
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const child = await p.child(request.ctx, d.plan.person_id);
    const lastReview = d.reviews.map((r) => r.held_on).sort().at(-1) ?? null;
    const lastVisit = d.visits[0] ?? null;
    const clocks = (await p.clocks({ personIds: [d.plan.person_id] }, calendar, today)).filter((c) => c.href === `/protection/plans/${d.plan.id}`);
    return {
      // The plan's Signs of Safety mapping (carried forward from the assessment's when the plan started).
      planMapping: await services.practice.planMapping(request.ctx, 'cp_plan', d.plan.id),
      planMapHref: `/children/${d.plan.person_id}/mappings/new?ownerKind=cp_plan&ownerId=${d.plan.id}`,
      pageTitle: `Child protection plan: ${child.name}`,
      child,
      ...d,
      values,
      today,
      clocks: clocks.map((c) => ({ ...c, tag: CLOCK_TAGS[c.status] })),
      coreGroupDue: coreGroupDueDate(calendar, d.plan.start_date),
      firstCoreGroupDay: d.coreGroups.length ? workingDayNumber(calendar, d.plan.start_date, d.coreGroups.at(-1)!.held_on) : null,
      nextReview: reviewDueDate(d.plan.start_date, lastReview),
      nextVisit: visitDueDate(calendar, d.plan.start_date, lastVisit?.visited_on ?? null, d.plan.visit_frequency_working_days),
      labels: LABELS,
      canWrite: hasPermission(request.ctx.user!, 'casework.write') && !d.plan.end_date,
      canChair: canChair(request) && !d.plan.end_date,
      canManage: hasPermission(request.ctx.user!, 'casework.manage') && !d.plan.end_date,
    };
  };
  const planValues = (d: Awaited<ReturnType<typeof p.getPlan>>): Body => ({ dangerStatements: d.plan.danger_statements, safetyGoals: d.plan.safety_goals, bottomLines: d.plan.bottom_lines, version: d.plan.version });
  const loadPlan = (request: FastifyRequest, reply: FastifyReply, audit = true) => guarded(reply, () => p.getPlan(request.ctx, idParam(request), { audit }));

  app.get('/protection/plans/:id', { config: { access: 'casework.view' } }, async (request, reply) => {
    const d = await loadPlan(request, reply);
    if (!d) return reply;
    return reply.view(`${V}/plan.njk`, await planView(request, d, planValues(d)));
  });
  app.post('/protection/plans/:id', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    try {
      await p.updatePlan(request.ctx, d.plan.id, Number(str(body.version)), { dangerStatements: str(body.dangerStatements), safetyGoals: str(body.safetyGoals), bottomLines: str(body.bottomLines) });
    } catch (err) {
      return renderWithErrors(reply, `${V}/plan.njk`, await planView(request, d, body), formErrors(err));
    }
    setFlash(request, { heading: 'Plan saved' });
    return reply.redirect(`/protection/plans/${d.plan.id}`);
  });
  app.post('/protection/plans/:id/actions', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    const errors: FieldError[] = [];
    const due = dateFromParts(body, 'actionDue', 'when the action is due', { required: true });
    if (!str(body.actionWho)) errors.push({ field: 'actionWho', text: 'Enter who will do it' });
    if (!str(body.actionWhat)) errors.push({ field: 'actionWhat', text: 'Enter what they will do' });
    if (due.error) errors.push({ field: 'actionDue', text: due.error });
    try {
      if (errors.length) throw new ProtectionRulesError(errors);
      await p.addPlanAction(request.ctx, d.plan.id, { who: str(body.actionWho), what: str(body.actionWhat), dueOn: due.value! });
    } catch (err) {
      return renderWithErrors(reply, `${V}/plan.njk`, await planView(request, d, { ...planValues(d), ...body, actionDue: partsOf(body, 'actionDue') }), formErrors(err));
    }
    setFlash(request, { heading: 'Action added' });
    return reply.redirect(`/protection/plans/${d.plan.id}#actions`);
  });
  app.post('/protection/plans/:id/actions/:actionId/done', { config: { access: 'casework.write' } }, async (request, reply) => {
    const id = idParam(request);
    const ok = await guarded(reply, () => p.completePlanAction(request.ctx, id, idParam(request, 'actionId'), todayInLondon()).then(() => true));
    if (!ok) return reply;
    setFlash(request, { heading: 'Action marked as done' });
    return reply.redirect(`/protection/plans/${id}#actions`);
  });
  app.post('/protection/plans/:id/network', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    const errors: FieldError[] = [];
    if (!str(body.networkName)) errors.push({ field: 'networkName', text: 'Enter the name of the person in the safety network' });
    if (!str(body.networkRelationship)) errors.push({ field: 'networkRelationship', text: 'Enter their relationship to the child' });
    try {
      if (errors.length) throw new ProtectionRulesError(errors);
      await p.addSafetyNetworkMember(request.ctx, d.plan.id, { name: str(body.networkName), relationship: str(body.networkRelationship), role: str(body.networkRole) });
    } catch (err) {
      return renderWithErrors(reply, `${V}/plan.njk`, await planView(request, d, { ...planValues(d), ...body }), formErrors(err));
    }
    setFlash(request, { heading: 'Added to the safety network' });
    return reply.redirect(`/protection/plans/${d.plan.id}#network`);
  });

  // ---- core group, visit, review, end --------------------------------------------------------------
  const simpleForm = (template: string, title: (name: string) => string) => async (request: FastifyRequest, d: Awaited<ReturnType<typeof p.getPlan>>, values: Body) => {
    const child = await p.child(request.ctx, d.plan.person_id);
    const calendar = await services.calendar.calendar();
    return {
      pageTitle: title(child.name), child, plan: d.plan, values, labels: LABELS,
      slots: CORE_GROUP_SLOTS,
      agencyItems: (slot: string) => items(AGENCIES, values[`agency-${slot}`], 'Select an agency'),
      coreGroupDue: coreGroupDueDate(calendar, d.plan.start_date),
      endReasonItems: items(END_REASONS, values.reason),
      template,
    };
  };
  const coreGroupView = simpleForm(`${V}/core-group-form.njk`, (n) => `Core group: ${n}`);
  app.get('/protection/plans/:id/core-groups/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    return reply.view(`${V}/core-group-form.njk`, await coreGroupView(request, d, { 'agency-1': 'social_care' }));
  });
  app.post('/protection/plans/:id/core-groups/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    const { input, errors } = readCoreGroup(body);
    try {
      if (!input) throw new ProtectionRulesError(errors);
      await p.addCoreGroup(request.ctx, d.plan.id, input);
    } catch (err) {
      return renderWithErrors(reply, `${V}/core-group-form.njk`, await coreGroupView(request, d, { ...body, heldOn: partsOf(body, 'heldOn') }), formErrors(err));
    }
    setFlash(request, { heading: 'Core group recorded' });
    return reply.redirect(`/protection/plans/${d.plan.id}`);
  });

  const visitView = simpleForm(`${V}/visit-form.njk`, (n) => `Child protection visit: ${n}`);
  app.get('/protection/plans/:id/visits/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    return reply.view(`${V}/visit-form.njk`, await visitView(request, d, {}));
  });
  app.post('/protection/plans/:id/visits/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    const { input, errors } = readVisit(body);
    try {
      if (!input) throw new ProtectionRulesError(errors);
      await p.addVisit(request.ctx, d.plan.id, input);
    } catch (err) {
      return renderWithErrors(reply, `${V}/visit-form.njk`, await visitView(request, d, { ...body, visitedOn: partsOf(body, 'visitedOn') }), formErrors(err));
    }
    setFlash(request, { heading: 'Visit recorded' });
    return reply.redirect(`/protection/plans/${d.plan.id}`);
  });

  app.get('/protection/plans/:id/reviews/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    if (await refuseUnlessChair(request, reply)) return reply;
    return reply.view(`${V}/conference-form.njk`, await conferenceView(request, 'review', d.plan.person_id, { ...defaultConferenceValues(request), category: d.plan.latest_category, version: d.plan.version }, { plan: d.plan, action: `/protection/plans/${d.plan.id}/reviews/new` }));
  });
  app.post('/protection/plans/:id/reviews/new', { config: { access: 'casework.write' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    if (await refuseUnlessChair(request, reply)) return reply;
    const body = (request.body ?? {}) as Body;
    const { input, chairId } = readConference(body, 'review');
    try {
      await p.recordReviewConference(request.ctx, d.plan.id, Number(str(body.version)), chairId, input);
    } catch (err) {
      return renderWithErrors(reply, `${V}/conference-form.njk`, await conferenceView(request, 'review', d.plan.person_id, { ...body, heldOn: partsOf(body, 'heldOn') }, { plan: d.plan, action: `/protection/plans/${d.plan.id}/reviews/new` }), formErrors(err));
    }
    setFlash(request, { heading: 'Review conference recorded' });
    return reply.redirect(`/protection/plans/${d.plan.id}`);
  });

  const endView = simpleForm(`${V}/end-form.njk`, (n) => `End the child protection plan: ${n}`);
  app.get('/protection/plans/:id/end', { config: { access: 'casework.manage' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    return reply.view(`${V}/end-form.njk`, await endView(request, d, { version: d.plan.version }));
  });
  app.post('/protection/plans/:id/end', { config: { access: 'casework.manage' } }, async (request, reply) => {
    const d = await loadPlan(request, reply, false);
    if (!d) return reply;
    const body = (request.body ?? {}) as Body;
    const end = dateFromParts(body, 'endDate', 'the date the plan ended', { required: true, notFuture: true });
    try {
      if (end.error) throw new ProtectionRulesError([{ field: 'endDate', text: end.error }]);
      await p.endPlan(request.ctx, d.plan.id, Number(str(body.version)), { endDate: end.value!, reason: str(body.reason) });
    } catch (err) {
      return renderWithErrors(reply, `${V}/end-form.njk`, await endView(request, d, { ...body, endDate: partsOf(body, 'endDate') }), formErrors(err));
    }
    setFlash(request, { heading: 'Plan ended' });
    return reply.redirect(`/protection/plans/${d.plan.id}`);
  });

  // ---- council setting: visit frequency --------------------------------------------------------------
  const SETTINGS_VIEW = `${V}/settings.njk`;
  const settingsData = (values: Body) => ({ pageTitle: 'Child protection visits', values, defaultDays: DEFAULT_VISIT_FREQUENCY_WORKING_DAYS, source: VISIT_FREQUENCY_SOURCE });
  app.get('/admin/settings/protection', { config: { access: 'admin.settings' } }, async (_request, reply) => {
    const f = await p.visitFrequency();
    return reply.view(SETTINGS_VIEW, settingsData({ workingDays: f.workingDays, version: f.version }));
  });
  app.post('/admin/settings/protection', { config: { access: 'admin.settings' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const raw = str(body.workingDays);
    try {
      await p.setVisitFrequency(request.ctx, /^\d{1,3}$/.test(raw) ? Number(raw) : NaN, Number(str(body.version)));
    } catch (err) {
      return renderWithErrors(reply, SETTINGS_VIEW, settingsData(body), formErrors(err));
    }
    setFlash(request, { heading: 'Visit frequency saved', text: 'It applies to child protection plans that start from now on.' });
    return reply.redirect('/admin/settings/protection');
  });
}
