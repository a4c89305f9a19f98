import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, startSite, type Site } from './harness.ts';

let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

// A checker that silently passes everything looks exactly like a site without faults, so this proves it bites.
const broken = `<!DOCTYPE html>
<html lang="de">
  <head><meta charset="utf-8"><title>Kaputt</title><link rel="stylesheet" href="/assets/fehlt.css"></head>
  <body>
    <main>
      <h1>Kaputt</h1>
      <p><div>Block in einem Absatz</div></p>
      <img src="/assets/fehlt.png">
      <input type="text" name="ohne-label">
      <script>document.title = 'inline';</script>
    </main>
  </body>
</html>`;

/** Serves the broken page at /kaputt with the headers (and so the CSP) the platform sends for its home page. */
async function openBroken(javaScript: boolean): Promise<Page> {
  const page = await site.open({ javaScript });
  await page.route('**/kaputt', async (route) => {
    const real = await route.fetch({ url: `${site.baseUrl}/` });
    await route.fulfill({ response: real, body: broken });
  });
  await page.goto('/kaputt');
  return page;
}

async function problemsOn(page: Page): Promise<string> {
  const error = await checkPage(page).then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('checkPage', () => {
  it('reports axe violations, invalid HTML, failed assets and CSP violations', async () => {
    const problems = await problemsOn(await openBroken(true));
    expect(problems).toContain('axe image-alt');
    expect(problems).toContain('axe label');
    expect(problems).toContain("html close-order (line 7:43): Stray end tag '</p>'");
    expect(problems).toContain('html input-missing-label');
    expect(problems).toMatch(/asset 404: .*\/assets\/fehlt\.png/);
    expect(problems).toMatch(/request failed .*\/assets\/fehlt\.css/);
    expect(problems).toMatch(/console error: .*Content Security Policy/);
  });

  it('audits pages without JavaScript as well', async () => {
    const problems = await problemsOn(await openBroken(false));
    expect(problems).toContain('axe image-alt');
    // Without JavaScript the inline script is skipped, so nothing breaks the CSP.
    expect(problems).not.toContain('Content Security Policy');
  });

  it('starts afresh after each check', async () => {
    const page = await openBroken(true);
    await problemsOn(page);
    await page.goto('/impressum');
    await checkPage(page);
  });
});
