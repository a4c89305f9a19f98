import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { initiativesDb } from '../repo.ts';
import { activeMaintainersByEmail, activeMaintainersOf, entriesToAsk, issueEditKey } from './repo.ts';

/*
 * The mails that carry a maintainer's link. Each job makes its keys when it sends, so no working link waits
 * in the job table, and sends to the maintainer's address directly (notify keeps its messages a year and
 * never carries a key).
 */

/** How long a requested link opens the entry. */
export const linkHours = 24;
/** How long the link of the yearly question opens the entry: it may wait in a mailbox over a holiday. */
export const confirmLinkDays = 7;
const dayMs = 86_400_000;

export const linkPath = (key: string) => `/initiativen/pflegen/link/${key}`;

const hostOf = (ctx: KernelContext) => new URL(ctx.config.PUBLIC_URL).hostname;

export const sendEditLinksJob = defineJob({
  name: 'initiatives.send-edit-links',
  payload: Type.Object({ email: Type.String({ maxLength: 254 }), language: Type.Union([Type.Literal('de'), Type.Literal('en')]) }),
  handler: async ({ email, language }, ctx) => {
    const db = initiativesDb(ctx.db);
    const found = await activeMaintainersByEmail(db, email);
    // An address that keeps no published entry gets no mail: the page said the same either way.
    if (found.length === 0) return;
    const t = ctx.i18n.getFixedT(language);
    const expiresAt = new Date(Date.now() + linkHours * 3_600_000);
    const lines: string[] = [];
    for (const entry of found) {
      const key = await issueEditKey(db, entry.initiativeId, entry.maintainerId, expiresAt);
      lines.push(`${entry.initiativeName}:\n${ctx.config.PUBLIC_URL}${linkPath(key)}`);
    }
    await ctx.mailer.send({
      to: email,
      subject: t('initiatives:maintenance.mail.links.subject', { city: ctx.config.CITY_NAME }),
      text: t('initiatives:maintenance.mail.links.text', { links: lines.join('\n\n'), hours: linkHours, city: ctx.config.CITY_NAME }),
      messageId: `<initiative-links-${Date.now()}-${Math.random().toString(36).slice(2)}@${hostOf(ctx)}>`,
    });
  },
});

/** Eleven months without a confirmation: the maintainers are asked a month before the entry is flagged. */
export function staleBefore(now: Date): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - 11);
  return date;
}

/** Asks the maintainers of each entry not confirmed for eleven months, once a year, to confirm or update it. */
export async function askToConfirm(ctx: KernelContext, now = new Date()): Promise<number> {
  const db = initiativesDb(ctx.db);
  const yearAgo = new Date(now.getTime() - 365 * dayMs);
  let asked = 0;
  for (const entry of await entriesToAsk(db, staleBefore(now), yearAgo)) {
    const maintainers = await activeMaintainersOf(db, entry.id);
    const t = ctx.i18n.getFixedT(entry.language);
    const expiresAt = new Date(now.getTime() + confirmLinkDays * dayMs);
    for (const maintainer of maintainers) {
      const key = await issueEditKey(db, entry.id, maintainer.id, expiresAt);
      await ctx.mailer.send({
        to: maintainer.email!,
        subject: t('initiatives:maintenance.mail.confirm.subject', { name: entry.name }),
        text: t('initiatives:maintenance.mail.confirm.text', { name: entry.name, link: `${ctx.config.PUBLIC_URL}${linkPath(key)}`, days: confirmLinkDays, again: `${ctx.config.PUBLIC_URL}/initiativen/pflegen`, city: ctx.config.CITY_NAME }),
        messageId: `<initiative-confirm-${entry.id}-${maintainer.id}-${now.getTime()}@${hostOf(ctx)}>`,
      });
      asked += 1;
    }
    // Remembered after the mails went out: a failed send retries the entry rather than skipping it for a year.
    await db.updateTable('initiatives').set({ confirm_requested_at: now }).where('id', '=', entry.id).execute();
  }
  return asked;
}

export const askToConfirmJob = defineJob({
  name: 'initiatives.ask-to-confirm',
  payload: Type.Object({}),
  cron: '40 7 * * *',
  handler: async (_payload, ctx) => {
    await askToConfirm(ctx);
  },
});
