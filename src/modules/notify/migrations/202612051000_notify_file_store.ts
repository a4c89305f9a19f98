import { sql, type Kysely } from 'kysely';

/*
 * Attachments and print batches move into the kernel's file store: a row names its file by the store's id
 * (the SHA-256 of the content) instead of holding the bytes. A migration never calls the store, so rows
 * written before stay as they are, their bytes in `content`, `pdf` and `manifest`, until the job
 * `notify.move-stored-files` (or `npm run cli -- notify-move-files`) has put them into the store and
 * emptied those columns. The columns themselves go in a later release, once every installation has moved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notify_attachments').addColumn('file_id', 'text').execute();
  await db.schema.alterTable('notify_attachments').alterColumn('content', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('notify_print_batches').addColumn('pdf_file_id', 'text').addColumn('manifest_file_id', 'text').execute();
  // Only rows still to be moved are in these indexes: the move finds them without reading the whole table.
  await sql`create index notify_attachments_unmoved_idx on notify_attachments (id) where file_id is null`.execute(db);
  await sql`create index notify_print_batches_unmoved_idx on notify_print_batches (id) where pdf is not null or manifest is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notify_print_batches_unmoved_idx').execute();
  await db.schema.dropIndex('notify_attachments_unmoved_idx').execute();
  await db.schema.alterTable('notify_print_batches').dropColumn('manifest_file_id').dropColumn('pdf_file_id').execute();
  await db.schema.alterTable('notify_attachments').dropColumn('file_id').execute();
}
