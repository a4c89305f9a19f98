import crypto from 'node:crypto';
import type { KernelContext } from '#kernel/context.ts';
import { MailError, type MailAttachment, type MailMessage } from '#kernel/mail.ts';
import { emailHtml, emailText } from './email.tsx';
import { attachmentsWaiting, emailAttachments, type EmailAttachments } from './attachments.ts';
import { documentPendingForDelivery } from './repo.attachments.ts';
import { findMessage } from './repo.messages.ts';
import { addEvent, claimDelivery, findDelivery, finishAttempt } from './repo.deliveries.ts';
import { notifyDb } from './repo.templates.ts';
import type { Message } from './tables.ts';
import { toBlocks } from './templates.ts';

/** Attempts before a delivery is given up; the job's retry policy allows as many runs. */
export const maxEmailAttempts = 8;
const worker = 'system:notify';

/** Where the message can be opened online: the matter's page, else the inbox (account holders only). */
export function messageUrl(ctx: KernelContext, message: Pick<Message, 'id' | 'link' | 'user_id'>): string | null {
  if (message.link) return `${ctx.config.PUBLIC_URL}${message.link}`;
  return message.user_id ? `${ctx.config.PUBLIC_URL}/konto/nachrichten/${message.id}` : null;
}

/**
 * The e-mail of a message, rendered when it is sent. Its Message-ID comes from the message, so a resend
 * carries the same id and mail programs show it once; messages about one matter (the same link) refer to
 * one made-up first mail of that matter, so mail programs show them as one conversation.
 */
export function composeEmail(ctx: KernelContext, message: Message, attachments: MailAttachment[]): MailMessage {
  const t = ctx.i18n.getFixedT(message.language);
  const host = new URL(ctx.config.PUBLIC_URL).hostname;
  const notice = message.document ? documentNotice(ctx, message) : null;
  const blocks = notice?.blocks ?? toBlocks(message.body ?? '');
  const url = notice ? notice.url : messageUrl(ctx, message);
  const footer = [t('notify:email.footer', { city: ctx.config.CITY_NAME, reference: message.reference }), ctx.config.PUBLIC_URL];
  const subject = notice?.subject ?? message.subject ?? '';
  const linkLabel = notice ? t('notify:document.inbox.link') : t('notify:email.openLink');
  const matter = message.link ? crypto.createHash('sha256').update(`${message.user_id ?? message.email ?? ''}\n${message.link}`).digest('hex').slice(0, 32) : null;
  return {
    to: message.email ?? '',
    subject,
    text: emailText(url ? [...blocks, { kind: 'paragraph', text: `${linkLabel}: ${url}` }] : blocks, footer),
    html: emailHtml({ lang: message.language, subject, blocks, link: url ? { href: url, label: linkLabel } : undefined, footer }),
    messageId: `<${message.id}@${host}>`,
    references: matter ? [`<matter-${matter}@${host}>`] : undefined,
    attachments,
  };
}

/**
 * The e-mail of a document says only that it is there: what was decided stays off mail servers and out of
 * mailboxes others may read, and so does the PDF. An account holder is sent to the message in the inbox,
 * a guest told that it comes by post; the subject names no matter.
 */
function documentNotice(ctx: KernelContext, message: Message) {
  const t = ctx.i18n.getFixedT(message.language);
  const values = { name: message.recipient_name ?? '', city: ctx.config.CITY_NAME, reference: message.reference };
  const where = message.user_id ? 'inbox' : 'letter';
  return {
    subject: t(`notify:document.${where}.subject`, values),
    blocks: toBlocks(t(`notify:document.${where}.body`, values)),
    url: message.user_id ? `${ctx.config.PUBLIC_URL}/konto/nachrichten/${message.id}` : null,
  };
}

/**
 * One attempt at an e-mail delivery. The delivery row, not the job, is the truth: a delivery already
 * delivered or failed is left alone, so a job run twice (a worker killed after sending, the sweeper) sends
 * once. A 5xx refusal fails it for good; anything else throws, and the job system retries with back-off.
 */
export async function deliverEmail(ctx: KernelContext, deliveryId: string): Promise<void> {
  const db = notifyDb(ctx.db);
  // An attachment still being scanned for malware holds the e-mail back without using up an attempt.
  if (await attachmentsWaiting(ctx, deliveryId)) throw new Error(`E-mail delivery ${deliveryId} waits for its attachments; trying again later`);
  // Queued again by the sweeper before the document's PDF was made: the e-mail would announce nothing yet.
  if (await documentPendingForDelivery(db, deliveryId)) throw new Error(`E-mail delivery ${deliveryId} waits for its document; trying again later`);
  const claim = await claimDelivery(db, deliveryId, ctx.config.SMTP_TIMEOUT_SECONDS * 3 + 30);
  if (!claim) {
    const delivery = await findDelivery(db, deliveryId);
    if (!delivery || (delivery.status !== 'created' && delivery.status !== 'sending')) return;
    throw new Error(`E-mail delivery ${deliveryId} is held by another worker; trying again later`);
  }
  const message = await findMessage(db, claim.message_id);
  if (!message?.email || message.body === null) {
    await settle(ctx, deliveryId, 'failed', 'content or address deleted before delivery');
    return;
  }
  const attachments: EmailAttachments = message.document ? { ok: true, files: [] } : await emailAttachments(ctx, message.id);
  if (!attachments.ok) {
    await settle(ctx, deliveryId, 'failed', attachments.detail);
    return;
  }
  const mail = composeEmail(ctx, message, attachments.files);
  try {
    await ctx.mailer.send(mail);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if ((error instanceof MailError && error.permanent) || claim.attempts >= maxEmailAttempts) {
      ctx.log.warn({ deliveryId, detail, attempts: claim.attempts }, 'e-mail delivery failed for good');
      await settle(ctx, deliveryId, 'failed', detail);
      return;
    }
    await ctx.db.transaction().execute(async (trx) => {
      await finishAttempt(notifyDb(trx), deliveryId, { status: 'sending', error: detail });
      await addEvent(notifyDb(trx), deliveryId, 'temporary-failure', worker, `attempt ${claim.attempts}: ${detail}`);
    });
    throw new Error(`E-mail delivery ${deliveryId} failed for now (${detail}); it will be retried`, { cause: error });
  }
  await settle(ctx, deliveryId, 'delivered', null);
}

async function settle(ctx: KernelContext, deliveryId: string, status: 'delivered' | 'failed', detail: string | null) {
  await ctx.db.transaction().execute(async (trx) => {
    await finishAttempt(notifyDb(trx), deliveryId, { status, error: status === 'failed' ? detail : null });
    await addEvent(notifyDb(trx), deliveryId, status, worker, detail);
  });
}
