import { sql, type Kysely } from 'kysely';

/**
 * The audit log stays append-only for everything but its retention rule: a delete passes only in a
 * transaction that declares itself the retention run (`erkelenz.audit_retention`); updates and TRUNCATE are
 * refused as before. Searching by period (the back office's audit log) gets an index on the time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('erkelenz.audit_retention', true) = 'on' then
        return null;
      end if;
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_at_idx').execute();
  await sql`
    create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
}
