import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { parseForm, requiredText } from '../web/forms.js';
import { domainErrors, renderWithErrors, setFlash } from '../web/render.js';

const signInForm = z.object({
  username: requiredText('Enter your username', 100),
  password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password').max(1000),
  returnTo: z.string().optional(),
});

const changePasswordForm = z
  .object({
    currentPassword: z.string({ message: 'Enter your current password' }).min(1, 'Enter your current password'),
    newPassword: z.string({ message: 'Enter a new password' }).min(1, 'Enter a new password').max(1000),
    confirmPassword: z.string({ message: 'Confirm your new password' }).min(1, 'Confirm your new password'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

/** Only local paths: never redirect to another site after sign-in. */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/sign-in') ? value : '/';
}

export function registerAuthRoutes(app: FastifyInstance, services: Services): void {
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.ctx.user) return reply.redirect('/');
    const q = request.query as Record<string, string | undefined>;
    return reply.view('access/views/sign-in.njk', {
      pageTitle: 'Sign in',
      values: { returnTo: safeReturnTo(q.returnTo) },
      timedOut: q.timeout === '1',
      signedOut: q.signedOut === '1',
      idleMinutes: services.config.sessionIdleMinutes,
    });
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    const values = { ...(request.body as object), password: '' };
    if (!form.ok) return renderWithErrors(reply, 'access/views/sign-in.njk', { pageTitle: 'Sign in', values }, form.errors);
    const result = await services.signIn.signIn(request.ctx, form.data.username, form.data.password);
    if (!result.ok) {
      const text =
        result.reason === 'invalid'
          ? 'Enter a correct username and password'
          : result.reason === 'account_locked'
            ? `This account is locked after too many failed attempts. Try again in ${result.retryAfterMinutes} minutes, or ask an administrator to reset your password.`
            : `Too many failed attempts from your network. Try again in ${result.retryAfterMinutes} minutes.`;
      return renderWithErrors(reply, 'access/views/sign-in.njk', { pageTitle: 'Sign in', values }, [{ field: 'username', text }], result.reason === 'invalid' ? 401 : 429);
    }
    // A new session id at sign-in, so an id planted before sign-in is worthless after it.
    await request.session.regenerate();
    request.session.set('userId', result.userId);
    request.session.set('lastSeenAt', Date.now());
    request.session.set('signedInAt', Date.now());
    return reply.redirect(result.mustChangePassword ? '/account/password' : safeReturnTo(form.data.returnTo));
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.ctx.user) await services.audit.record(request.ctx, { action: 'sign_out', recordType: 'user', recordId: request.ctx.user.id });
    await request.session.destroy();
    return reply.redirect('/sign-in?signedOut=1');
  });

  /** The timeout warning's "Stay signed in": any authenticated request refreshes activity. */
  app.post('/session/keepalive', { config: { access: 'home.view', allowWithPasswordChangeDue: true } }, async (request, reply) => {
    request.session.set('lastSeenAt', Date.now());
    return reply.send({ idleSeconds: services.config.sessionIdleMinutes * 60 });
  });

  app.get('/account/password', { config: { access: 'account.manage', allowWithPasswordChangeDue: true } }, async (request, reply) => {
    return reply.view('access/views/change-password.njk', { pageTitle: 'Change your password', mustChange: request.ctx.user?.mustChangePassword });
  });

  app.post('/account/password', { config: { access: 'account.manage', allowWithPasswordChangeDue: true } }, async (request, reply) => {
    const data = { pageTitle: 'Change your password', mustChange: request.ctx.user?.mustChangePassword };
    const form = parseForm(changePasswordForm, request.body);
    if (!form.ok) return renderWithErrors(reply, 'access/views/change-password.njk', data, form.errors);
    try {
      await services.users.changeOwnPassword(request.ctx, form.data.currentPassword, form.data.newPassword);
    } catch (err) {
      return renderWithErrors(reply, 'access/views/change-password.njk', data, domainErrors(err));
    }
    setFlash(request, { heading: 'Your password has been changed' });
    return reply.redirect('/');
  });
}
