import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The placeholders are the contract with the modules that send: names and types they supply.
  await db.schema
    .createTable('notify_templates')
    .addColumn('purpose', 'text', (c) => c.primaryKey())
    .addColumn('title_de', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('required_channel', 'text', (c) => c.check(sql`required_channel in ('email', 'letter')`))
    .addColumn('placeholders', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Versions are only ever added: a message names the version it was written from.
  await db.schema
    .createTable('notify_template_versions')
    .addColumn('purpose', 'text', (c) => c.notNull().references('notify_templates.purpose'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('subject_de', 'text', (c) => c.notNull())
    .addColumn('body_de', 'text', (c) => c.notNull())
    .addColumn('subject_en', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text')
    .addPrimaryKeyConstraint('notify_template_versions_pk', ['purpose', 'version'])
    .execute();

  await db.schema
    .createTable('notify_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    // One cause, one message: the caller's key makes a second call with the same cause a no-op.
    .addColumn('cause', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recipient_name', 'text')
    .addColumn('email', 'text')
    .addColumn('postal_address', 'jsonb')
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('de', 'en')`))
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('content_deleted_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notify_messages_user_idx').on('notify_messages').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('notify_messages_created_idx').on('notify_messages').column('created_at').execute();

  await db.schema
    .createTable('notify_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('notify_messages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_attachments_message_idx').on('notify_attachments').column('message_id').execute();

  await db.schema
    .createTable('notify_print_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('created').check(sql`status in ('created', 'printed', 'posted')`))
    .addColumn('letters', 'integer', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('pdf', 'bytea')
    .addColumn('manifest', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('notify_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('notify_messages.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'letter', 'inbox')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('created').check(sql`status in ('created', 'sending', 'delivered', 'failed', 'printed', 'posted', 'returned')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // A worker holds a delivery while it talks to the mail server; another may take it only after this.
    .addColumn('lease_until', 'timestamptz')
    .addColumn('batch_id', 'uuid', (c) => c.references('notify_print_batches.id'))
    .addColumn('batch_position', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('notify_deliveries_message_channel', ['message_id', 'channel'])
    .execute();
  await db.schema.createIndex('notify_deliveries_status_idx').on('notify_deliveries').columns(['channel', 'status', 'updated_at']).execute();
  await db.schema.createIndex('notify_deliveries_batch_idx').on('notify_deliveries').column('batch_id').execute();

  // The history of each delivery ("Sendungsverfolgung"): every change of status with who caused it.
  await db.schema
    .createTable('notify_delivery_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('notify_deliveries.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_delivery_events_delivery_idx').on('notify_delivery_events').columns(['delivery_id', 'at']).execute();
  await db.schema.createIndex('notify_delivery_events_status_idx').on('notify_delivery_events').columns(['status', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notify_delivery_events', 'notify_deliveries', 'notify_print_batches', 'notify_attachments', 'notify_messages', 'notify_template_versions', 'notify_templates']) {
    await db.schema.dropTable(table).execute();
  }
}
