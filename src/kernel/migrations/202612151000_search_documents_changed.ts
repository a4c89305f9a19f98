import { sql, type Kysely } from 'kysely';

/**
 * A change to any module's search documents tells the page cache, in the transaction that makes it, so a
 * cached search page never shows what a module has since withdrawn, whether or not the module's own tables
 * announce their changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create trigger search_documents_content_changed
    after insert or update or delete on search_documents
    for each statement execute function kernel_content_changed('search')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger search_documents_content_changed on search_documents`.execute(db);
}
