import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, DEMO_PASSWORD, type TestApp } from '../support/harness.js';

for (const target of TARGETS) {
  describe(`sign-in and sessions on ${target}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target);
    });
    after(async () => t?.close());

    const audit = (action: string, username?: string) => {
      let q = t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', action);
      if (username) q = q.where('username', '=', username);
      return q.orderBy('id').execute();
    };

    test('sign in, see the home page for the role, sign out', async () => {
      const c = new TestClient(t.app);
      const signIn = await c.signIn('mash.worker');
      assert.equal(signIn.status, 302);
      assert.equal(signIn.location, '/');
      const home = await c.get('/');
      assert.equal(home.status, 200);
      const page = text(home.body);
      assert.match(page, /Morgan Ashby/);
      assert.match(page, /MASH practitioner/);
      assert.match(page, /Demo Borough Council/);
      assert.match(page, /Working days/);
      assert.doesNotMatch(page, /Audit log/);
      const out = await c.post('/sign-out', {}, { tokenFrom: '/' });
      assert.equal(out.location, '/sign-in?signedOut=1');
      assert.equal((await c.get('/')).status, 302);
      assert.equal((await audit('sign_in', 'mash.worker')).length >= 1, true);
      assert.equal((await audit('sign_out', 'mash.worker')).length, 1);
    });

    test('a wrong password gets a GOV.UK error and is audited; the username is kept, the password is not', async () => {
      const c = new TestClient(t.app);
      await c.get('/sign-in');
      const res = await c.post('/sign-in', { username: 'analyst', password: 'not-the-password' });
      assert.equal(res.status, 401);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(text(res.body), /Enter a correct username and password/);
      assert.match(res.body, /value="analyst"/);
      assert.doesNotMatch(res.body, /not-the-password/);
      const failures = await audit('sign_in.failure', 'analyst');
      assert.equal(failures.at(-1)?.outcome, 'failure');
      // Unknown usernames get the same message (no account enumeration).
      const unknown = await c.post('/sign-in', { username: 'nobody.here', password: 'whatever-it-is' });
      assert.match(text(unknown.body), /Enter a correct username and password/);
    });

    test('empty form: field-level errors', async () => {
      const c = new TestClient(t.app);
      await c.get('/sign-in');
      const res = await c.post('/sign-in', { username: '', password: '' });
      assert.equal(res.status, 400);
      assert.match(res.body, /href="#username"/);
      assert.match(res.body, /Enter your username/);
      assert.match(res.body, /Enter your password/);
    });

    test('five failures lock the account, even with the right password, until an administrator resets it', async () => {
      const c = new TestClient(t.app, '198.51.100.7');
      for (let i = 0; i < 5; i++) await c.post('/sign-in', { username: 'iro', password: `wrong-${i}-password` }, { tokenFrom: '/sign-in' });
      const locked = await c.post('/sign-in', { username: 'iro', password: DEMO_PASSWORD }, { tokenFrom: '/sign-in' });
      assert.equal(locked.status, 429);
      assert.match(text(locked.body), /locked/);
      assert.equal((await audit('user.locked', 'iro')).length, 1);
      // The administrator resets the password: the lock is lifted and the user must choose a new one.
      const admin = new TestClient(t.app);
      await admin.signIn('admin');
      const iro = (await t.services.users.list({ text: 'iro' })).find((u) => u.username === 'iro')!;
      const reset = await admin.post(`/admin/users/${iro.id}/reset-password`, {}, { tokenFrom: `/admin/users/${iro.id}` });
      const temp = /app-temporary-password">([^<]+)</.exec(reset.body)?.[1];
      assert.ok(temp, 'temporary password shown once');
      const after = await c.signIn('iro', temp);
      assert.equal(after.location, '/account/password');
    });

    test('too many failures from one IP address are refused', async () => {
      const c = new TestClient(t.app, '192.0.2.99');
      let last;
      for (let i = 0; i < 31; i++) last = await c.post('/sign-in', { username: `spray${i}`, password: 'guess-guess-guess' }, { tokenFrom: '/sign-in' });
      assert.equal(last!.status, 429);
      assert.match(text(last!.body), /Too many failed attempts from your network/);
      // Another address is unaffected.
      const other = await new TestClient(t.app, '192.0.2.100').signIn('analyst');
      assert.equal(other.status, 302);
    });

    test('the session id changes at sign-in and the cookie is httpOnly and SameSite=Lax', async () => {
      const res1 = await t.app.inject({ method: 'GET', url: '/sign-in' });
      const before = res1.cookies.find((c) => c.name === 'csc.sid');
      assert.ok(before, 'a session exists before sign-in (for the CSRF secret)');
      const token = /name="_csrf" value="([^"]+)"/.exec(res1.body)![1]!;
      const res2 = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { cookie: `csc.sid=${before.value}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, username: 'lado', password: DEMO_PASSWORD }).toString(),
      });
      const afterCookie = res2.cookies.find((c) => c.name === 'csc.sid');
      assert.ok(afterCookie);
      assert.notEqual(afterCookie.value.split('.')[0], before.value.split('.')[0]);
      assert.equal(afterCookie.httpOnly, true);
      assert.equal(String(afterCookie.sameSite).toLowerCase(), 'lax');
      // The old id is no longer signed in.
      const old = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `csc.sid=${before.value}` } });
      assert.equal(old.statusCode, 302);
    });

    test('a form without a valid CSRF token is refused and nothing is saved', async () => {
      const c = new TestClient(t.app);
      await c.signIn('admin');
      const res = await c.request('POST', '/admin/teams/new', { _csrf: 'forged', name: 'Forged Team', active: 'yes' });
      assert.equal(res.status, 403);
      assert.match(text(res.body), /could not be sent/);
      assert.equal((await t.services.teams.list()).some((x) => x.name === 'Forged Team'), false);
    });

    test('security headers: strict CSP with nonces, no framing, no sniffing', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/sign-in' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self' 'nonce-[^']+'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      assert.match(res.body, new RegExp(`<script nonce="${nonce}">`));
      assert.doesNotMatch(res.body.replace(/<script nonce="[^"]+">/g, '').replace(/<script type="module" src="[^"]+"><\/script>/g, ''), /<script/);
    });

    test('a return path after sign-in stays on this site', async () => {
      const c = new TestClient(t.app);
      const redirected = await c.get('/admin/teams');
      assert.equal(redirected.location, '/sign-in?returnTo=%2Fadmin%2Fteams');
      await c.get('/sign-in?returnTo=%2Fadmin%2Fteams');
      const ok = await c.post('/sign-in', { username: 'admin', password: DEMO_PASSWORD, returnTo: '/admin/teams' });
      assert.equal(ok.location, '/admin/teams');
      const evil = new TestClient(t.app);
      await evil.get('/sign-in');
      const res = await evil.post('/sign-in', { username: 'admin', password: DEMO_PASSWORD, returnTo: '//evil.example/phish' });
      assert.equal(res.location, '/');
    });

    test('error pages leak nothing', async () => {
      const c = new TestClient(t.app);
      await c.signIn('analyst');
      const missing = await c.get('/no/such/page');
      assert.equal(missing.status, 404);
      assert.match(text(missing.body), /Page not found/);
      const badId = await c.get('/admin/users/abc');
      assert.equal(badId.status, 403); // analysts may not even learn whether it exists
      const admin = new TestClient(t.app);
      await admin.signIn('admin');
      const noUser = await admin.get('/admin/users/999999');
      assert.equal(noUser.status, 404);
      assert.doesNotMatch(noUser.body, /at .*\.ts|stack|SELECT/i);
      const api = await t.app.inject({ method: 'GET', url: '/api/nothing' });
      assert.equal(api.statusCode, 404);
      assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    });

    test('GET /health reports the database', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', database: { kind: target, status: 'ok' } });
    });
  });

  describe(`idle sign-out on ${target}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target, { SESSION_IDLE_MINUTES: '2' });
    });
    after(async () => t?.close());

    test('after the idle period the next request signs the user out, says why, and is audited', async (ctx) => {
      const c = new TestClient(t.app);
      await c.signIn('social.worker');
      assert.equal((await c.get('/')).status, 200);
      const home = await c.get('/');
      assert.match(home.body, /data-idle-seconds="120"/, 'the timeout warning knows the idle period');
      // Move the clock past the idle period.
      const realNow = Date.now;
      ctx.after(() => {
        Date.now = realNow;
      });
      Date.now = () => realNow() + 2 * 60000 + 5000;
      const res = await c.get('/');
      assert.equal(res.location, '/sign-in?timeout=1');
      Date.now = realNow;
      const page = await c.get('/sign-in?timeout=1');
      assert.match(text(page.body), /You have been signed out/);
      assert.equal((await c.get('/')).status, 302);
      const rows = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'sign_out.timeout').execute();
      assert.equal(rows.at(-1)?.username, 'social.worker');
    });

    test('"stay signed in" keeps the session alive', async (ctx) => {
      const c = new TestClient(t.app);
      await c.signIn('social.worker');
      await c.get('/');
      const realNow = Date.now;
      ctx.after(() => {
        Date.now = realNow;
      });
      Date.now = () => realNow() + 90000;
      const keep = await c.request('POST', '/session/keepalive', undefined, { 'csrf-token': c.csrf! });
      assert.equal(keep.status, 200);
      Date.now = () => realNow() + 90000 + 90000;
      assert.equal((await c.get('/')).status, 200);
    });
  });
}
