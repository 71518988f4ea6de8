import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { checkboxValues, optionalText, parseForm, requiredText, versionField } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { AGENCIES, AGENCY_LABELS, ROLES, ROLE_LABELS } from './roles.js';
import type { UserInput } from './users-service.js';

const userForm = z
  .object({
    username: requiredText('Enter a username', 60).pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'Username must only include letters, numbers, full stops, hyphens and underscores')),
    displayName: requiredText('Enter the person’s full name', 120),
    email: optionalText(200).pipe(z.union([z.literal(''), z.email('Enter an email address in the correct format, like name@example.gov.uk')])),
    jobTitle: optionalText(120),
    role: z.enum(ROLES, { message: 'Select a role' }),
    agency: z.preprocess((v) => (v === '' ? undefined : v), z.enum(AGENCIES, { message: 'Select the partner agency' }).optional()),
    teamIds: checkboxValues.pipe(z.array(z.string().regex(/^\d{1,9}$/, 'Select teams from the list').transform(Number)).min(1, 'Select at least one team')),
  })
  .refine((v) => v.role !== 'partner' || v.agency, { path: ['agency'], message: 'Select the partner agency' });

const roleItems = (selected?: string) => [{ value: '', text: 'Select a role' }, ...ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === selected }))];
const agencyItems = (selected?: string | null) => [{ value: '', text: 'Not a partner agency' }, ...AGENCIES.map((a) => ({ value: a, text: AGENCY_LABELS[a], selected: a === selected }))];

export function registerAdminUserRoutes(app: FastifyInstance, services: Services): void {
  const access = { access: 'admin.users' as const };

  const formData = async (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const teams = await services.teams.list();
    const selectedTeams = new Set((Array.isArray(values.teamIds) ? values.teamIds : values.teamIds ? [values.teamIds] : []).map(String));
    return {
      values,
      roleItems: roleItems(values.role as string),
      agencyItems: agencyItems(values.agency as string),
      teamItems: teams.map((t) => ({ value: String(t.id), text: t.name, checked: selectedTeams.has(String(t.id)) })),
      ...extra,
    };
  };

  app.get('/admin/users', { config: access }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const includeInactive = q.show === 'all';
    const users = await services.users.list({ text: q.q?.trim() || undefined, includeInactive });
    return reply.view('access/views/users-list.njk', { pageTitle: 'Users', users, q: q.q ?? '', includeInactive, roleLabels: ROLE_LABELS });
  });

  app.get('/admin/users/new', { config: access }, async (_request, reply) => {
    return reply.view('access/views/user-form.njk', await formData({}, { pageTitle: 'Add a user', isNew: true }));
  });

  app.post('/admin/users/new', { config: access }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const form = parseForm(userForm, body);
    const data = await formData(body, { pageTitle: 'Add a user', isNew: true });
    if (!form.ok) return renderWithErrors(reply, 'access/views/user-form.njk', data, form.errors);
    try {
      const { user, temporaryPassword } = await services.users.create(request.ctx, toInput(form.data));
      return reply.code(201).view('access/views/user-password.njk', { pageTitle: 'User added', user, temporaryPassword, created: true });
    } catch (err) {
      return renderWithErrors(reply, 'access/views/user-form.njk', data, domainErrors(err));
    }
  });

  app.get('/admin/users/:id', { config: access }, async (request, reply) => {
    const user = await services.users.get(idParam(request)).catch(notFoundIfMissing);
    await services.audit.record(request.ctx, { action: 'user.view', recordType: 'user', recordId: user.id });
    return reply.view('access/views/user-show.njk', { pageTitle: user.displayName, user, roleLabels: ROLE_LABELS, agencyLabels: AGENCY_LABELS });
  });

  app.get('/admin/users/:id/edit', { config: access }, async (request, reply) => {
    const user = await services.users.get(idParam(request)).catch(notFoundIfMissing);
    const values = { ...user, teamIds: user.teams.map((t) => String(t.id)) };
    return reply.view('access/views/user-form.njk', await formData(values, { pageTitle: `Edit ${user.displayName}`, user }));
  });

  app.post('/admin/users/:id/edit', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const current = await services.users.get(id).catch(notFoundIfMissing);
    const body = request.body as Record<string, unknown>;
    const form = parseForm(userForm.and(z.object({ version: versionField })), body);
    const data = await formData(body, { pageTitle: `Edit ${current.displayName}`, user: current });
    if (!form.ok) return renderWithErrors(reply, 'access/views/user-form.njk', data, form.errors);
    try {
      await services.users.update(request.ctx, id, form.data.version, toInput(form.data));
    } catch (err) {
      const errors = domainErrors(err);
      // On a conflict, keep what they typed but show the version now saved so they can reconcile.
      return renderWithErrors(reply, 'access/views/user-form.njk', { ...data, latest: current }, errors, errors[0]?.field === 'form' ? 409 : 400);
    }
    setFlash(request, { heading: 'User details saved' });
    return reply.redirect(`/admin/users/${id}`);
  });

  const statusChange = (active: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = idParam(request);
    const form = parseForm(z.object({ version: versionField }), request.body);
    if (!form.ok) return reply.code(400).view('web/views/errors/400.njk');
    try {
      await services.users.setActive(request.ctx, id, form.data.version, active);
    } catch (err) {
      const [e] = domainErrors(err);
      setFlash(request, { heading: 'Not changed', text: e!.text });
      return reply.redirect(`/admin/users/${id}`);
    }
    setFlash(request, { heading: active ? 'User reactivated' : 'User deactivated: they have been signed out and cannot sign in' });
    return reply.redirect(`/admin/users/${id}`);
  };
  app.post('/admin/users/:id/deactivate', { config: access }, statusChange(false));
  app.post('/admin/users/:id/reactivate', { config: access }, statusChange(true));

  app.post('/admin/users/:id/reset-password', { config: access }, async (request, reply) => {
    const id = idParam(request);
    const user = await services.users.get(id).catch(notFoundIfMissing);
    const temporaryPassword = await services.users.resetPassword(request.ctx, id);
    return reply.view('access/views/user-password.njk', { pageTitle: 'Password reset', user, temporaryPassword, created: false });
  });
}

function toInput(d: z.infer<typeof userForm>): UserInput {
  return {
    username: d.username,
    displayName: d.displayName,
    email: d.email,
    jobTitle: d.jobTitle,
    role: d.role,
    agency: d.role === 'partner' ? (d.agency ?? null) : null,
    teamIds: d.teamIds,
  };
}
