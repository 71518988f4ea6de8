/**
 * Every page, as every role sees it, in a real browser: axe-core finds no WCAG 2.2 AA violations,
 * the service navigation shows exactly what the role allows, and no script, style or font fails to load.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import type { Browser, Page } from 'playwright-core';
import {
  SKIP,
  axeViolations,
  launchBrowser,
  navigationLinks,
  openTab,
  report,
  screenshot,
  signIn,
  startServer,
  type BrowserServer,
} from './browser-support.js';

const ADMIN_NAV = ['Home', 'Working days', 'Users', 'Teams', 'Partner systems', 'Audit log', 'Settings'];
const STAFF_NAV = ['Home', 'Find a person', 'Cases', 'Working days'];
const ANALYST_NAV = ['Home', 'Working days'];
const MANAGER_NAV = ['Home', 'Find a person', 'Cases', 'Possible duplicates', 'Working days'];
const PARTNER_NAV = ['Home', 'Information requests'];
const MASH_NAV = ['Home', 'Find a person', 'Cases', 'Front door', 'Working days'];
const MASH_MANAGER_NAV = ['Home', 'Find a person', 'Cases', 'Possible duplicates', 'Front door', 'Working days'];
const EARLY_HELP_NAV = ['Home', 'Find a person', 'Cases', 'Early help', 'Working days'];
const LADO_NAV = ['Home', 'Find a person', 'Allegations', 'Working days'];

/** The demo users, with what each should see (written out here, not derived from the policy under test). */
const USERS: Array<{ username: string; name: string; nav: string[] }> = [
  { username: 'admin', name: 'Alex Admin', nav: ADMIN_NAV },
  { username: 'mash.worker', name: 'Morgan Ashby', nav: MASH_NAV },
  { username: 'mash.manager', name: 'Priya Manning', nav: MASH_MANAGER_NAV },
  { username: 'social.worker', name: 'Sam Walker', nav: STAFF_NAV },
  { username: 'team.manager', name: 'Taylor Mensah', nav: MANAGER_NAV },
  { username: 'lado', name: 'Lee Adeyemi', nav: LADO_NAV },
  { username: 'iro', name: 'Robin Okafor', nav: STAFF_NAV },
  { username: 'edt.worker', name: 'Eddie Thornton', nav: MASH_NAV },
  { username: 'analyst', name: 'Ana Lister', nav: ANALYST_NAV },
  { username: 'police.partner', name: 'DC Pat Ollerton', nav: PARTNER_NAV },
  { username: 'health.partner', name: 'Hana Ellis', nav: PARTNER_NAV },
  { username: 'education.partner', name: 'Ed Carter', nav: PARTNER_NAV },
  { username: 'da.partner', name: 'Dana Abbott', nav: PARTNER_NAV },
  { username: 'probation.partner', name: 'Perry Bowen', nav: PARTNER_NAV },
  { username: 'early.help', name: 'Erin Hale', nav: EARLY_HELP_NAV },
];

let server: BrowserServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (SKIP) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Collects axe violations over several pages so one failing run lists everything. */
class Checker {
  readonly violations: string[] = [];
  constructor(private readonly page: Page) {}

  /** Goes to a path, checks the status and the page heading, then runs axe. */
  async visit(path: string, label: string, expect: { status?: number; heading?: string | RegExp; axe?: boolean } = {}) {
    const res = await this.page.goto(path);
    assert.equal(res?.status(), expect.status ?? 200, `${label}: status of ${path}`);
    if (expect.heading) await assertHeading(this.page, expect.heading, label);
    // axe takes about a second a page: pages another test already checked in the same state skip it.
    if (expect.axe !== false) await this.check(label);
  }

  /** Runs axe on the page as it stands (after a form post, say). */
  async check(label: string) {
    this.violations.push(...(await axeViolations(this.page, label)));
  }

  done() {
    assert.deepEqual(this.violations, [], `accessibility violations:${report(this.violations)}`);
  }
}

async function assertHeading(page: Page, expected: string | RegExp, label: string) {
  const h1 = (await page.locator('h1').first().textContent())?.trim() ?? '';
  if (typeof expected === 'string') assert.equal(h1, expected, `${label}: h1`);
  else assert.match(h1, expected, `${label}: h1`);
}

