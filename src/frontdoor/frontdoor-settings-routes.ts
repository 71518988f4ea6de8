import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { domainErrors, renderWithErrors, setFlash } from '../web/render.js';
import { validateRagTimes } from './rules.js';

const VIEW = 'frontdoor/views/settings.njk';

/** The council's RAG response times (red within hours; amber and green by the end of a working day). */
export function registerFrontDoorSettingsRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin/settings/front-door', { config: { access: 'admin.settings' } }, async (_request, reply) => {
    const t = await services.frontDoorSettings.ragTimes();
    return reply.view(VIEW, { pageTitle: 'RAG response times', values: { redHours: t.redHours, amberWorkingDays: t.amberWorkingDays, greenWorkingDays: t.greenWorkingDays, version: t.version } });
  });
  app.post('/admin/settings/front-door', { config: { access: 'admin.settings' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : NaN);
    const times = { redHours: num(body.redHours), amberWorkingDays: num(body.amberWorkingDays), greenWorkingDays: num(body.greenWorkingDays) };
    const values = { ...body };
    const errors = validateRagTimes(times);
    if (errors.length) return renderWithErrors(reply, VIEW, { pageTitle: 'RAG response times', values }, errors);
    try {
      await services.frontDoorSettings.setRagTimes(request.ctx, times, Number(body.version));
    } catch (err) {
      return renderWithErrors(reply, VIEW, { pageTitle: 'RAG response times', values }, domainErrors(err));
    }
    setFlash(request, { heading: 'RAG response times saved', text: 'They apply to contacts rated from now on.' });
    return reply.redirect('/admin/settings/front-door');
  });
}
