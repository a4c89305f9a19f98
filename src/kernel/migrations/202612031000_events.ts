import type { Kysely } from 'kysely';

/**
 * Events between modules. `events` keeps each published event as it was published (the payload in its
 * version), so a delivery retried days later reads the same thing; `event_deliveries` records which
 * subscriber has handled which event, in the subscriber's own transaction, which makes a second delivery of
 * the same event to the same subscriber a no-op.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_published_at_idx').on('events').column('published_at').execute();
  await db.schema
    .createTable('event_deliveries')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_deliveries_pkey', ['event_id', 'subscriber'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_deliveries').execute();
  await db.schema.dropTable('events').execute();
}
