import axe from 'axe-core';
import { HtmlValidate } from 'html-validate';
import type { CDPSession, Page, Response } from 'playwright-core';

/** What a page did since the last check: its newest document and everything it complained about. */
interface Watched {
  document: Response | undefined;
  problems: string[];
  /** Present while the page runs without JavaScript; the switch that turns scripts off. */
  scriptsOff: CDPSession | undefined;
}
const watched = new WeakMap<Page, Watched>();

/**
 * Starts recording what checkPage needs; call it on a new page before its first navigation.
 *
 * Without JavaScript the page is switched off through our own DevTools session rather than Playwright's
 * `javaScriptEnabled: false`: that setting cannot be lifted, and in such a page Chromium runs no timers, so
 * axe (a script that waits on setTimeout) would hang. It is the same Chromium switch Playwright uses, so the
 * page loads exactly as without JavaScript (scripts skipped, <noscript> shown); checkPage lifts it only while
 * axe runs.
 */
export async function watchPage(page: Page, { javaScript }: { javaScript: boolean }): Promise<void> {
  const scriptsOff = javaScript ? undefined : await page.context().newCDPSession(page);
  await scriptsOff?.send('Emulation.setScriptExecutionDisabled', { value: true });
  const state: Watched = { document: undefined, problems: [], scriptsOff };
  watched.set(page, state);
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      state.document = response;
    } else if (response.status() >= 400) {
      state.problems.push(`asset ${response.status()}: ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    state.problems.push(`request failed (${request.failure()?.errorText ?? 'unknown'}): ${request.url()}`);
  });
  page.on('pageerror', (error) => state.problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every 4xx as "Failed to load resource"; a 404 or 422 page is often the point of a test,
    // and failing assets are reported above with their address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      // CSP violations arrive here ("Refused to load … because it violates the … Content Security Policy").
      state.problems.push(`console error: ${message.text()}`);
    }
  });
}

/** The status of the document the page shows now (the final one after redirects). */
export function documentStatus(page: Page): number {
  return watched.get(page)?.document?.status() ?? 0;
}

/**
 * Fails with one readable list when the page in its current state has any WCAG 2.2 AA or best-practice violation axe finds,
 * its HTML as the server sent it (before the browser repaired anything) is invalid, or anything was logged
 * as an error since the last check: script errors, CSP violations, failed assets. Call it after every navigation.
 */
export async function checkPage(page: Page): Promise<void> {
  const state = watched.get(page);
  if (!state) throw new Error('checkPage needs a page opened through site.open()');
  const problems = [...state.problems, ...(await axeProblems(page, state.scriptsOff)), ...(await htmlProblems(state.document))];
  state.problems = [];
  if (problems.length > 0) {
    throw new Error(`${problems.length} problem(s) on ${page.url()}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** WCAG 2.2 A and AA (what BITV NRW will ask for) plus axe's best practices, which catch what a screen-reader user stumbles over. */
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

async function axeProblems(page: Page, scriptsOff: CDPSession | undefined): Promise<string[]> {
  // The page's own scripts were skipped while it loaded and do not run now, so axe sees what a visitor
  // without JavaScript sees.
  await scriptsOff?.send('Emulation.setScriptExecutionDisabled', { value: false });
  try {
    // axe runs in the page itself, asked for violations only. @axe-core/playwright's builder finishes every
    // check in a second page it opens for the purpose and collects every passing node too, which made the
    // browser suite's checks three times as slow; the platform's pages have no frames that would need it.
    await page.evaluate(axe.source);
    const violations = await page.evaluate(
      async (tags): Promise<Violation[]> => {
        const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? null, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
      },
      axeTags,
    );
    return violations.map((violation) => `axe ${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} → ${violation.targets.join(', ')}`);
  } finally {
    await scriptsOff?.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
}

const htmlValidate = new HtmlValidate({
  // standard: validity and misuse of elements and attributes, not markup style (quoting, self-closing void
  // elements); a11y: markup that assistive technology stumbles over; document: checks that need the whole page.
  extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'],
  rules: {
    // Subresource integrity guards files from other servers; every asset here comes from the platform itself.
    'require-sri': ['error', { target: 'crossorigin' }],
  },
});

async function htmlProblems(document: Response | undefined): Promise<string[]> {
  if (!document) return ['no document was loaded'];
  const report = await htmlValidate.validateString(await document.text(), document.url());
  return report.results.flatMap((result) =>
    result.messages.map((message) => `html ${message.ruleId} (line ${message.line}:${message.column}): ${message.message} [${message.selector ?? ''}]`),
  );
}
