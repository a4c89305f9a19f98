import { sql } from 'kysely';
import type { NotifyDb } from './repo.templates.ts';

/**
 * Removes what a message said and where it went, keeping that it was sent, how and with what result (the
 * delivery record). Past the retention period guests' names go too, while an account holder's record keeps
 * the name next to the account; when the account itself is deleted, its messages lose the name as well.
 * Returns the messages it emptied; their attachments go with them (`service.purge.ts`).
 */
export async function purgeMessageContent(db: NotifyDb, scope: { createdBefore: Date } | { userId: string }): Promise<string[]> {
  const byUser = 'userId' in scope;
  const update = db
    .updateTable('notify_messages')
    .set({
      subject: null,
      body: null,
      email: null,
      postal_address: null,
      recipient_name: byUser ? null : sql<string | null>`case when user_id is null then null else recipient_name end`,
      content_deleted_at: sql<Date>`now()`,
    })
    .where('content_deleted_at', 'is', null);
  const purged = await (byUser ? update.where('user_id', '=', scope.userId) : update.where('created_at', '<', scope.createdBefore)).returning('id').execute();
  return purged.map((row) => row.id);
}
