import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { sendMailJob } from '#kernel/mail.ts';
import { settingsOf } from '#kernel/settings.ts';
import { newReference, normaliseEmail, optionalText } from '#kernel/text.ts';
import type { TFunction } from 'i18next';
import { insertFeedback, siteDb } from './repo.ts';
import type { FeedbackBody } from './schemas.ts';
import { siteSettings } from './settings.ts';

export type FeedbackResult = { ok: true; reference: string } | { ok: false; errors: FieldErrors };

/**
 * Stores a report about a barrier and forwards it to the accessibility contact (BITV NRW § 7 feedback
 * mechanism). Report and mail job are written together, so a report is never received and then lost.
 */
export async function submitAccessibilityFeedback(ctx: KernelContext, t: TFunction, input: FeedbackBody): Promise<FeedbackResult> {
  const message = optionalText(input.message);
  const emailRaw = optionalText(input.email);
  const email = emailRaw ? normaliseEmail(emailRaw) : null;
  const errors: FieldErrors = {};
  if (!message) errors.message = t('site:accessibility.errors.messageRequired');
  if (emailRaw && !email) errors.email = t('site:accessibility.errors.emailInvalid');
  if (!message || Object.keys(errors).length > 0) return { ok: false, errors };

  const reference = newReference('BF');
  await ctx.db.transaction().execute(async (trx) => {
    const page = optionalText(input.page);
    const name = optionalText(input.name);
    await insertFeedback(siteDb(trx), { reference, page, message, name, email });
    await ctx.jobs.enqueue(trx, sendMailJob, {
      to: settingsOf(ctx, siteSettings).ACCESSIBILITY_CONTACT_EMAIL,
      subject: t('site:accessibility.mailSubject', { reference }),
      text: [`Seite: ${page ?? '-'}`, `Name: ${name ?? '-'}`, `E-Mail: ${email ?? '-'}`, '', message].join('\n'),
      messageId: `<${reference}@accessibility.${new URL(ctx.config.PUBLIC_URL).hostname}>`,
    });
  });
  return { ok: true, reference };
}
