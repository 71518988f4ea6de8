import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

/**
 * Static files: /assets/ serves GOV.UK and MoJ images together (MoJ's CSS points there),
 * /public/ serves our built stylesheet and scripts. Only files under these roots can be read.
 */
export function registerAssetRoutes(app: FastifyInstance, root: string): void {
  const assetRoots = [
    path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets'),
    path.join(root, 'node_modules/@ministryofjustice/frontend/moj/assets'),
  ];
  const scriptRoots: Record<string, string> = {
    'govuk-frontend.min.js': path.join(root, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'),
    'moj-frontend.min.js': path.join(root, 'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js'),
  };
  const publicRoot = path.join(root, 'public');

  const send = (file: string | undefined, reply: import('fastify').FastifyReply, maxAge: number) => {
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return reply.code(404).type('text/plain').send('Not found');
    return reply
      .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', `public, max-age=${maxAge}`)
      .send(fs.createReadStream(file));
  };
  const within = (base: string, rel: string) => {
    const full = path.resolve(base, rel);
    return full.startsWith(base + path.sep) ? full : undefined;
  };

  app.get('/assets/*', { config: { access: 'public', staticFile: true } }, async (request, reply) => {
    const rel = (request.params as { '*': string })['*'];
    const file = scriptRoots[rel] ?? assetRoots.map((r) => within(r, rel)).find((f) => f && fs.existsSync(f));
    return send(file, reply, 86400);
  });
  app.get('/public/*', { config: { access: 'public', staticFile: true } }, async (request, reply) => {
    const rel = (request.params as { '*': string })['*'];
    return send(within(publicRoot, rel), reply, 3600);
  });
}
