import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { parseForm, requiredText, versionField } from '../web/forms.js';
import { domainErrors, renderWithErrors, setFlash } from '../web/render.js';

const settingsForm = z.object({ councilName: requiredText('Enter the council’s name', 100), version: versionField });

export function registerSettingsRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin/settings', { config: { access: 'admin.settings' } }, async (_request, reply) => {
    const settings = await services.settings.get();
    return reply.view('council/views/settings.njk', { pageTitle: 'Council settings', values: settings });
  });

  app.post('/admin/settings', { config: { access: 'admin.settings' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const form = parseForm(settingsForm, body);
    if (!form.ok) return renderWithErrors(reply, 'council/views/settings.njk', { pageTitle: 'Council settings', values: body }, form.errors);
    try {
      await services.settings.setCouncilName(request.ctx, form.data.councilName, form.data.version);
    } catch (err) {
      const latest = await services.settings.get();
      return renderWithErrors(reply, 'council/views/settings.njk', { pageTitle: 'Council settings', values: { ...body, version: latest.version }, latest }, domainErrors(err), 409);
    }
    setFlash(request, { heading: 'Council settings saved' });
    return reply.redirect('/admin/settings');
  });
}
