import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkPage, documentStatus } from './check-page.ts';

/* What the browser tests of the applications' account, designer and assisted pages share. */

/** Where screenshots go for a person to look at; they are never part of the repository. */
export const screenshotDir = process.env.E2E_SCREENSHOTS ?? path.join(os.tmpdir(), 'erkelenz-e2e-screenshots');

/**
 * Takes the page at a phone's width (390 px) and a desktop's (1280 px), and fails when either scrolls
 * sideways: on a phone nothing may be wider than the screen.
 */
export async function atBothWidths(page: Page, name: string): Promise<void> {
  await fs.mkdir(screenshotDir, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
  }
}

/**
 * Presses Tab until `target` has the focus, as a keyboard user goes through a page; fails when it is not
 * reachable within the page's first `limit` stops.
 */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error(`${target.toString()} is not on the page`);
  for (let stops = 0; stops < limit; stops += 1) {
    await page.keyboard.press('Tab');
    if (await handle.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target.toString()} is not reached by Tab within ${limit} stops`);
}

/** Presses a key that leaves the page (Enter on a button or link), waits for the next one, checks it, and returns its status. */
export async function pressAndLeave(page: Page, key: string): Promise<number> {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press(key);
  await loaded;
  await checkPage(page);
  return documentStatus(page);
}