/** After a form is re-rendered with errors: a focused error summary whose links reach the fields. */
async function assertErrorSummary(page: Page, label: string, expectedMessages: string[]) {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.ok(await page.title().then((t) => t.startsWith('Error: ')), `${label}: the title starts with "Error: "`);
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
  assert.deepEqual(
    links.map((l) => l.text),
    expectedMessages,
    `${label}: error summary messages`,
  );
  for (const l of links) {
    assert.ok(l.href.startsWith('#'), `${label}: "${l.text}" links within the page`);
    assert.equal(await page.locator(l.href).count(), 1, `${label}: "${l.text}" links to ${l.href}, which must be a field on the page`);
  }
  // GOV.UK Frontend's script moves focus to the summary so screen reader users hear it first.
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), true, `${label}: the error summary has focus`);
  // Each field in error shows its message next to it, too.
  assert.equal(await page.locator('.govuk-error-message').count(), expectedMessages.length, `${label}: inline error messages`);
}

test('axe is wired up: it reports a violation on a deliberately broken page', { skip: SKIP }, async () => {
  const { page, context } = await openTab(browser!, server!.baseUrl);
  await page.setContent('<!DOCTYPE html><html lang="en"><title>Broken</title><body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>');
  const lines = await axeViolations(page, 'broken page');
  assert.ok(lines.some((l) => l.includes('image-alt')), `image-alt reported: ${report(lines)}`);
  assert.ok(lines.some((l) => l.includes(' label ')), `label reported: ${report(lines)}`);
  await context.close();
});

