import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { renderLetters } from '#kernel/pdf/letter.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { messageOwner, putAttachment } from './attachments.ts';
import { letterFor } from './letters.ts';
import { attachmentFiles, documentOf, insertAttachments } from './repo.attachments.ts';
import { deliveriesOf, findMessage, lockMessage } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import type { Message } from './tables.ts';

/*
 * A formal document in the inbox: the very letter the print batch would print (DIN 5008, the kernel's
 * layout), as a PDF beside the message's text. Rendered in a job after the sending transaction, because the
 * file store works in transactions of its own and rendering would hold the sender's transaction.
 */

export type DocumentOutcome = 'rendered' | 'already-rendered' | 'not-a-document' | 'content-deleted';

/** The PDF's name as the person sees it in the inbox: the subject, in their language, as a file name. */
export function documentFilename(message: Pick<Message, 'subject' | 'reference'>): string {
  const words = (message.subject ?? '').replace(/[^\p{L}\p{N} .,-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80).trim();
  return `${words || message.reference}.pdf`;
}

/**
 * Renders a document message's letter into the file store and attaches it to the message, then releases the
 * e-mails that tell of it (`sendEmail`, in the same transaction). Run twice, it attaches one PDF: the message
 * is locked and a second one finds the first. Content deleted meanwhile (retention, a deleted account)
 * leaves nothing to render.
 */
export async function renderDocument(ctx: KernelContext, messageId: string, sendEmail: (trx: Executor<KernelTables>, deliveryId: string) => Promise<void>): Promise<DocumentOutcome> {
  const db = notifyDb(ctx.db);
  const message = await findMessage(db, messageId);
  if (!message?.document) return 'not-a-document';
  if (message.body === null) return 'content-deleted';
  if (await documentOf(db, messageId)) return 'already-rendered';

  const enclosures = (await attachmentFiles(db, [messageId])).map((row) => row.filename);
  // The address the letter went to, else the account's: a decision names its addressee as on paper.
  const address = message.postal_address ?? (message.user_id ? ((await recipientProfile(ctx.db, message.user_id))?.postalAddress ?? null) : null);
  const author = ctx.i18n.t('kernel:site.name', { lng: message.language, city: ctx.config.CITY_NAME });
  const rendered = await renderLetters([letterFor(ctx, message, enclosures, address)], {
    title: message.subject ?? message.reference,
    author,
    lang: message.language === 'de' ? 'de-DE' : 'en-GB',
  });
  const put = await putAttachment(ctx, rendered.pdf, 'application/pdf');
  if (!put.ok) throw new Error(`The document of message ${messageId} was refused by the file store: ${put.reason}`);

  return ctx.db.transaction().execute(async (trx) => {
    const tdb = notifyDb(trx);
    const locked = await lockMessage(tdb, messageId);
    if (!locked || locked.body === null) return 'content-deleted';
    if (await documentOf(tdb, messageId)) return 'already-rendered';
    // Position -1: the document comes before the enclosures the sender gave (0, 1, …).
    await insertAttachments(tdb, [
      { message_id: messageId, position: -1, filename: documentFilename(message), content_type: put.file.mediaType, size: put.file.size, file_id: put.file.id, document: true },
    ]);
    const ref = await ctx.files.addRef(trx, { fileId: put.file.id, owner: messageOwner(messageId), personal: true, dataSubjectId: locked.user_id });
    if (!ref.ok) throw new Error(`Document of message ${messageId}: ${ref.reason}`);
    for (const delivery of await deliveriesOf(tdb, messageId)) {
      if (delivery.channel === 'email' && delivery.status === 'created') await sendEmail(trx, delivery.id);
    }
    return 'rendered';
  });
}
