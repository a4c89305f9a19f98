import type { Kysely } from 'kysely';

/**
 * The history of every workflow (a catalogue entry published, a print batch posted, later a case decided):
 * one row per transition, written in the transition's transaction. The instances themselves stay in their
 * modules' tables; a row names its instance by workflow and id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workflow_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('workflow_history_instance_idx').on('workflow_history').columns(['workflow', 'instance_id', 'id']).execute();
  await db.schema.createIndex('workflow_history_at_idx').on('workflow_history').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workflow_history').execute();
}