test('signed out: the sign-in page, sign-in errors and the 404 page pass axe', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, server!.baseUrl);
  const check = new Checker(page);

  await check.visit('/', 'redirect to sign-in', { heading: 'Sign in' });
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(await page.locator('.govuk-service-navigation__list').count(), 0, 'no navigation before signing in');
  assert.equal((await page.locator('.govuk-generic-header__homepage-link').textContent())?.trim(), 'Demo Borough Council', 'council name in the header');
  assert.equal(await page.locator('header svg, .govuk-header__logotype').count(), 0, 'no crown: this is a council service, not GOV.UK');
  const font = await page.locator('h1').evaluate((h1) => getComputedStyle(h1).fontFamily);
  assert.match(font, /^arial/i, 'Arial, not the GOV.UK Transport font');
  await screenshot(page, 'sign-in');

  // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');

  // Nothing entered: both fields in error.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await assertErrorSummary(page, 'sign-in, empty', ['Enter your username', 'Enter your password']);
  await check.check('sign-in, empty');

  // Wrong password: one message, the username kept, the password not.
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await assertErrorSummary(page, 'sign-in, wrong password', ['Enter a correct username and password']);
  assert.equal(await page.getByLabel('Username').inputValue(), 'admin');
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
  await check.check('sign-in, wrong password');
  await screenshot(page, 'sign-in-errors');

  await check.visit('/no-such-page', '404 signed out', { status: 404, heading: 'Page not found' });
  check.done();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const user of USERS) {
  test(`${user.username}: home and every navigation page pass axe, and the navigation is ${user.nav.join(', ')}`, { skip: SKIP }, async () => {
    const { page, context, problems } = await openTab(browser!, server!.baseUrl);
    const check = new Checker(page);
    await signIn(page, user.username);
    assert.equal(new URL(page.url()).pathname, '/');
    await assertHeading(page, user.name, 'home');
    assert.equal((await page.locator('.app-account__name').textContent())?.trim(), user.name, 'signed-in name in the header');
    await check.check('home');

    const nav = await navigationLinks(page);
    assert.deepEqual(
      nav.map((n) => n.text),
      user.nav,
      'navigation shown matches what the role allows',
    );
    for (const item of nav) {
      if (item.href !== '/') await check.visit(item.href, `${item.text} page`);
      // The current section is marked for assistive technology, and only that one.
      const current = await page.locator('.govuk-service-navigation__list [aria-current]').allTextContents();
      assert.deepEqual(
        current.map((t) => t.trim()),
        [item.text],
        `${item.text} is the current navigation item on ${item.href}`,
      );
    }
    if (user.username === 'police.partner') await screenshot(page, 'home-partner');
    check.done();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('admin: every administration page, and the working-day calculator, pass axe', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, server!.baseUrl);
  const check = new Checker(page);
  await signIn(page, 'admin');
  await page.goto('/');
  await screenshot(page, 'home-admin');

  await check.visit('/admin/users', 'users list', { heading: 'Users', axe: false });
  assert.equal(await page.locator('tbody tr').count(), DEMO_USERS.length, 'every demo user is listed');
  await screenshot(page, 'users-list');

  await check.visit('/admin/users?q=partner&show=all', 'users list, searched', { heading: 'Users', axe: false });
  assert.equal(await page.locator('tbody tr').count(), DEMO_USERS.filter((u) => u.username.includes('partner')).length);

  await page.goto('/admin/users');
  await Promise.all([page.waitForURL(/\/admin\/users\/\d+$/), page.getByRole('link', { name: 'Sam Walker' }).click()]);
  await assertHeading(page, 'Sam Walker', 'user page');
  await check.check('user page');
  const userPath = new URL(page.url()).pathname;

  await Promise.all([page.waitForURL(`${userPath}/edit`), page.getByRole('button', { name: 'Edit details' }).click()]);
  await assertHeading(page, 'Edit Sam Walker', 'edit user');
  await check.check('edit user');

  await check.visit('/admin/users/new', 'add user', { heading: 'Add a user' });

  await check.visit('/admin/teams', 'teams list', { heading: 'Teams', axe: false });
  await check.visit('/admin/teams/new', 'add team', { heading: 'Add a team' });
  await page.goto('/admin/teams');
  await Promise.all([page.waitForURL(/\/admin\/teams\/\d+\/edit$/), page.getByRole('link', { name: 'Early Help (edit)' }).click()]);
  await assertHeading(page, 'Edit Early Help', 'edit team');
  await check.check('edit team');

  await check.visit('/admin/audit', 'audit log', { heading: 'Audit log', axe: false });
  assert.ok((await page.locator('tbody tr').count()) > 0, 'the audit log lists events');
  await screenshot(page, 'audit-log');
  // Filters filled in through the form, as a person would.
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Action').selectOption('sign_in');
  await Promise.all([page.waitForURL(/username=admin/), page.getByRole('button', { name: 'Search audit log' }).click()]);
  const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
  assert.ok(actions.length > 0 && actions.every((a) => /^sign_in(\.|$)/.test(a.trim())), `only sign_in events (and sign_in.*) are listed: ${actions.join(', ')}`);
  await check.check('audit log, filtered');
  await check.visit('/admin/audit?from=2000-01-01&to=2000-01-31', 'audit log, no results', { heading: 'Audit log' });

  await check.visit('/admin/settings', 'settings', { heading: 'Council settings', axe: false });

  await check.visit('/calendar', 'working days', { heading: 'Working days', axe: false });
  await page.getByLabel('Start date').fill('2026-12-21');
  await page.getByLabel('Working days').fill('5');
  await Promise.all([page.waitForURL(/start=2026-12-21/), page.getByRole('button', { name: 'Work out due date' }).click()]);
  // 21 December 2026 is a Monday; Christmas Day and Boxing Day (substitute: 28 December) are not working days.
  assert.equal((await page.locator('.app-panel--result .govuk-panel__title').textContent())?.trim(), 'Due Wednesday 30 December 2026');
  await check.check('working days, with a result');
  await screenshot(page, 'working-days');

  await check.visit('/account/password', 'change password', { heading: 'Change your password' });
  await check.visit('/admin/users/999999', '404 signed in', { status: 404, heading: 'Page not found' });
  check.done();
  assert.deepEqual(problems, []);
  await context.close();
});

test('403: a role without the permission sees "You do not have access", which passes axe', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, server!.baseUrl);
  const check = new Checker(page);
  await signIn(page, 'mash.worker');
  await check.visit('/admin/users', '403 for mash.worker', { status: 403, heading: 'You do not have access to this page' });
  await screenshot(page, 'forbidden');
  await context.close();

  const partner = await openTab(browser!, server!.baseUrl);
  const partnerCheck = new Checker(partner.page);
  await signIn(partner.page, 'health.partner');
  await partnerCheck.visit('/calendar', '403 for a partner', { status: 403, heading: 'You do not have access to this page' });
  check.done();
  partnerCheck.done();
  assert.deepEqual([...problems, ...partner.problems], []);
  await partner.context.close();
});

