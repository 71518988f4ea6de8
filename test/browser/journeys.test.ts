/**
 * Whole journeys in a real browser: an administrator adds a user who signs in with the temporary
 * password and must change it; the service without JavaScript; the session timeout warning.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  SKIP,
  axeViolations,
  launchBrowser,
  navigationTexts,
  openTab,
  report,
  screenshot,
  signIn,
  signOut,
  startServer,
  type BrowserServer,
} from './browser-support.js';

let server: BrowserServer | undefined;
/** A separate app with the shortest idle timeout (2 minutes, so the warning comes after 1 minute). */
let shortServer: BrowserServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (SKIP) return;
  // Started together: each app hashes the demo users' passwords, which is most of its start-up time.
  [server, shortServer, browser] = await Promise.all([startServer(), startServer({ SESSION_IDLE_MINUTES: '2' }), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await shortServer?.close();
});

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

/** The "Team" / "Teams" row of the home page's summary list. */
const summaryValue = async (page: Page, key: string) =>
  (await page.locator('.govuk-summary-list__row', { has: page.locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) }).locator('.govuk-summary-list__value').textContent())?.trim();

test('an administrator adds a user, who signs in with the temporary password and must change it; the audit log shows it', { skip: SKIP }, async () => {
  const violations: string[] = [];
  const { page, context, problems } = await openTab(browser!, server!.baseUrl);

  // The administrator adds the user through the form.
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  await Promise.all([page.waitForURL('**/admin/users/new'), page.getByRole('button', { name: 'Add a user' }).click()]);
  await page.getByLabel('Full name').fill('Jordan Rivers');
  await page.getByLabel('Username').fill('jordan.rivers');
  await page.getByLabel('Job title (optional)').fill('Family support worker');
  await page.getByLabel('Role').selectOption({ label: 'Social worker' });
  await page.getByRole('checkbox', { name: 'Early Help' }).check();
  await page.getByRole('button', { name: 'Add user' }).click();
  const panel = page.locator('.govuk-panel--confirmation');
  await panel.waitFor();
  assert.equal((await panel.locator('.govuk-panel__title').textContent())?.trim(), 'User added');
  const temporaryPassword = (await panel.locator('.app-temporary-password').textContent())?.trim() ?? '';
  assert.ok(temporaryPassword.length >= 12, `a temporary password is shown (got "${temporaryPassword}")`);
  violations.push(...(await axeViolations(page, 'user added panel')));
  await screenshot(page, 'user-added');
  await signOut(page);
  assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /You have signed out/);

  // The new user signs in and is sent to change the password; nothing else is reachable until they do.
  await signIn(page, 'jordan.rivers', temporaryPassword);
  assert.equal(new URL(page.url()).pathname, '/account/password');
  assert.equal(await h1(page), 'Change your password');
  assert.match((await page.locator('.govuk-inset-text').textContent()) ?? '', /You must choose a new password/);
  assert.deepEqual(await navigationTexts(page), [], 'no navigation until the password is changed');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1, 'they can still sign out');
  violations.push(...(await axeViolations(page, 'forced password change')));
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/account/password', 'the home page sends them back to change the password');
  await page.goto('/calendar');
  assert.equal(new URL(page.url()).pathname, '/account/password', 'so does every other page');

  // A password that is too short is refused with an error, and nothing changes.
  await page.getByLabel('Current password').fill(temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill('too-short');
  await page.getByLabel('Confirm new password').fill('too-short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /12 characters or more/);
  violations.push(...(await axeViolations(page, 'password change, too short')));

  const newPassword = 'river-lantern-orchard-42';
  await page.getByLabel('Current password').fill(temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Change password' }).click()]);
  assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Your password has been changed/);
  assert.equal(await h1(page), 'Jordan Rivers');
  assert.equal(await summaryValue(page, 'Team'), 'Early Help');
  assert.equal(await summaryValue(page, 'Role'), 'Social worker');
  assert.deepEqual(await navigationTexts(page), ['Home', 'Find a person', 'Cases', 'Working days']);
  violations.push(...(await axeViolations(page, 'home after password change')));
  await signOut(page);

  // The new password works; the temporary one no longer does.
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill('jordan.rivers');
  await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await signIn(page, 'jordan.rivers', newPassword);
  assert.equal(new URL(page.url()).pathname, '/');
  await signOut(page);

  // The administrator finds it all in the audit log.
  await signIn(page, 'admin');
  await page.goto('/admin/audit');
  await page.getByLabel('Username').fill('jordan.rivers');
  await Promise.all([page.waitForURL(/username=jordan\.rivers/), page.getByRole('button', { name: 'Search audit log' }).click()]);
  const actions = (await page.locator('tbody tr td:nth-child(3)').allTextContents()).map((a) => a.trim());
  for (const expected of ['sign_in', 'user.password_change', 'sign_in.failure', 'sign_out']) {
    assert.ok(actions.includes(expected), `audit log for jordan.rivers includes ${expected}: ${actions.join(', ')}`);
  }
  const who = (await page.locator('tbody tr td:nth-child(2)').allTextContents()).map((w) => w.trim());
  assert.ok(who.every((w) => w.startsWith('jordan.rivers')), `only jordan.rivers's events: ${who.join(', ')}`);
  violations.push(...(await axeViolations(page, 'audit log for the new user')));

  assert.deepEqual(violations, [], `accessibility violations:${report(violations)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript: signing in, a form post with errors, a form post that saves, and signing out all work', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, server!.baseUrl, { javaScriptEnabled: false });
  await signIn(page, 'admin');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await h1(page), 'Alex Admin');
  assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')).catch(() => false), false, 'scripts did not run');
  assert.equal(await page.locator('dialog').count(), 0, 'no timeout dialog without JavaScript');

  // Errors come back from the server, with the summary, without any script.
  await page.goto('/admin/teams/new');
  await page.getByRole('button', { name: 'Add team' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#name');

  await page.getByLabel('Team name').fill('Family Hubs');
  await page.getByLabel('Description (optional)').fill('Early help delivered from family hubs');
  await Promise.all([page.waitForURL('**/admin/teams'), page.getByRole('button', { name: 'Add team' }).click()]);
  assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /Team Family Hubs added/);
  assert.equal(await page.getByRole('link', { name: 'Family Hubs (edit)' }).count(), 1);

  // A GET form (the working-day calculator) too.
  await page.goto('/calendar');
  await page.getByLabel('Start date').fill('2026-03-02');
  await page.getByLabel('Working days').fill('10');
  await Promise.all([page.waitForURL(/start=2026-03-02/), page.getByRole('button', { name: 'Work out due date' }).click()]);
  assert.equal((await page.locator('.app-panel--result .govuk-panel__title').textContent())?.trim(), 'Due Monday 16 March 2026');

  await signOut(page);
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'signed out for real');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The status of the next keepalive request, once it has completely finished (so leaving the page cannot abort it). */
async function keepaliveStatus(page: Page): Promise<number | undefined> {
  const request = await page.waitForEvent('requestfinished', (r) => r.url().endsWith('/session/keepalive'));
  return (await request.response())?.status();
}

test('the timeout warning opens before the idle sign-out; "Stay signed in" closes it and keeps the session', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, shortServer!.baseUrl);
  // A fake clock in the page, so a minute passes in an instant; the server keeps real time.
  await page.clock.install();
  await signIn(page, 'social.worker');
  const dialog = page.locator('dialog.app-timeout-dialog');
  assert.equal(await dialog.count(), 1, 'the dialog is ready');
  assert.equal(await dialog.isVisible(), false, 'and closed');

  await page.clock.fastForward('00:50');
  assert.equal(await dialog.isVisible(), false, 'not yet after 50 seconds');
  await page.clock.fastForward('00:11');
  await dialog.waitFor({ state: 'visible' });
  assert.equal((await dialog.locator('h2').textContent())?.trim(), 'You’re about to be signed out');
  assert.match((await dialog.locator('#app-timeout-message').textContent()) ?? '', /we will sign you out in \d+ seconds\./);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'app-timeout-stay', 'focus moves into the dialog');
  const violations = await axeViolations(page, 'timeout dialog');
  await screenshot(page, 'timeout-warning');

  const keepalive = keepaliveStatus(page);
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  assert.equal(await keepalive, 200, 'the session was refreshed');
  await dialog.waitFor({ state: 'hidden' });

  // It comes back after another idle minute; Escape also means "stay signed in".
  await page.clock.fastForward('01:01');
  await dialog.waitFor({ state: 'visible' });
  const keepalive2 = keepaliveStatus(page);
  await page.keyboard.press('Escape');
  assert.equal(await keepalive2, 200);
  await dialog.waitFor({ state: 'hidden' });

  // Still signed in on the server.
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Sam Walker');

  // "Sign out" in the dialog signs out.
  await page.clock.fastForward('01:01');
  await dialog.waitFor({ state: 'visible' });
  await Promise.all([page.waitForURL(/\/sign-in\?signedOut=1$/), dialog.getByRole('link', { name: 'Sign out' }).click()]);

  assert.deepEqual(violations, [], `accessibility violations:${report(violations)}`);
  assert.deepEqual(problems, []);
  await context.close();
});
