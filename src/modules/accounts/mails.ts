import type { KernelContext } from '#kernel/context.ts';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { sendMailJob, type MailMessage } from '#kernel/mail.ts';
import type { User } from './tables.ts';

export type AccountMail =
  | 'verify'
  | 'alreadyRegistered'
  | 'reset'
  | 'passwordChanged'
  | 'passwordChangedSessionsKept'
  | 'invite'
  | 'deleted'
  | 'staffSignedIn'
  | 'secondFactorReset'
  | 'emailChangeConfirm'
  | 'emailChangeNotice'
  | 'emailTaken';

/**
 * Queues a mail without a link in the recipient's language, inside the caller's transaction: for people
 * who no longer have an account. Mails about an account go through `accountMailJob` instead.
 */
export async function queueAccountMail(
  ctx: KernelContext,
  trx: AnyExecutor,
  mail: AccountMail,
  to: { email: string; name: string; language: 'de' | 'en' },
  values: Record<string, string> = {},
): Promise<void> {
  const t = ctx.i18n.getFixedT(to.language);
  const all = { ...values, name: to.name, city: ctx.config.CITY_NAME, url: ctx.config.PUBLIC_URL };
  await ctx.jobs.enqueue(trx, sendMailJob, {
    to: to.email,
    subject: t(`accounts:mail.${mail}.subject`, all),
    text: `${t(`accounts:mail.${mail}.body`, all)}\n\n${t('accounts:mail.signature', all)}`,
  });
}

/**
 * One account mail in the account's language. The name is repeated only once the address is confirmed:
 * until then anyone may have typed it, and the city's mail must not carry a stranger's words to an address.
 */
export function composeAccountMail(ctx: KernelContext, user: User & { email: string }, mail: AccountMail, values: Record<string, string>): MailMessage {
  const t = ctx.i18n.getFixedT(user.language);
  const all = { ...values, city: ctx.config.CITY_NAME, url: ctx.config.PUBLIC_URL };
  const greeting = user.email_verified_at ? t('accounts:mail.greeting', { name: user.display_name }) : t('accounts:mail.greetingNeutral');
  return {
    to: user.email,
    subject: t(`accounts:mail.${mail}.subject`, all),
    text: `${greeting}\n\n${t(`accounts:mail.${mail}.body`, all)}\n\n${t('accounts:mail.signature', all)}`,
  };
}
