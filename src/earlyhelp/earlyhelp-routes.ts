import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { choiceItems, versionField, type FieldError } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { hasPermission } from '../access/policy.js';
import { ConflictError } from '../db/transaction.js';
import { RestrictedRecordError } from '../people/people-service.js';
import { dateFromParts } from '../people/person-form.js';
import { CONSENT, PARENTS_AWARE } from '../frontdoor/rules.js';
import { todayInLondon } from '../time/index.js';
import { EarlyHelpRulesError, type ListScope } from './earlyhelp-service.js';
import { EPISODE_STATUS, STEP_UP_METHODS, type StepUpInput } from './rules.js';

const V = 'earlyhelp/views';
const ACCESS = { access: 'earlyhelp.manage' } as const;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const items = choiceItems;
const partsOf = (body: Record<string, unknown>, prefix: string) => ({ day: str(body[`${prefix}-day`]), month: str(body[`${prefix}-month`]), year: str(body[`${prefix}-year`]) });
const partsFromIso = (iso: string) => ({ day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) });
const INCOMPLETE: FieldError = { field: 'form', text: 'The form was incomplete: reload the page and try again' };

/** Early help: the list of episodes, an episode, its lead professional, closing it, and stepping it up to the front door. */
export function registerEarlyHelpRoutes(app: FastifyInstance, services: Services): void {
  const svc = services.earlyHelp;

  async function load(request: FastifyRequest, reply: FastifyReply, audit: boolean) {
    try {
      return await svc.get(request.ctx, idParam(request), { audit });
    } catch (err) {
      if (err instanceof RestrictedRecordError) {
        reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
        return null;
      }
      return notFoundIfMissing(err);
    }
  }

  const errorsOf = (err: unknown): FieldError[] => (err instanceof EarlyHelpRulesError ? err.errors : domainErrors(err));
  const statusOf = (err: unknown) => (err instanceof ConflictError ? 409 : 400);

  app.get('/early-help', { config: ACCESS }, async (request, reply) => {
    const scope: ListScope = (request.query as Record<string, unknown>).scope === 'all' ? 'all' : 'teams';
    const episodes = await svc.list(request.ctx, scope);
    return reply.view(`${V}/list.njk`, { pageTitle: 'Early help', episodes, scope, statuses: EPISODE_STATUS, openCount: episodes.filter((e) => e.status === 'open').length });
  });

  const episodeView = (data: NonNullable<Awaited<ReturnType<typeof load>>>, request: FastifyRequest, values: Record<string, unknown>) => ({
    pageTitle: `Early help: ${data.child.name}`,
    ...data,
    statuses: EPISODE_STATUS,
    values,
    canSeeContacts: hasPermission(request.ctx.user!, 'frontdoor.view'),
  });

  app.get('/early-help/:id', { config: ACCESS }, async (request, reply) => {
    const data = await load(request, reply, true);
    if (!data) return reply;
    return reply.view(`${V}/episode.njk`, episodeView(data, request, { leadProfessional: data.episode.lead_professional, version: data.episode.version }));
  });

  app.post('/early-help/:id/lead-professional', { config: ACCESS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = await load(request, reply, false);
    if (!data) return reply;
    const version = versionField.safeParse(body.version);
    if (!version.success) return renderWithErrors(reply, `${V}/episode.njk`, episodeView(data, request, { ...body, version: data.episode.version }), [INCOMPLETE]);
    try {
      await svc.setLeadProfessional(request.ctx, data.episode.id, version.data, str(body.leadProfessional));
    } catch (err) {
      return renderWithErrors(reply, `${V}/episode.njk`, episodeView(data, request, { ...body, version: data.episode.version }), errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: 'Lead professional saved' });
    return reply.redirect(`/early-help/${data.episode.id}`);
  });

  // ---- close ----------------------------------------------------------------------------------
  app.get('/early-help/:id/close', { config: ACCESS }, async (request, reply) => {
    const data = await load(request, reply, false);
    if (!data) return reply;
    return reply.view(`${V}/close.njk`, { pageTitle: `Close early help: ${data.child.name}`, ...data, values: { endedOn: partsFromIso(todayInLondon()), reason: '', version: data.episode.version } });
  });

  app.post('/early-help/:id/close', { config: ACCESS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = await load(request, reply, false);
    if (!data) return reply;
    const page = (errors: FieldError[], status = 400) =>
      renderWithErrors(reply, `${V}/close.njk`, { pageTitle: `Close early help: ${data.child.name}`, ...data, values: { ...body, endedOn: partsOf(body, 'endedOn'), version: data.episode.version } }, errors, status);
    const version = versionField.safeParse(body.version);
    const ended = dateFromParts(body, 'endedOn', 'the date the episode ended', { required: true });
    const errors: FieldError[] = [];
    if (!version.success) errors.push(INCOMPLETE);
    if (ended.error || !ended.value) errors.push({ field: 'endedOn', text: ended.error ?? 'Enter the date the episode ended' });
    if (!str(body.reason).trim()) errors.push({ field: 'reason', text: 'Enter why the episode is ending, for example the family’s needs have been met' });
    if (errors.length || !version.success || !ended.value) return page(errors);
    try {
      await svc.close(request.ctx, data.episode.id, version.data, { endedOn: ended.value, reason: str(body.reason) });
    } catch (err) {
      return page(errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: 'Episode closed' });
    return reply.redirect(`/early-help/${data.episode.id}`);
  });

  // ---- step up --------------------------------------------------------------------------------
  const stepUpView = (data: NonNullable<Awaited<ReturnType<typeof load>>>, values: Record<string, unknown>) => ({
    pageTitle: `Step up to the front door: ${data.child.name}`,
    ...data,
    values,
    methodItems: items(STEP_UP_METHODS, values.method),
    parentsAwareItems: items(PARENTS_AWARE, values.parentsAware),
    consentItems: items(CONSENT, values.consent),
  });

  app.get('/early-help/:id/step-up', { config: ACCESS }, async (request, reply) => {
    const data = await load(request, reply, false);
    if (!data) return reply;
    return reply.view(`${V}/step-up.njk`, stepUpView(data, { version: data.episode.version }));
  });

  app.post('/early-help/:id/step-up', { config: ACCESS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = await load(request, reply, false);
    if (!data) return reply;
    const values = { ...body, version: data.episode.version };
    const version = versionField.safeParse(body.version);
    if (!version.success) return renderWithErrors(reply, `${V}/step-up.njk`, stepUpView(data, values), [INCOMPLETE]);
    const input: StepUpInput = {
      method: str(body.method), whatChanged: str(body.whatChanged), worries: str(body.worries), earlyHelpActions: str(body.earlyHelpActions),
      childViews: str(body.childViews), parentsAware: str(body.parentsAware), consent: str(body.consent), consentOverrideReason: str(body.consentOverrideReason),
    };
    let contactId: number;
    try {
      contactId = await svc.stepUp(request.ctx, data.episode.id, version.data, input);
    } catch (err) {
      return renderWithErrors(reply, `${V}/step-up.njk`, stepUpView(data, values), errorsOf(err), statusOf(err));
    }
    setFlash(request, { heading: 'Stepped up to the front door', text: `Contact ${contactId} is now with the MASH, linked to this episode.` });
    return reply.redirect(`/early-help/${data.episode.id}`);
  });
}
