import { sql, type Kysely } from 'kysely';

/** Remembers which module's demo data has been seeded, so a restart never seeds twice. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seed_runs')
    .addColumn('module_id', 'text', (c) => c.primaryKey())
    .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('seed_runs').execute();
}
