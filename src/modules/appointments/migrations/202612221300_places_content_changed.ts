import { sql, type Kysely } from 'kysely';

/**
 * A place, counter or offered service added, changed or removed changes what service pages offer (the booking
 * link and the next free day): the page cache hears of it in the transaction that makes the change.
 */
const tables = ['appointment_locations', 'appointment_counters', 'appointment_services'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    await sql`
      create trigger ${sql.raw(`${table}_content_changed`)}
      after insert or update or delete on ${sql.table(table)}
      for each statement execute function kernel_content_changed('appointments-availability')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql`drop trigger ${sql.raw(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db);
}
