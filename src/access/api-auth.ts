import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.js';

/** RFC 9457 problem details, the one error shape of the JSON API. */
export function sendProblem(reply: FastifyReply, status: number, title: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, ...extra });
}

/** Requests authenticated by a bearer key (set in onRequest, read by the guard's permission check). */
export const bearerRequests = new WeakSet<FastifyRequest>();

/**
 * Partner systems authenticate each API call with `Authorization: Bearer <key>`. A request with a key is
 * the partner system and nobody else: a wrong or revoked key is refused (401) even if a session cookie came
 * with it. Requests without the header fall through to the ordinary session (pages' own JSON helpers).
 * Returns true when the request carried a key (valid or not).
 */
export async function authenticateBearer(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<boolean> {
  const header = request.headers.authorization;
  if (header === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1] ?? '';
  const found = key ? await services.apiClients.authenticate(key) : null;
  if (!found) {
    // The key itself is never logged: only enough of it to tell which one was tried.
    await services.audit.record(request.ctx, { action: 'api.auth_failed', outcome: 'denied', details: { method: request.method, url: request.url, keyPrefix: key.slice(0, 12) } });
    reply.header('www-authenticate', 'Bearer realm="api"');
    sendProblem(reply, 401, match ? 'The API key is not valid or has been revoked' : 'Send the API key as Authorization: Bearer <key>');
    return true;
  }
  request.ctx.user = found.user;
  bearerRequests.add(request);
  return true;
}
