import type { Kysely } from 'kysely';

/*
 * The form designers' list shows who put each version before citizens. The account is kept as a
 * reference, not as a copied name: the list reads the name as the account has it, and a deleted account
 * leaves the version without a publisher rather than with a name nobody can ask about.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('application_form_versions')
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_form_versions').dropColumn('published_by').execute();
}
