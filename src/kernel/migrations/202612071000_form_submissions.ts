import type { Kysely } from 'kysely';

/**
 * Forms that create something carry a one-time key. A row is one key of one form, sent from one session or
 * browser (a hash, never the session's token or an address): claimed when its first submit starts the work,
 * and holding that submit's outcome once done, so a repeat gets the same answer. Rows go after a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('form_submissions')
    .addColumn('scope_hash', 'text', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('outcome', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_submissions_pkey', ['scope_hash', 'form_id', 'key'])
    .execute();
  await db.schema.createIndex('form_submissions_created_at_idx').on('form_submissions').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('form_submissions').execute();
}
