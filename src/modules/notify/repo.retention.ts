import { sql } from 'kysely';
import type { NotifyDb } from './repo.templates.ts';

/**
 * Removes what a message said and where it went, keeping that it was sent, how and with what result (the
 * delivery record). Guests' names go too; an account holder's record keeps the account's id.
 */
export async function purgeMessageContentBefore(db: NotifyDb, cutoff: Date): Promise<number> {
  const purged = await db
    .updateTable('notify_messages')
    .set({
      subject: null,
      body: null,
      email: null,
      postal_address: null,
      recipient_name: sql<string | null>`case when user_id is null then null else recipient_name end`,
      content_deleted_at: sql<Date>`now()`,
    })
    .where('created_at', '<', cutoff)
    .where('content_deleted_at', 'is', null)
    .returning('id')
    .execute();
  if (purged.length > 0) {
    await db.deleteFrom('notify_attachments').where('message_id', 'in', purged.map((row) => row.id)).execute();
  }
  return purged.length;
}

/** A print batch is the letters themselves; after the same period only its figures remain. */
export async function purgeBatchFilesBefore(db: NotifyDb, cutoff: Date): Promise<number> {
  const result = await db
    .updateTable('notify_print_batches')
    .set({ pdf: null, manifest: null })
    .where('created_at', '<', cutoff)
    .where('pdf', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
