import type { KernelContext } from '#kernel/context.ts';
import type { AnyExecutor } from '#kernel/db/database.ts';
import { sendMailJob } from '#kernel/mail.ts';

export type AccountMail = 'verify' | 'alreadyRegistered' | 'reset' | 'passwordChanged' | 'invite' | 'deleted';

/**
 * Queues one of the account mails in the recipient's language, inside the caller's transaction. The
 * accounts module writes these itself because they must reach people who have no account yet or no longer.
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
