import { RAG_TAGS } from './tags.js';
import { choiceItems } from '../web/forms.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import type { FieldError } from '../web/forms.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { todayInLondon } from '../time/index.js';
import { hasPermission } from '../access/policy.js';
import { ContactRulesError } from './contacts-service.js';
import { PRIMARY_NEED, readOutcomeForm } from './decision-form.js';
import {
  CHILD_STATUS, CONSENT, CONTACT_METHODS, FEEDBACK_METHODS, OUTCOMES, PARENTS_AWARE, RAG, REFERRAL_SOURCES,
  closeBlockers, decisionClock, decisionIsLate, feedbackLetter, isKey, timeLeft, type Outcome, type Rag,
} from './rules.js';

const V = 'frontdoor/views';
const LABELS = { methods: CONTACT_METHODS, sources: REFERRAL_SOURCES, parentsAware: PARENTS_AWARE, consent: CONSENT, rag: RAG, outcomes: OUTCOMES, childStatus: CHILD_STATUS, feedbackMethods: FEEDBACK_METHODS, primaryNeed: PRIMARY_NEED };
const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const version = (body: Record<string, unknown>) => Number(s(body.version));

/** The contact page (screening, each child's decision, feedback, closure) and the forms it links to. */
export function registerContactPageRoutes(app: FastifyInstance, services: Services): void {
  const contacts = services.contacts;

  async function load(request: FastifyRequest, audit = true) {
    try {
      return await contacts.get(request.ctx, idParam(request), { audit });
    } catch (err) {
      return notFoundIfMissing(err);
    }
  }

  function childOf(data: Awaited<ReturnType<typeof load>>, request: FastifyRequest) {
    const childId = idParam(request, 'childId');
    const child = data.children.find((c) => c.id === childId);
    if (!child) notFoundIfMissing(new (class extends Error {})());
    return child!;
  }

  async function pageData(request: FastifyRequest, data: Awaited<ReturnType<typeof load>>) {
    const c = data.contact;
    const today = todayInLondon();
    // Independent reads, sent together (a pool runs them side by side).
    const [calendar, histories, requests, screenings, levels, notices] = await Promise.all([
      services.calendar.calendar(),
      contacts.histories(data.children.map((ch) => ch.person_id), c.id, today),
      services.partnerRequests.forContact(request.ctx, c.id, { audit: false }),
      services.screening.forContact(c.id),
      Promise.all(data.children.map((ch) => services.screening.latestLevels(ch.person_id))),
      Promise.all(data.children.map((ch) => services.allegations.noticeFor(ch.person_id))),
    ]);
    const decidedDates = data.children.map((ch) => ch.decision_date);
    const allDecided = data.children.length > 0 && decidedDates.every(Boolean);
    const lastDecision = allDecided ? decidedDates.sort().at(-1)! : null;
    const clock = decisionClock(calendar, c.received_date, today, lastDecision);
    const user = request.ctx.user!;
    const open = c.status !== 'closed';
    const can = {
      screen: open && hasPermission(user, 'frontdoor.screen'),
      decide: open && hasPermission(user, 'frontdoor.decide'),
    };
    const blockers = closeBlockers({ feedbackSentAt: c.feedback_sent_at, feedbackNotSentReason: c.feedback_not_sent_reason, anonymous: c.referrer_anonymous }, data.children);
    return {
      ...data,
      pageTitle: `Contact ${c.id}: ${data.children.map((ch) => (ch.person ? `${ch.person.givenNames} ${ch.person.familyName}` : 'restricted')).join(', ')}`,
      c,
      today,
      clock,
      clockTag: CLOCK_TAGS[clock.status],
      ragTag: c.rag ? RAG_TAGS[c.rag] : null,
      responseLeft: c.response_due_at && open ? timeLeft(c.response_due_at) : null,
      children: data.children.map((ch, i) => ({ ...ch, history: histories.get(ch.person_id)!, allegationNotice: notices[i], levels: levels[i] })),
      screenings,
      canScreenTools: hasPermission(user, 'screening.complete'),
      canEarlyHelp: hasPermission(user, 'earlyhelp.manage'),
      can,
      requests,
      contactId: c.id,
      canScreen: can.screen,
      allDecided,
      blockers,
      labels: LABELS,
    };
  }

  app.get('/frontdoor/contacts/:id', { config: { access: 'frontdoor.view' } }, async (request, reply) => {
    const data = await load(request);
    return reply.view(`${V}/contact.njk`, await pageData(request, data));
  });

  // ---- RAG rating ---------------------------------------------------------------------------
  const ragView = (data: Awaited<ReturnType<typeof load>>, values: Record<string, unknown>, times: { redHours: number; amberWorkingDays: number; greenWorkingDays: number }) => ({
    pageTitle: `RAG rating: contact ${data.contact.id}`,
    c: data.contact,
    values,
    ragItems: Object.entries(RAG).map(([value, text]) => ({ value, text, checked: value === values.rag, hint: { text: value === 'red' ? `Same day: a response within ${times.redHours} hours` : value === 'amber' ? `By the end of ${times.amberWorkingDays} working day${times.amberWorkingDays === 1 ? '' : 's'}` : `By the end of ${times.greenWorkingDays} working days` } })),
  });
  app.get('/frontdoor/contacts/:id/rag', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const data = await load(request, false);
    return reply.view(`${V}/rag.njk`, ragView(data, { rag: data.contact.rag, ragRationale: data.contact.rag_rationale, version: data.contact.version }, await services.frontDoorSettings.ragTimes()));
  });
  app.post('/frontdoor/contacts/:id/rag', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const data = await load(request, false);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const times = await services.frontDoorSettings.ragTimes();
    const values = { rag: s(body.rag), ragRationale: s(body.ragRationale), version: body.version };
    if (!isKey(RAG, values.rag)) return renderWithErrors(reply, `${V}/rag.njk`, ragView(data, values, times), [{ field: 'rag', text: 'Select a RAG rating' }]);
    try {
      await contacts.setRag(request.ctx, data.contact.id, version(body), values.rag as Rag, values.ragRationale, await services.calendar.calendar(), times);
    } catch (err) {
      return renderWithErrors(reply, `${V}/rag.njk`, ragView(data, values, times), domainErrors(err));
    }
    setFlash(request, { heading: `Rated ${RAG[values.rag as Rag].toLowerCase()}` });
    return reply.redirect(`/frontdoor/contacts/${data.contact.id}`);
  });

  // ---- recommendation, challenge, response, decision (one child at a time) --------------------
  type Mode = 'recommend' | 'respond' | 'decide';
  const outcomeView = async (request: FastifyRequest, data: Awaited<ReturnType<typeof load>>, child: ReturnType<typeof childOf>, mode: Mode, values: Record<string, unknown>) => {
    const calendar = await services.calendar.calendar();
    const teams = (await services.teams.list()).filter((t) => t.active);
    const name = child.person ? `${child.person.givenNames} ${child.person.familyName}` : `child ${child.person_id}`;
    const titles = { recommend: `Recommendation for ${name}`, respond: `Respond to the challenge about ${name}`, decide: `Decision for ${name}` };
    return {
      pageTitle: titles[mode],
      mode,
      c: data.contact,
      child,
      name,
      values,
      late: mode === 'decide' && decisionIsLate(calendar, data.contact.received_date, todayInLondon()),
      dueDate: calendar.addWorkingDays(data.contact.received_date, 1),
      openChallenge: child.challenges.find((x) => !x.resolved_at) ?? null,
      labels: LABELS,
      userName: data.userName,
      teamItems: [{ value: '', text: 'Select a team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: String(t.id) === String(values.earlyHelpTeamId ?? '') }))],
      needItems: [{ value: '', text: 'Select the primary need' }, ...Object.entries(PRIMARY_NEED).map(([value, text]) => ({ value, text: `${value}: ${text}`, selected: value === values.primaryNeedCode }))],
    };
  };
  const formValues = (child: ReturnType<typeof childOf>, mode: Mode) => {
    const fromRecommendation = mode !== 'recommend' || child.recommendation;
    return {
      outcome: fromRecommendation ? child.recommendation : '',
      rationale: mode === 'decide' ? '' : child.recommendation_rationale,
      earlyHelpTeamId: child.early_help_team_id ?? '',
      stepDownAnalysis: child.step_down_analysis,
      transferAuthority: child.transfer_authority,
      primaryNeedCode: child.primary_need_code ?? (child.recommendation === 'referral' || child.recommendation === 'strategy_discussion' ? 'N1' : ''),
      version: child.version,
    };
  };
  const permissionFor: Record<Mode, 'frontdoor.screen' | 'frontdoor.decide'> = { recommend: 'frontdoor.screen', respond: 'frontdoor.screen', decide: 'frontdoor.decide' };

  for (const mode of ['recommend', 'respond', 'decide'] as const) {
    app.get(`/frontdoor/contacts/:id/children/:childId/${mode}`, { config: { access: permissionFor[mode] } }, async (request, reply) => {
      const data = await load(request, false);
      const child = childOf(data, request);
      return reply.view(`${V}/outcome-form.njk`, await outcomeView(request, data, child, mode, formValues(child, mode)));
    });
    app.post(`/frontdoor/contacts/:id/children/:childId/${mode}`, { config: { access: permissionFor[mode] } }, async (request, reply) => {
      const data = await load(request, false);
      const child = childOf(data, request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = readOutcomeForm(body);
      const values = { ...body, outcome: form.outcome ?? '' };
      const fail = async (errors: FieldError[]) => renderWithErrors(reply, `${V}/outcome-form.njk`, await outcomeView(request, data, child, mode, values), errors);
      const changing = mode === 'respond' && s(body.respondWith) === 'change';
      if (form.errors.length && (mode !== 'respond' || changing)) return fail(form.errors);
      try {
        if (mode === 'recommend') await contacts.recommend(request.ctx, data.contact.id, child.id, version(body), form.outcome!, form.rationale, form.extras);
        else if (mode === 'respond') {
          if (!['change', 'uphold'].includes(s(body.respondWith))) return fail([{ field: 'respondWith', text: 'Select whether you keep your recommendation or change it' }]);
          await contacts.respondToChallenge(request.ctx, data.contact.id, child.id, version(body), s(body.response), changing ? { outcome: form.outcome!, rationale: form.rationale, extras: form.extras } : null);
        } else {
          await contacts.decide(request.ctx, data.contact.id, child.id, version(body), { outcome: form.outcome!, rationale: form.rationale, lateReason: form.lateReason, primaryNeedCode: form.primaryNeedCode, extras: form.extras }, await services.calendar.calendar());
        }
      } catch (err) {
        return fail(err instanceof ContactRulesError ? err.errors : domainErrors(err));
      }
      const flash = { recommend: 'Recommendation recorded: it is with the MASH manager', respond: 'Response recorded: it is back with the MASH manager', decide: `Decision recorded: ${OUTCOMES[form.outcome as Outcome]?.toLowerCase()}` };
      setFlash(request, { heading: flash[mode] });
      return reply.redirect(`/frontdoor/contacts/${data.contact.id}#child-${child.id}`);
    });
  }

  const challengeView = (data: Awaited<ReturnType<typeof load>>, child: ReturnType<typeof childOf>, values: Record<string, unknown>) => ({
    pageTitle: `Challenge the recommendation for ${child.person ? `${child.person.givenNames} ${child.person.familyName}` : 'this child'}`,
    c: data.contact,
    child,
    values,
    labels: LABELS,
    userName: data.userName,
  });
  app.get('/frontdoor/contacts/:id/children/:childId/challenge', { config: { access: 'frontdoor.decide' } }, async (request, reply) => {
    const data = await load(request, false);
    const child = childOf(data, request);
    return reply.view(`${V}/challenge.njk`, challengeView(data, child, { version: child.version }));
  });
  app.post('/frontdoor/contacts/:id/children/:childId/challenge', { config: { access: 'frontdoor.decide' } }, async (request, reply) => {
    const data = await load(request, false);
    const child = childOf(data, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await contacts.challenge(request.ctx, data.contact.id, child.id, version(body), s(body.challenge).slice(0, 5000));
    } catch (err) {
      return renderWithErrors(reply, `${V}/challenge.njk`, challengeView(data, child, body), domainErrors(err));
    }
    setFlash(request, { heading: 'Challenge sent to the MASH worker' });
    return reply.redirect(`/frontdoor/contacts/${data.contact.id}#child-${child.id}`);
  });

  // ---- feedback to the referrer and closure ---------------------------------------------------
  const feedbackView = async (request: FastifyRequest, data: Awaited<ReturnType<typeof load>>, values: Record<string, unknown>) => ({
    pageTitle: `Feedback to the referrer: contact ${data.contact.id}`,
    c: data.contact,
    values,
    allDecided: data.children.every((ch) => ch.status === 'decided'),
    methodItems: choiceItems(FEEDBACK_METHODS, values.method),
  });
  app.get('/frontdoor/contacts/:id/feedback', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const data = await load(request, false);
    const c = data.contact;
    const council = await services.settings.get();
    const generated = feedbackLetter({
      councilName: council.councilName,
      referrerName: c.referrer_name,
      receivedDate: c.received_date,
      workerName: request.ctx.user!.displayName,
      children: data.children.filter((ch) => ch.decision).map((ch) => ({ name: ch.person ? `${ch.person.givenNames} ${ch.person.familyName}` : 'A child', decision: ch.decision as Outcome })),
    });
    const method = c.feedback_method ?? (c.referrer_email ? 'email' : c.referrer_address ? 'letter' : 'phone');
    const recipient = c.feedback_recipient || (method === 'email' ? c.referrer_email : method === 'letter' ? c.referrer_address : c.referrer_phone);
    return reply.view(`${V}/feedback.njk`, await feedbackView(request, data, { method, recipient, feedbackText: c.feedback_text || generated, notSentReason: c.feedback_not_sent_reason, version: c.version }));
  });
  app.post('/frontdoor/contacts/:id/feedback', { config: { access: 'frontdoor.screen' } }, async (request, reply) => {
    const data = await load(request, false);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = s(body.action);
    const values = { method: s(body.method), recipient: s(body.recipient), feedbackText: typeof body.feedbackText === 'string' ? body.feedbackText : '', notSentReason: s(body.notSentReason), version: body.version };
    try {
      if (action === 'not-sent') await contacts.feedbackNotSent(request.ctx, data.contact.id, version(body), values.notSentReason.slice(0, 2000));
      else {
        if (!isKey(FEEDBACK_METHODS, values.method)) return renderWithErrors(reply, `${V}/feedback.njk`, await feedbackView(request, data, values), [{ field: 'method', text: 'Select how the feedback is sent' }]);
        await contacts.saveFeedback(request.ctx, data.contact.id, version(body), { method: values.method, recipient: values.recipient.slice(0, 400), text: values.feedbackText.slice(0, 20000), sent: action === 'sent' });
      }
    } catch (err) {
      return renderWithErrors(reply, `${V}/feedback.njk`, await feedbackView(request, data, values), err instanceof ContactRulesError ? err.errors : domainErrors(err));
    }
    setFlash(request, { heading: action === 'sent' ? 'Feedback recorded as sent' : action === 'not-sent' ? 'Reason recorded' : 'Feedback saved' });
    return reply.redirect(`/frontdoor/contacts/${data.contact.id}#feedback`);
  });

  app.post('/frontdoor/contacts/:id/close', { config: { access: 'frontdoor.screen' } }, async (request, reply: FastifyReply) => {
    const data = await load(request, false);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await contacts.close(request.ctx, data.contact.id, version(body));
    } catch (err) {
      const errors = err instanceof ContactRulesError ? err.errors : domainErrors(err);
      return renderWithErrors(reply, `${V}/contact.njk`, await pageData(request, await load(request, false)), errors);
    }
    setFlash(request, { heading: 'Contact closed' });
    return reply.redirect(`/frontdoor/contacts/${data.contact.id}`);
  });
}
