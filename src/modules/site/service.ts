import type { KernelContext } from '#kernel/context.ts';
import { sendMailJob } from '#kernel/mail.ts';
import { settingsOf } from '#kernel/settings.ts';
import { newReference, normaliseEmail, optionalText } from '#kernel/text.ts';
import { insertFeedback, siteDb } from './repo.ts';
import type { FeedbackBody } from './schemas.ts';
import { siteSettings } from './settings.ts';

/** Why a report was refused, by field. */
export type FeedbackProblems = { message?: 'required'; email?: 'invalid' };
export type FeedbackResult = { ok: true; reference: string } | { ok: false; problems: FeedbackProblems };

/**
 * Stores a report about a barrier and forwards it to the accessibility contact (BITV NRW § 7 feedback
 * mechanism). Report and mail job are written together, so a report is never received and then lost.
 */
export async function submitAccessibilityFeedback(ctx: KernelContext, input: FeedbackBody): Promise<FeedbackResult> {
  const message = optionalText(input.message);
  const emailRaw = optionalText(input.email);
  const email = emailRaw ? normaliseEmail(emailRaw) : null;
  const problems: FeedbackProblems = {};
  if (!message) problems.message = 'required';
  if (emailRaw && !email) problems.email = 'invalid';
  if (!message || Object.keys(problems).length > 0) return { ok: false, problems };

  const reference = newReference('BF');
  await ctx.db.transaction().execute(async (trx) => {
    const page = optionalText(input.page);
    const name = optionalText(input.name);
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
