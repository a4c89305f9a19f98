import { sql, type Kysely } from 'kysely';

/**
 * A trigger function modules attach to the tables public pages are made from, with the scope as its
 * argument (`execute function kernel_content_changed('catalog')`). It announces the change on the
 * `content_changed` channel as "<scope> <transaction id>"; PostgreSQL delivers it at commit, once per
 * scope and transaction, to every listening connection, and the id lets a process that hears it on several
 * connections count it once. So the page cache forgets exactly what a change touched, whoever made it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function kernel_content_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('content_changed', tg_argv[0] || ' ' || txid_current());
      return null;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function kernel_content_changed()`.execute(db);
}
