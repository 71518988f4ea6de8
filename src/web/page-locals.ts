import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';
import { navigationFor } from './navigation.js';
import { ROLE_LABELS, AGENCY_LABELS } from '../access/roles.js';

/** What every page's layout needs: header, navigation, CSRF token, CSP nonce, timeout warning. */
export async function setPageLocals(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  const settings = await services.settings.get();
  const user = request.ctx.user;
  const path = request.url.split('?')[0] ?? '/';
  // A one-time message from the previous page (after a redirect), shown once.
  const flash = user ? request.session.get('flash') : undefined;
  if (flash) request.session.set('flash', undefined);
  reply.locals = {
    flash,
    ...reply.locals,
    councilName: settings.councilName,
    currentUser: user,
    roleLabel: user ? ROLE_LABELS[user.role] : undefined,
    agencyLabel: user?.agency ? AGENCY_LABELS[user.agency] : undefined,
    navigation: user && !user.mustChangePassword ? navigationFor(user, path) : [],
    cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
    // Lazily: a token is made (and the session saved) only when a page renders a form.
    csrfToken: () => reply.generateCsrf(),
    idleMinutes: services.config.sessionIdleMinutes,
    currentPath: path,
  };
}
