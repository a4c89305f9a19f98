import type { KernelContext } from '#kernel/context.ts';
import { sendMailJob } from '#kernel/mail.ts';
import { settingsOf } from '#kernel/settings.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { newReference } from '#kernel/reference.ts';
import type { Feedback } from './forms.ts';
import { insertFeedback, siteDb } from './repo.ts';
import { siteSettings } from './settings.ts';

/** The report's reference, or why it was refused as reason codes by field (the route words them). */
export type FeedbackResult = { ok: true; reference: string } | { ok: false; errors: FormErrors };

/**
 * Stores a report about a barrier and forwards it to the accessibility contact (BITV NRW § 7 feedback
 * mechanism). Report and mail job are written together, so a report is never received and then lost.
 */
export async function submitAccessibilityFeedback(ctx: KernelContext, input: Feedback): Promise<FeedbackResult> {
  // The form's reader refuses an empty report already; a caller without the form gets the same answer.
  if (!input.message) return { ok: false, errors: { message: { code: 'required' } } };
  const message = input.message;
  const [page, name, email] = [input.page || null, input.name || null, input.email || null];
  const reference = newReference('BF');
  await ctx.db.transaction().execute(async (trx) => {
    await insertFeedback(siteDb(trx), { reference, page, message, name, email });
    await ctx.jobs.enqueue(trx, sendMailJob, {
      to: settingsOf(ctx, siteSettings).ACCESSIBILITY_CONTACT_EMAIL,
      // The mail goes to the city's own contact, who reads German whatever language the sender used.
      subject: ctx.i18n.t('site:accessibility.mailSubject', { lng: 'de', reference }),
      text: [`Seite: ${page ?? '-'}`, `Name: ${name ?? '-'}`, `E-Mail: ${email ?? '-'}`, '', message].join('\n'),
      messageId: `<${reference}@accessibility.${new URL(ctx.config.PUBLIC_URL).hostname}>`,
    });
  });
  return { ok: true, reference };
}
