import { sql, type Kysely } from 'kysely';

/**
 * The file store: one row per stored content (named by its SHA-256) and one per record that uses it. A
 * reference keeps its file; a file without references goes after a grace period.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{64}$'`))
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'clean', 'infected')`))
    .addColumn('scanner', 'text')
    .addColumn('signature', 'text')
    .addColumn('scanned_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('touched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('files_touched_idx').on('files').column('touched_at').execute();

  await db.schema
    .createTable('file_refs')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('personal', 'boolean', (c) => c.notNull())
    .addColumn('data_subject_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('file_refs_pkey', ['file_id', 'module_id', 'owner_kind', 'owner_id'])
    .execute();
  await db.schema.createIndex('file_refs_owner_idx').on('file_refs').columns(['module_id', 'owner_kind', 'owner_id']).execute();
  await db.schema.createIndex('file_refs_data_subject_idx').on('file_refs').column('data_subject_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_refs').execute();
  await db.schema.dropTable('files').execute();
}
