import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import qs from 'node:querystring';
import type { Services } from '../container.js';
import './types.js';
import { registerGuard } from './guard.js';
import { registerAssetRoutes } from './assets.js';
import { registerErrorHandlers } from './errors.js';
import { configureNunjucks } from './nunjucks-setup.js';
import { registerAllRoutes } from './routes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildOptions {
  services: Services;
  sessionSecret: string;
  logger?: boolean | { level: string };
}

export async function buildServer({ services, sessionSecret, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
  });

  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request) => {
    request.ctx = { requestId: request.id, ip: request.ip, user: null };
  });

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // Forms post arrays (checkboxes) as repeated keys: node's querystring keeps them as arrays.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: sessionSecret,
    cookieName: 'csc.sid',
    store: services.sessions,
    saveUninitialized: false,
    // Saved when changed only: the guard marks activity at most every 15 s (lastSeenAt), which also renews the
    // store row's expiry. Rolling sessions would rewrite the row on every request.
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(root, 'src'), path.join(root, 'node_modules/govuk-frontend/dist'), path.join(root, 'node_modules/@ministryofjustice/frontend')],
      { noCache: config.nodeEnv === 'development' },
    ),
    { autoescape: true, throwOnUndefined: false },
  );
  configureNunjucks(env);
  // @fastify/view calls engine.configure(); hand it our environment (several search paths, filters).
  await app.register(fastifyView, { engine: { nunjucks: { configure: () => env } }, templates: [path.join(root, 'src')] });

  registerGuard(app, services);
  registerErrorHandlers(app);
  registerAssetRoutes(app, root);
  registerAllRoutes(app, services);
  return app;
}
