import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { checkboxValues, parseForm, requiredText, versionField } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { AGENCIES, AGENCY_LABELS, API_SCOPES, PERMISSIONS } from './roles.js';

const clientForm = z.object({
  name: requiredText('Enter the name of the partner system', 120),
  agency: z.enum(AGENCIES, { message: 'Select the agency the system belongs to' }),
  scopes: checkboxValues.pipe(z.array(z.enum(API_SCOPES, { message: 'Select from the list' })).min(1, 'Select what the system may do')),
});

/** Partner systems' API keys: created (the key shown once), listed and revoked by administrators. */
export function registerAdminApiClientRoutes(app: FastifyInstance, services: Services): void {
  const access = { access: 'admin.users' as const };
  const formData = (values: Record<string, unknown>) => {
    const scopes = new Set([values.scopes ?? []].flat().map(String));
    return {
      pageTitle: 'Add a partner system',
      values,
      agencyItems: [{ value: '', text: 'Select an agency' }, ...AGENCIES.map((a) => ({ value: a, text: AGENCY_LABELS[a], selected: a === values.agency }))],
      scopeItems: API_SCOPES.map((s) => ({ value: s, text: PERMISSIONS[s], hint: { text: s }, checked: scopes.has(s) })),
    };
  };

  app.get('/admin/api-clients', { config: access }, async (_request, reply) => {
    const clients = await services.apiClients.list();
    return reply.view('access/views/api-clients-list.njk', { pageTitle: 'Partner systems (API keys)', clients, permissions: PERMISSIONS });
  });

  app.get('/admin/api-clients/new', { config: access }, async (_request, reply) => reply.view('access/views/api-client-form.njk', formData({})));

  app.post('/admin/api-clients/new', { config: access }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const form = parseForm(clientForm, body);
    if (!form.ok) return renderWithErrors(reply, 'access/views/api-client-form.njk', formData(body), form.errors);
    try {
      const { id, key } = await services.apiClients.create(request.ctx, form.data);
      const client = await services.apiClients.get(id);
      // The key is in this response only: it is not stored, so it cannot be shown again.
      reply.header('cache-control', 'no-store');
      return reply.code(201).view('access/views/api-client-key.njk', { pageTitle: 'Partner system added', client, key });
    } catch (err) {
      return renderWithErrors(reply, 'access/views/api-client-form.njk', formData(body), domainErrors(err));
    }
  });

  app.post('/admin/api-clients/:id/revoke', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const client = await services.apiClients.get(id).catch(notFoundIfMissing);
    const form = parseForm(z.object({ version: versionField }), request.body);
    if (!form.ok) return reply.code(400).view('web/views/errors/400.njk');
    try {
      await services.apiClients.revoke(request.ctx, id, form.data.version);
    } catch (err) {
      const [e] = domainErrors(err);
      setFlash(request, { heading: 'Not revoked', text: e!.text });
      return reply.redirect('/admin/api-clients');
    }
    setFlash(request, { heading: `The key for ${client.name} has been revoked: its calls are now refused` });
    return reply.redirect('/admin/api-clients');
  });
}
