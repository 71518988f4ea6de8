/**
 * Shared set-up for the browser suites: the app served on a free local port, Debian's Chromium
 * driven by playwright-core, axe-core accessibility checks and screenshots.
 * Without /usr/bin/chromium every browser test is skipped, and the run says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness.js';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The `skip` option for every browser test: false when Chromium is installed, else the reason. */
export const SKIP: string | false = fs.existsSync(CHROMIUM_PATH) ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(root, 'test-results/screenshots');

/** WCAG 2.2 AA, as the public sector accessibility regulations require. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface BrowserServer {
  app: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/** The app, in this process, on PGlite, listening on a free port on the loopback interface. */
export async function startServer(env: Record<string, string> = {}): Promise<BrowserServer> {
  const app = await startTestApp('pglite', env);
  try {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = app.app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /**
   * What went wrong while pages loaded: script errors, console errors (CSP refusals among them)
   * and failed requests for scripts, styles, fonts or images. Tests assert it stays empty.
   */
  problems: string[];
}

/** A fresh context (its own cookies) with one page, watched for script errors and broken assets. */
export async function openTab(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<Tab> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', ...options });
  // Fail fast: a missing element should fail the test in seconds, not after Playwright's 30 s default.
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    // Chrome logs the main document's own 4xx status (404 and 403 pages are expected); subresources are checked below.
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      problems.push(`console error on ${page.url()}: ${msg.text()}`);
    }
  });
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400) problems.push(`${res.status()} for ${res.url()} (from ${page.url()})`);
  });
  page.on('requestfailed', (req) => {
    // ERR_ABORTED: the page moved on before a request finished (a favicon, say); not a fault.
    const error = req.failure()?.errorText ?? 'unknown';
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${error})`);
  });
  return { context, page, problems };
}

/** Signs in through the real form, as a person would. Resolves once the next page has loaded. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/sign-in'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/sign-in\?signedOut=1$/), page.getByRole('button', { name: 'Sign out' }).click()]);
}

/** axe-core's own script, evaluated in the page (through the devtools protocol, so the page's CSP does not apply). */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Runs axe on the page as it is now; returns one readable line per failing element (empty when clean).
 * axe-core is run directly rather than through @axe-core/playwright, which injected it twice a check
 * and opened a blank page to finish each run: about a second a check against a quarter of one here,
 * and a journey checks dozens of pages. Our pages have no frames, which is all that builder adds.
 */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations),
    AXE_TAGS,
  ) as AxeViolation[];
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${label} (${new URL(page.url()).pathname}): ${v.id} [${v.impact ?? 'n/a'}] ${v.help} at ${n.target.join(' > ')} (${v.helpUrl})`),
  );
}

/** The text of the service navigation links, in order. */
export async function navigationTexts(page: Page): Promise<string[]> {
  return (await page.locator('.govuk-service-navigation__list .govuk-service-navigation__link').allTextContents()).map((t) => t.trim());
}

export async function navigationLinks(page: Page): Promise<Array<{ text: string; href: string }>> {
  return page
    .locator('.govuk-service-navigation__list .govuk-service-navigation__link')
    .evaluateAll((links) => links.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A failure message listing every violation, so one run shows everything to fix. */
export function report(lines: string[]): string {
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}
