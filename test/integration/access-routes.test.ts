import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, PERMISSIONS } from '../../src/access/roles.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';

// Explicit expectations for the sensitive areas, written out rather than derived from the policy,
// so a mistake in the policy itself fails here.
const ADMIN_ONLY_PREFIXES = ['/admin/', '/calendar/non-working-days'];
const PARTNER_FORBIDDEN = ['/calendar', '/admin/'];

for (const target of TARGETS) {
  describe(`route access on ${target}`, () => {
    let t: TestApp;
    let targetUserId: number;
    let teamId: number;

    before(async () => {
      t = await startTestApp(target);
      const teams = await t.services.teams.list();
      teamId = teams[0]!.id;
      const created = await t.services.users.create(SYSTEM_CONTEXT, { username: 'matrix.target', displayName: 'Matrix Target', email: '', jobTitle: '', role: 'social_worker', agency: null, teamIds: [teamId] });
      targetUserId = created.user.id;
    });
    after(async () => t?.close());

    test('every registered route declares its access', () => {
      assert.ok(t.app.declaredRoutes.length >= 25, `expected the full route table, got ${t.app.declaredRoutes.length}`);
      for (const r of t.app.declaredRoutes) {
        assert.ok(r.access === 'public' || r.access in PERMISSIONS, `${r.method} ${r.url} has unknown access ${r.access}`);
      }
      // The route table printed by fastify must contain nothing the guard did not see.
      const printed = t.app.printRoutes({ commonPrefix: false });
      for (const r of t.app.declaredRoutes) assert.ok(printed.includes(r.url.split('/').pop()!), `${r.url} missing from router`);
    });

    test('a route without declared access stops the server from starting', async () => {
      const { default: Fastify } = await import('fastify');
      const { registerGuard } = await import('../../src/web/guard.js');
      const bare = Fastify();
      registerGuard(bare, t.services);
      assert.throws(() => bare.get('/undeclared', async () => 'x'), /declares no access/);
      await bare.close();
    });

    const concrete = (url: string) =>
      url.replace(':id', () => (url.startsWith('/admin/teams') ? String(teamId) : String(targetUserId))).replace(':day', '2026-12-29').replace('*', 'images/favicon.ico');

    test('signed out: public routes answer, every other page redirects to sign-in, the API answers 401', async () => {
      const client = new TestClient(t.app);
      for (const r of t.app.declaredRoutes.filter((x) => x.method === 'GET')) {
        const res = await client.get(concrete(r.url));
        if (r.access === 'public') assert.notEqual(res.status, 403, r.url);
        else {
          assert.equal(res.status, 302, `${r.url} should redirect to sign-in`);
          assert.match(res.location ?? '', /^\/sign-in/, r.url);
        }
      }
      const post = await client.post('/admin/users/new', { username: 'x' });
      assert.equal(post.status, 302);
      assert.match(post.location ?? '', /^\/sign-in/);
    });

    test('every role against every route: allowed, forbidden (403) exactly as the policy says', async () => {
      const { decideRoute } = await import('../../src/access/policy.js');
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        const signIn = await client.signIn(demo.username);
        assert.equal(signIn.status, 302, `${demo.username} signs in`);
        const user = (await t.services.users.currentUser((await t.services.users.list({ text: demo.username }))[0]!.id))!;
        const routes = t.app.declaredRoutes.filter((r) => r.method !== 'HEAD' && r.url !== '/sign-out' && r.url !== '/sign-in' && !r.url.includes('reset-password') && !r.url.endsWith('/deactivate'));
        for (const r of routes) {
          const url = concrete(r.url);
          const res = r.method === 'GET' ? await client.get(url) : await client.post(url, {}, { tokenFrom: '/' });
          const expected = decideRoute(user, r.access);
          if (expected === 'forbidden') assert.equal(res.status, 403, `${role} ${r.method} ${url} should be 403, got ${res.status}`);
          else {
            assert.notEqual(res.status, 403, `${role} ${r.method} ${url} should be allowed`);
            assert.ok(!(res.location ?? '').startsWith('/sign-in'), `${role} ${r.method} ${url} must not bounce to sign-in`);
            assert.ok(res.status < 500, `${role} ${r.method} ${url} gave ${res.status}`);
          }
          // Independent check for the areas that matter most.
          if (ADMIN_ONLY_PREFIXES.some((p) => url.startsWith(p)) && role !== 'administrator') assert.equal(res.status, 403, `${role} must not reach ${url}`);
          if (role === 'partner' && PARTNER_FORBIDDEN.some((p) => url.startsWith(p))) assert.equal(res.status, 403, `partners must not reach ${url}`);
        }
      }
    });

    test('forbidden requests are audited as denied', async () => {
      const client = new TestClient(t.app);
      await client.signIn('police.partner');
      await client.get('/admin/audit');
      const rows = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'access.denied').where('username', '=', 'police.partner').execute();
      assert.ok(rows.length >= 1);
      assert.equal(rows.at(-1)!.outcome, 'denied');
    });
  });
}
