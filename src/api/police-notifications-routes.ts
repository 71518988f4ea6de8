import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { sendProblem } from '../access/api-auth.js';
import { checkBatch, MAX_API_BATCH } from '../frontdoor/police-rules.js';

/** A batch of 5,000 notifications with their people is a few megabytes of JSON. */
const POLICE_BODY_LIMIT = 16 * 1024 * 1024;

export function registerApiPoliceRoutes(app: FastifyInstance, services: Services): void {
  app.post('/api/v1/police-notifications', { config: { access: 'api.police' }, bodyLimit: POLICE_BODY_LIMIT }, async (request, reply) => {
    const body = request.body;
    if (!Array.isArray(body)) return sendProblem(reply, 400, 'Send a JSON array of police notifications');
    if (body.length === 0) return sendProblem(reply, 422, 'The batch is empty');
    if (body.length > MAX_API_BATCH) return sendProblem(reply, 413, `Send at most ${MAX_API_BATCH} notifications per call (this batch has ${body.length})`);
    const checked = checkBatch(body);
    if (!checked.ok) {
      // All or nothing: one bad item means none is imported, so the sender can fix and resend the whole batch.
      return sendProblem(reply, 422, 'Nothing was imported: some notifications are not valid', {
        errors: checked.problems.map((p) => ({ index: p.at, pointer: `/${p.at}/${p.field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`, detail: `${p.field} ${p.text}` })),
      });
    }
    const result = await services.police.import(request.ctx, checked.notifications, { kind: 'api' });
    return reply.code(result.added ? 201 : 200).send({
      batchId: result.batchId,
      received: result.received,
      added: result.added,
      alreadyImported: result.alreadyImported,
      matchedPeople: result.matchedPeople,
      unmatchedPeople: result.unmatchedPeople,
    });
  });
}
