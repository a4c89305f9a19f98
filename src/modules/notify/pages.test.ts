import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildMessage, signInCitizen, signInStaff } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

// The rules the browser tests apply to every page (e2e/check-page.ts), applied here to notify's pages.
const validator = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'],
  // As there: subresource integrity guards files from other servers; every asset here is the platform's own.
  rules: { 'require-sri': ['error', { target: 'crossorigin' }] },
});

async function problems(url: string, html: string) {
  const report = await validator.validateString(html, url);
  return report.results.flatMap((result) => result.messages.map((message) => `${url} ${message.ruleId} (${message.line}:${message.column}): ${message.message}`));
}

describe('notify’s pages', () => {
  it('are valid, accessible HTML for citizens and staff, with errors and previews shown', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'both', street: 'Markt', house_number: '8', postal_code: '41812', city: 'Erkelenz' });
    const sent = await buildMessage(platform.ctx, { recipient: { userId: citizen.user.id }, link: '/konto', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }] });
    const found: string[] = [];

    const reader = new FormClient(platform.app);
    await signInCitizen(reader, citizen);
    for (const url of ['/konto', '/konto/nachrichten', `/konto/nachrichten/${sent.messageId}`, '/konto/nachrichten?notice=unread']) {
      const response = await reader.get(url);
      expect(response.status).toBe(200);
      found.push(...(await problems(url, response.body)));
    }

    const admin = await buildStaff(platform.ctx, [
      { role: 'administrator' },
      { role: 'editor' },
    ]);
    const staff = new FormClient(platform.app);
    await signInStaff(staff, admin);
    await staff.get('/verwaltung/druck');
    await staff.post('/verwaltung/druck', {});
    for (const url of [
      '/verwaltung/nachrichten',
      '/verwaltung/nachrichten?day=2026-02-31&status=verloren',
      '/verwaltung/nachrichten/fehler',
      `/verwaltung/nachrichten/${sent.messageId}`,
      '/verwaltung/druck?notice=batch',
      '/verwaltung/vorlagen',
      '/verwaltung/vorlagen/appointment-confirmed',
      '/verwaltung/vorlagen/appointment-confirmed/versionen/1',
    ]) {
      const response = await staff.get(url);
      expect([200, 400]).toContain(response.status);
      found.push(...(await problems(url, response.body)));
    }
    const form = { basedOn: '1', subject_de: 'Termin ((startsAt))', body_de: 'Hallo ((name)),\n\n- ((service))\n- ((location))', subject_en: 'Appointment', body_en: 'Hello ((name))' };
    const preview = await staff.post('/verwaltung/vorlagen/appointment-confirmed', { ...form, action: 'preview' });
    found.push(...(await problems('preview', preview.body)));
    const invalid = await staff.post('/verwaltung/vorlagen/appointment-confirmed', { ...form, subject_en: '', body_de: '((nope))', action: 'save' });
    expect(invalid.status).toBe(422);
    found.push(...(await problems('invalid template', invalid.body)));
    expect(found).toEqual([]);
  });
});
