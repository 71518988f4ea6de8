import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { optionalText, parseForm, requiredText, versionField } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';

const teamForm = z.object({
  name: requiredText('Enter the team name', 100),
  description: optionalText(500),
  active: z.preprocess((v) => v === 'yes', z.boolean()),
});

export function registerAdminTeamRoutes(app: FastifyInstance, services: Services): void {
  const access = { access: 'admin.teams' as const };

  app.get('/admin/teams', { config: access }, async (_request, reply) => {
    const teams = await services.teams.list({ includeInactive: true });
    return reply.view('access/views/teams-list.njk', { pageTitle: 'Teams', teams });
  });

  app.get('/admin/teams/new', { config: access }, async (_request, reply) => {
    return reply.view('access/views/team-form.njk', { pageTitle: 'Add a team', isNew: true, values: { active: true } });
  });

  app.post('/admin/teams/new', { config: access }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const data = { pageTitle: 'Add a team', isNew: true, values: { ...body, active: body.active === 'yes' } };
    const form = parseForm(teamForm, body);
    if (!form.ok) return renderWithErrors(reply, 'access/views/team-form.njk', data, form.errors);
    try {
      await services.teams.create(request.ctx, form.data);
    } catch (err) {
      return renderWithErrors(reply, 'access/views/team-form.njk', data, domainErrors(err));
    }
    setFlash(request, { heading: `Team ${form.data.name} added` });
    return reply.redirect('/admin/teams');
  });

  app.get('/admin/teams/:id/edit', { config: access }, async (request, reply) => {
    const team = await services.teams.get(idParam(request)).catch(notFoundIfMissing);
    return reply.view('access/views/team-form.njk', { pageTitle: `Edit ${team.name}`, team, values: team });
  });

  app.post('/admin/teams/:id/edit', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const team = await services.teams.get(id).catch(notFoundIfMissing);
    const body = request.body as Record<string, unknown>;
    const data = { pageTitle: `Edit ${team.name}`, team, values: { ...body, active: body.active === 'yes' } };
    const form = parseForm(teamForm.and(z.object({ version: versionField })), body);
    if (!form.ok) return renderWithErrors(reply, 'access/views/team-form.njk', data, form.errors);
    try {
      await services.teams.update(request.ctx, id, form.data.version, form.data);
    } catch (err) {
      const errors = domainErrors(err);
      return renderWithErrors(reply, 'access/views/team-form.njk', { ...data, latest: team }, errors, errors[0]?.field === 'form' ? 409 : 400);
    }
    setFlash(request, { heading: 'Team saved' });
    return reply.redirect('/admin/teams');
  });
}
