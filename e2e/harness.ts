import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { onTestFinished, TestRunner } from 'vitest';
import type { ModuleManifest } from '#kernel/module.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { checkPage, documentStatus, watchPage } from './check-page.ts';

export { checkPage } from './check-page.ts';

/** The platform on a real port with a real SMTP peer, and a Chromium to look at it with. */
export interface Site {
  platform: TestPlatform;
  baseUrl: string;
  /** A page in a fresh browser profile (no cookies), as a new visitor brings; paths are relative to the site. */
  open(options?: { javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Every journey runs twice, as a person with and without JavaScript meets it: `describe.each(bothWays)`. */
export const bothWays = [
  { javaScript: true, how: 'with JavaScript' },
  { javaScript: false, how: 'without JavaScript' },
] as const;

let visitors = 0;

export async function startSite(env: Record<string, string> = {}, extraModules: readonly ModuleManifest[] = []): Promise<Site> {
  // Every visitor gets an address of their own (below), as separate people have, so per-address rate
  // limits count them apart; TRUST_PROXY=1 makes the platform believe the header that carries it.
  const platform = await createTestPlatform({ TRUST_PROXY: '1', ...env }, extraModules);
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = platform.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium().catch(async (error: unknown) => {
    await platform.close();
    throw new Error('Chromium did not start; it is Debian\'s /usr/bin/chromium (`apt-get install -y chromium`, as .ci/run does)', { cause: error });
  });
  return {
    platform,
    baseUrl,
    async open({ javaScript = true } = {}) {
      visitors += 1;
      const address = `198.51.100.${visitors % 250}`;
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'de-DE', extraHTTPHeaders: { 'x-forwarded-for': address } });
      closeAfterTest(context);
      const page = await context.newPage();
      await watchPage(page, { javaScript });
      return page;
    },
    async close() {
      await browser.close();
      await platform.close();
    },
  };
}

/**
 * Each profile costs a renderer process, so one opened inside a test goes when the test ends; one opened in
 * a beforeAll (shared by several tests) stays until the browser closes.
 */
function closeAfterTest(context: BrowserContext) {
  if (TestRunner.getCurrentTest()) onTestFinished(() => context.close());
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // The machines run as root without network: without these Chromium refuses to start, or keeps trying
    // to reach Google's services, which slows every page and fills the log.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens an address the way a person types it in, checks the page, and returns its HTTP status. */
export async function visit(page: Page, path: string): Promise<number> {
  const response = await page.goto(path);
  await checkPage(page);
  return response?.status() ?? 0;
}

/** Presses a button by its text, waits for the page the server answers with, checks it, and returns its status. */
export function submit(page: Page, button: string): Promise<number> {
  return leaveBy(page, () => page.getByRole('button', { name: button }).click());
}

/** Follows a link by its text (in a part of the page, where the same text appears twice), checks where it leads, and returns that page's status. */
export function follow(page: Page, link: string, within: Page | Locator = page): Promise<number> {
  return leaveBy(page, () => within.getByRole('link', { name: link }).click());
}

async function leaveBy(page: Page, action: () => Promise<void>): Promise<number> {
  // Listen before acting: the next document may have loaded by the time click() returns.
  const loaded = page.waitForEvent('load');
  // When the action itself fails, its error is the one to report, not the wait's that ends with the page.
  loaded.catch(() => undefined);
  await action();
  await loaded;
  await checkPage(page);
  return documentStatus(page);
}

/** Logs in with e-mail and password on the login form; returns the status of the page it leads to. */
export async function logIn(page: Page, email: string, password: string): Promise<number> {
  await visit(page, '/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  return submit(page, 'Anmelden');
}

/** Logs a staff member in with password and the current code of their authenticator. */
export async function logInStaff(page: Page, staff: { user: { email: string | null }; password: string; code(): Promise<string> }): Promise<void> {
  await logIn(page, staff.user.email!, staff.password);
  await page.getByLabel('Sicherheitscode').fill(await staff.code());
  const status = await submit(page, 'Bestätigen');
  if (status !== 200) throw new Error(`Staff login ended with ${status}`);
}