test('forms re-rendered with validation errors: error summary, inline messages, no axe violations', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, server!.baseUrl);
  const check = new Checker(page);
  await signIn(page, 'admin');

  await page.goto('/admin/users/new');
  await page.getByLabel('Email address (optional)').fill('not-an-email');
  await page.getByRole('button', { name: 'Add user' }).click();
  await assertErrorSummary(page, 'add user', [
    'Enter a username',
    'Enter the person’s full name',
    'Enter an email address in the correct format, like name@example.gov.uk',
    'Select a role',
    'Select at least one team',
  ]);
  assert.equal(await page.getByLabel('Email address (optional)').inputValue(), 'not-an-email', 'what was typed is kept');
  await check.check('add user, errors');
  await screenshot(page, 'user-form-errors');

  await page.goto('/admin/teams/new');
  await page.getByRole('button', { name: 'Add team' }).click();
  await assertErrorSummary(page, 'add team', ['Enter the team name']);
  await check.check('add team, errors');

  await page.goto('/admin/settings');
  await page.getByLabel('Council name').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await assertErrorSummary(page, 'settings', ['Enter the council’s name']);
  await check.check('settings, errors');

  await page.goto('/account/password');
  await page.getByLabel('Current password').fill('whatever-it-is');
  await page.getByLabel('New password', { exact: true }).fill('a-new-long-password');
  await page.getByLabel('Confirm new password').fill('a-different-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await assertErrorSummary(page, 'change password', ['The passwords do not match']);
  await check.check('change password, errors');

  await page.goto('/calendar');
  await page.getByLabel('Working days').fill('many');
  await page.getByRole('button', { name: 'Work out due date' }).click();
  await assertErrorSummary(page, 'working-day calculator', ['Enter the start date', 'Number of working days must be a whole number from 0 to 999']);
  await check.check('working-day calculator, errors');

  await page.goto('/calendar');
  await page.getByRole('button', { name: 'Add non-working day' }).click();
  await assertErrorSummary(page, 'add non-working day', ['Enter the date', 'Enter why the council is closed']);
  await check.check('add non-working day, errors');

  await page.goto('/admin/audit?from=2026-02-01&to=2026-01-01');
  await assertErrorSummary(page, 'audit filters', ['The end date must be the same as or after the start date']);
  await check.check('audit filters, errors');

  check.done();
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 320px wide the pages reflow without scrolling sideways (WCAG 1.4.10); the menu collapses and still works', { skip: SKIP }, async () => {
  const { page, context, problems } = await openTab(browser!, server!.baseUrl, { viewport: { width: 320, height: 640 } });
  const check = new Checker(page);
  const pageWidth = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  const overflow: string[] = [];

  await check.visit('/sign-in', 'sign-in at 320px');
  let w = await pageWidth();
  if (w.scroll > w.client) overflow.push(`/sign-in is ${w.scroll}px wide`);
  await signIn(page, 'admin');
  // axe again where the narrow layout differs: the collapsed menu and the scrolling tables.
  const axeAt320 = new Set(['/', '/admin/users', '/admin/audit']);
  for (const path of ['/', '/admin/users', '/admin/users/new', '/admin/teams', '/admin/audit', '/admin/settings', '/calendar?start=2026-12-21&days=5', '/account/password']) {
    await check.visit(path, `${path} at 320px`, { axe: axeAt320.has(path) });
    w = await pageWidth();
    if (w.scroll > w.client) overflow.push(`${path} is ${w.scroll}px wide`);
  }
  assert.deepEqual(overflow, [], 'pages wider than a 320px screen');

  // The service navigation collapses behind a Menu button, which opens it.
  await page.goto('/');
  const menu = page.getByRole('button', { name: 'Menu' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  const navAuditLink = page.locator('.govuk-service-navigation__list').getByRole('link', { name: 'Audit log' });
  assert.equal(await navAuditLink.isVisible(), false, 'the navigation is collapsed');
  await screenshot(page, 'home-admin-320px');
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await Promise.all([page.waitForURL('**/admin/audit'), navAuditLink.click()]);

  check.done();
  assert.deepEqual(problems, []);
  await context.close();
});
