import { sql, type Kysely } from 'kysely';

/**
 * A signed-in person may move their account to another e-mail address. The new address waits beside the
 * old one until a link mailed to it is followed, so the account keeps working, and signing in keeps using
 * the old address, until the new one is proven; the link's token has a purpose of its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('pending_email', 'text').execute();
  await db.schema.alterTable('users').addColumn('pending_email_requested_at', 'timestamptz').execute();
  await sql`alter table account_tokens drop constraint account_tokens_purpose_check`.execute(db);
  await sql`alter table account_tokens add constraint account_tokens_purpose_check check (purpose in ('verify-email', 'reset-password', 'invite', 'change-email'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('account_tokens').where('purpose', '=', 'change-email').execute();
  await sql`alter table account_tokens drop constraint account_tokens_purpose_check`.execute(db);
  await sql`alter table account_tokens add constraint account_tokens_purpose_check check (purpose in ('verify-email', 'reset-password', 'invite'))`.execute(db);
  await db.schema.alterTable('users').dropColumn('pending_email_requested_at').execute();
  await db.schema.alterTable('users').dropColumn('pending_email').execute();
}
