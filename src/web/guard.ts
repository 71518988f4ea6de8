import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decideRoute, type RouteAccess } from '../access/policy.js';
import type { Services } from '../container.js';
import { setPageLocals } from './page-locals.js';
import { authenticateBearer, bearerRequests, sendProblem } from '../access/api-auth.js';

/** Routes every request must pass through; registered once, so no route can skip them. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the access tests and for review. */
    declaredRoutes: DeclaredRoute[];
  }
}

export function registerGuard(app: FastifyInstance, services: Services): void {
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  // Refuse to start with a route that does not say who may use it.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access): every route must`);
    }
    for (const method of [route.method].flat()) declared.push({ method: String(method), url: route.url, access });
  });

  // A partner system's bearer key is checked as the request arrives, before its body is read (a police
  // batch may be megabytes): a wrong key, or no key on a partner-system route, is refused at once.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404 || !isApi(request)) return;
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const bearer = await authenticateBearer(request, reply, services);
    if (reply.sent) return reply;
    // Without a key and without a session, refuse before reading the body. (A signed-in person falls through
    // to the permission check below, which refuses them too: no person's role has an API permission.)
    if (!bearer && access.startsWith('api.') && !request.session?.get('userId')) {
      await services.audit.record(request.ctx, { action: 'api.auth_failed', outcome: 'denied', details: { method: request.method, url: request.url, keyPrefix: '' } });
      reply.header('www-authenticate', 'Bearer realm="api"');
      return sendProblem(reply, 401, 'Send the API key as Authorization: Bearer <key>');
    }
    return undefined;
  });

  // Who is asking, and may they: decided in preValidation, before any body a plugin reads there (a multipart
  // upload, parsed into the body in the route's own preValidation, which runs after this one) and before the handler.
  app.addHook('preValidation', async (request, reply) => {
    const access = request.is404 ? 'public' : request.routeOptions.config.access;
    // Unreachable by construction (onRoute refuses such routes); deny rather than assume.
    if (!access) return reply.code(403).send();
    // Stylesheets, scripts and images: skip the user lookup and page data every page request pays for.
    if (!request.is404 && request.routeOptions.config.staticFile) return;
    // A partner system (authenticated by its key in onRequest) has no session and no page data.
    const bearer = bearerRequests.has(request);
    if (!bearer) {
      await loadUser(request, reply, services, access === 'public');
      if (reply.sent) return;
      await setPageLocals(request, reply, services);
    }

    const user = request.ctx.user;
    const decision = decideRoute(user, access);
    if (decision === 'sign-in') return sendToSignIn(request, reply);
    if (decision === 'forbidden') {
      await services.audit.record(request.ctx, { action: 'access.denied', outcome: 'denied', details: { method: request.method, url: request.url } });
      if (isApi(request)) return sendProblem(reply, 403, bearer ? `This API key does not have the scope ${access}` : 'You do not have permission to do this');
      return reply.code(403).view('web/views/errors/403.njk');
    }
    if (user?.mustChangePassword && access !== 'public' && !request.routeOptions.config.allowWithPasswordChangeDue) {
      return reply.redirect('/account/password');
    }
    return undefined;
  });

  // The form's CSRF token is in the body, which a multipart upload only has after its preValidation: checked here.
  app.addHook('preHandler', async (request, reply) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !isApi(request)) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    }
  });
}

export const isApi = (request: FastifyRequest) => request.url.startsWith('/api/') || request.url === '/health';

function sendToSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (isApi(request) || request.method !== 'GET') {
    return isApi(request)
      ? reply.code(401).type('application/problem+json').send({ type: 'about:blank', title: 'Sign in required', status: 401 })
      : reply.redirect('/sign-in');
  }
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
}

const ACTIVITY_WRITE_INTERVAL_MS = 15000;

/** Loads the signed-in user, signing them out if idle too long or if the account was deactivated. */
async function loadUser(request: FastifyRequest, reply: FastifyReply, services: Services, publicRoute: boolean): Promise<void> {
  const session = request.session;
  const userId = session.get('userId');
  if (!userId) return;
  const now = Date.now();
  const idleMs = services.config.sessionIdleMinutes * 60000;
  const lastSeen = session.get('lastSeenAt') ?? 0;
  if (now - lastSeen > idleMs) {
    const user = await services.users.currentUser(userId);
    request.ctx.user = user;
    await services.audit.record(request.ctx, { action: 'sign_out.timeout', recordType: 'user', recordId: userId });
    request.ctx.user = null;
    await session.destroy();
    if (isApi(request) || publicRoute) return;
    reply.redirect('/sign-in?timeout=1');
    return;
  }
  const user = await services.users.currentUser(userId);
  if (!user) {
    await session.destroy();
    return;
  }
  request.ctx.user = user;
  // The timeout-warning dialog's "stay signed in" and every page view count as activity.
  // Written at most every few seconds to spare the database.
  if (now - lastSeen > ACTIVITY_WRITE_INTERVAL_MS) session.set('lastSeenAt', now);
}
