import { sql, type Kysely } from 'kysely';

/**
 * Every change to what citizens see of the catalogue (a publication, a withdrawal, an import, a deletion;
 * an office's hours and closing days are part of its published version) tells the page cache, in the
 * transaction that makes it. Saving a draft changes no published column and says nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create trigger catalog_entries_content_changed
    after insert or delete or update of published, published_revision, published_at, kind, slug on catalog_entries
    for each statement execute function kernel_content_changed('catalog')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger catalog_entries_content_changed on catalog_entries`.execute(db);
}
