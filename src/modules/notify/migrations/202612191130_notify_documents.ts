import { sql, type Kysely } from 'kysely';

/*
 * A message can be a formal document (a decision): the letter channel prints it as always, the inbox keeps
 * the same letter as a PDF, and the e-mail only says that it is ready. `document` on a message says so; on
 * an attachment it marks the rendered letter itself, which the print batch must not list as an enclosure
 * of itself. One rendered letter per message, whichever worker renders it first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notify_messages').addColumn('document', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('notify_attachments').addColumn('document', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await sql`create unique index notify_attachments_document_idx on notify_attachments (message_id) where document`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notify_attachments_document_idx').execute();
  await db.schema.alterTable('notify_attachments').dropColumn('document').execute();
  await db.schema.alterTable('notify_messages').dropColumn('document').execute();
}
