import type { FastifyError, FastifyInstance } from 'fastify';
import { isApi } from './guard.js';

/** 404, 403 and 500 pages that leak nothing: no stack, no SQL, just a reference to quote to support. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request)) return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404 });
    return reply.code(404).view('web/views/errors/404.njk');
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const csrf = error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
    const status = csrf ? 403 : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed');
    if (isApi(request)) {
      return reply.code(status).type('application/problem+json').send({
        type: 'about:blank',
        title: status >= 500 ? 'Something went wrong' : error.message,
        status,
        instance: request.id,
      });
    }
    if (csrf) return reply.code(403).view('web/views/errors/form-expired.njk');
    if (status === 404) return reply.code(404).view('web/views/errors/404.njk');
    if (status === 403) return reply.code(403).view('web/views/errors/403.njk');
    if (status < 500) return reply.code(status).view('web/views/errors/400.njk', { status });
    return reply.code(500).view('web/views/errors/500.njk', { requestId: request.id });
  });
}
