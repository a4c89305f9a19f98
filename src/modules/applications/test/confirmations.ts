import type { KernelContext } from '#kernel/context.ts';
import { storedFile } from '#modules/notify/test/builders.ts';
import { readPdf } from '#test/pdf.ts';

/** The columns of notify's tables read here: notify publishes no reader of its deliveries. */
type Sent = {
  notify_messages: { id: string; cause: string; user_id: string | null; email: string | null; postal_address: unknown };
  notify_deliveries: { message_id: string; channel: string };
  notify_attachments: { message_id: string; position: number; filename: string; file_id: string | null };
};

/**
 * The confirmation a case's applicant was sent, as notify holds it: to whom, at which addresses, by which
 * channels, and the text of each PDF attached; undefined when none was sent.
 */
export async function confirmationOf(ctx: KernelContext, caseId: string) {
  const db = ctx.db.withTables<Sent>();
  const message = await db.selectFrom('notify_messages').selectAll().where('cause', '=', `applications:received:${caseId}`).executeTakeFirst();
  if (!message) return undefined;
  const deliveries = await db.selectFrom('notify_deliveries').select('channel').where('message_id', '=', message.id).execute();
  const attachments = await db.selectFrom('notify_attachments').select(['filename', 'file_id']).where('message_id', '=', message.id).orderBy('position').execute();
  const texts = await Promise.all(
    attachments.map(async (attachment) => {
      const pdf = await readPdf(await storedFile(ctx, attachment.file_id));
      return { filename: attachment.filename, text: await pdf.text(1, pdf.pages) };
    }),
  );
  return { userId: message.user_id, email: message.email, postalAddress: message.postal_address, channels: deliveries.map((row) => row.channel).sort(), attachments: texts };
}
