import type { KernelContext } from '#kernel/context.ts';
import type { Db, Executor } from '#kernel/db/database.ts';
import { attachmentContent } from './attachments.ts';
import { attachmentFiles } from './repo.attachments.ts';
import { personalMessages } from './repo.messages.ts';
import { notifyDb } from './repo.templates.ts';
import { purgeMessages } from './service.purge.ts';
import { withdrawLettersOf } from './service.withdraw.ts';

/**
 * Every message to the person with how it was delivered, for their data download. Attachments come with
 * their content in base64, read from the file store: the download is meant to be complete and portable in
 * one file (GDPR Art. 15, 20), and attachments are small letters and notices, not media.
 */
export async function exportMessages(ctx: KernelContext, db: Db, userId: string) {
  const messages = await personalMessages(notifyDb(db), userId);
  const attachments = await attachmentFiles(notifyDb(db), messages.map((message) => message.id));
  // One after another: a person with many attachments must not open as many files at once.
  const contents: (Buffer | null)[] = [];
  for (const attachment of attachments) contents.push(await attachmentContent(ctx, attachment));
  return messages.map((message) => ({
    ...message,
    attachments: attachments.flatMap(({ message_id, file_id: _file, content: _bytes, ...attachment }, index) =>
      message_id === message.id ? [{ ...attachment, content_base64: contents[index]?.toString('base64') ?? null }] : [],
    ),
  }));
}

/**
 * The delivery records stay (the city must be able to show that and how it informed someone); what the
 * messages said, their attachments, the addresses and the name go now rather than at the end of the
 * retention period, and so do the person's letters in print batches not yet printed.
 */
export async function eraseMessages(ctx: KernelContext, trx: Executor, userId: string): Promise<void> {
  await withdrawLettersOf(ctx, trx, userId);
  await purgeMessages(ctx, trx, { userId });
}
