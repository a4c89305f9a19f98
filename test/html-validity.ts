import { HtmlValidate } from 'html-validate';

// The rules the browser tests apply to every page (e2e/check-page.ts), for tests that fetch pages without a browser.
const validator = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'],
  // Subresource integrity guards files from other servers; every asset here is the platform's own.
  rules: { 'require-sri': ['error', { target: 'crossorigin' }] },
});

/** Every rule a page breaks, one line each with its place, or none. */
export async function htmlProblems(url: string, html: string): Promise<string[]> {
  const report = await validator.validateString(html, url);
  return report.results.flatMap((result) => result.messages.map((message) => `${url} ${message.ruleId} (${message.line}:${message.column}): ${message.message}`));
}
