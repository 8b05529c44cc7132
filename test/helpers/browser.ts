import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestDatabase } from './database.ts';
import { useServer, type RunningServer } from './server.ts';

const require = createRequire(import.meta.url);

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The `skip` of a describe block that needs Chromium: why, when it is not installed. */
export const withoutChromium: string | false = !fs.existsSync(CHROMIUM_PATH) && `no Chromium at ${CHROMIUM_PATH}`;

/** Debian's Chromium, started the way this machine's closed network needs (no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Inside a describe block: what useServer gives (a fresh database, filled by `prepare`, and a
 * `candor serve` on it) and Chromium, all stopped after the block.
 */
export function useBrowserSuite(options: Parameters<typeof useServer>[0] = {}): { database: TestDatabase; server: RunningServer; browser: Browser } {
  const suite = useServer(options) as { database: TestDatabase; server: RunningServer; browser: Browser };
  before(async () => {
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
  });
  return suite;
}

/**
 * A browser context that records every request it makes, so a test can assert that a page loads
 * nothing from anywhere but the server under test.
 */
export async function recordingContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; locale?: string; bypassCSP?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; requested: string[] }> {
  // bypassCSP only for injecting axe-core: the pages' own policy forbids inline scripts.
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, locale: options.locale ?? 'en-GB', bypassCSP: options.bypassCSP ?? false, ...(options.viewport ? { viewport: options.viewport } : {}) });
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  return { context, requested };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) in the page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Fails with every axe-core violation of the page listed, named by `what`. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${violations.map((v) => `${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
}

/**
 * A recording browser context already signed in to the console with a session cookie made in
 * the database (`cookie` as test/helpers/staff.ts gives it), for pages other than signing in.
 */
export async function staffContext(browser: Browser, cookie: string, locale = 'en-GB'): Promise<{ context: BrowserContext; requested: string[] }> {
  const recording = await recordingContext(browser, { locale, bypassCSP: true });
  const [name, value] = cookie.split('=') as [string, string];
  await recording.context.addCookies([{ name, value, domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
  return recording;
}
