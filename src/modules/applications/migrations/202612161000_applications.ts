import { sql, type Kysely } from 'kysely';

/*
 * Form definitions by version, drafts being filled in, and cases. A case keeps the version it was made
 * with and carries its answers as JSON in the shape of that version; a draft becomes a case in one
 * transaction, and the draft's id on the case makes a repeated submission find the case it already made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_form_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    // draft → published → retired (a newer version was published); a published version never changes.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'retired')`))
    .addColumn('service_slug', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('published_at', 'timestamptz')
    .addUniqueConstraint('application_form_versions_key_version', ['form_key', 'version'])
    .execute();
  // At most one published version per form: the one new drafts start from.
  await sql`create unique index application_form_versions_published on application_form_versions (form_key) where status = 'published'`.execute(db);
  await sql`create index application_form_versions_service on application_form_versions (service_slug) where status = 'published'`.execute(db);
  // Service pages offer "Online beantragen" from the published versions: a publication tells the page cache.
  await sql`
    create trigger application_form_versions_content_changed
    after insert or delete or update of status on application_form_versions
    for each statement execute function kernel_content_changed('applications')`.execute(db);

  await db.schema
    .createTable('application_drafts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_version_id', 'uuid', (c) => c.notNull().references('application_form_versions.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    // SHA-256 of the secret a guest's browser (cookie) or resume link holds; null for an account's draft.
    .addColumn('secret_hash', 'text')
    .addColumn('guest_email', 'text')
    // SHA-256 of the secret in the newest resume link sent to the guest; the link works until the draft goes.
    .addColumn('resume_hash', 'text')
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('last_page', 'text')
    // Staff entering a paper, phone or counter application for someone: the channel it came by.
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('online'))
    .addColumn('entered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resume_sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('application_drafts_user').on('application_drafts').column('user_id').execute();
  await db.schema.createIndex('application_drafts_updated').on('application_drafts').column('updated_at').execute();

  await db.schema
    .createTable('application_cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('draft_id', 'uuid', (c) => c.unique())
    .addColumn('form_version_id', 'uuid', (c) => c.notNull().references('application_form_versions.id'))
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('service_slug', 'text')
    .addColumn('office_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('secret_hash', 'text')
    // Name, e-mail, phone, postal address, language and channel as given for this case.
    .addColumn('applicant', 'jsonb', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_to', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // A place for the fee's payment once payments exist: none | open | paid.
    .addColumn('payment_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('receipt_file_id', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_cases_office').on('application_cases').columns(['office_id', 'status', 'submitted_at']).execute();
  await db.schema.createIndex('application_cases_user').on('application_cases').column('user_id').execute();

  await db.schema
    .createTable('application_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('application_cases.id').onDelete('cascade'))
    // to-applicant | from-applicant | note (internal, never shown to the applicant)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_messages_case').on('application_messages').columns(['case_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['application_messages', 'application_cases', 'application_drafts', 'application_form_versions']) await db.schema.dropTable(table).execute();
}
