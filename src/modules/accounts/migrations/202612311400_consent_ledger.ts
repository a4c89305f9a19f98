import { sql, type Kysely } from 'kysely';

/**
 * The consent ledger: every consent a person gives or withdraws, as one row each, never changed. The
 * newest row of a subject and purpose is the state; the rows before it show what held when. A trigger
 * refuses every update, so not even a faulty query can rewrite what someone agreed to. Rows go only as a
 * whole with their subject: with the account (foreign key) or by the owning module's retention rule.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_ledger')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('given', 'withdrawn')`))
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'counter', 'phone', 'letter')`))
    .addColumn('recorded_by', 'uuid')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('consent_ledger_subject').on('consent_ledger').columns(['subject_type', 'subject_id', 'purpose', 'id']).execute();
  await db.schema.createIndex('consent_ledger_user').on('consent_ledger').column('user_id').execute();
  await sql`
    create function consent_ledger_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'consent_ledger is append-only: % refused', tg_op using errcode = 'restrict_violation';
    end
    $$`.execute(db);
  await sql`create trigger consent_ledger_append_only before update on consent_ledger for each row execute function consent_ledger_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_ledger').execute();
  await sql`drop function consent_ledger_append_only()`.execute(db);
}
