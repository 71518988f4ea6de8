import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.js';

/** Resolves a local $ref ('#/components/schemas/X') in the document. */
function resolve(doc: Record<string, unknown>, ref: string): unknown {
  return ref.replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc);
}

/** Every $ref in the document points at something. */
function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe('the OpenAPI document describes the real API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('pglite');
  });
  after(async () => t?.close());

  test('served publicly as JSON, OpenAPI 3, with the bearer scheme', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    assert.deepEqual(doc.components.securitySchemes.apiKey, { ...doc.components.securitySchemes.apiKey, type: 'http', scheme: 'bearer' });
    for (const ref of refs(doc)) assert.ok(resolve(doc, ref), `${ref} resolves`);
  });

  test('every documented operation is a route with the scope it claims, and every partner route is documented', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { 'x-scope': string; responses: Record<string, unknown> }>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
    assert.ok(documented.length >= 2);
    for (const d of documented) {
      const route = t.app.declaredRoutes.find((r) => r.url === d.path && r.method === d.method);
      assert.ok(route, `${d.method} ${d.path} exists`);
      assert.equal(route.access, d.op['x-scope'], `${d.method} ${d.path} scope`);
      for (const status of ['401', '403', '422']) assert.ok(d.op.responses[status], `${d.path} documents ${status}`);
    }
    const partnerRoutes = t.app.declaredRoutes.filter((r) => String(r.access).startsWith('api.'));
    for (const r of partnerRoutes) assert.ok(documented.some((d) => d.path === r.url && d.method === r.method), `${r.method} ${r.url} is documented`);
  });

  test('the documented examples are accepted by the routes, and documented enums are the ones the routes accept', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const admin = await t.services.apiClients.create({ requestId: 'test', ip: '127.0.0.1', user: null }, { name: 'Docs example', agency: 'police', scopes: ['api.contacts', 'api.police'] });
    const send = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${admin.key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const contact = await send('/api/v1/contacts', doc.paths['/api/v1/contacts'].post.requestBody.content['application/json'].example);
    assert.equal(contact.statusCode, 201, contact.body);
    const police = await send('/api/v1/police-notifications', doc.paths['/api/v1/police-notifications'].post.requestBody.content['application/json'].example);
    assert.equal(police.statusCode, 201, police.body);
    // A category the document does not list is refused.
    const categories: string[] = doc.components.schemas.PoliceNotification.properties.category.enum;
    assert.ok(categories.includes('domestic_abuse'));
    const example = doc.paths['/api/v1/police-notifications'].post.requestBody.content['application/json'].example[0];
    const refused = await send('/api/v1/police-notifications', [{ ...example, policeReference: 'DOC-2', category: 'burglary' }]);
    assert.equal(refused.statusCode, 422);
    // The contact schema forbids unknown properties, as the route does.
    assert.equal(doc.components.schemas.ContactRequest.additionalProperties, false);
  });
});
