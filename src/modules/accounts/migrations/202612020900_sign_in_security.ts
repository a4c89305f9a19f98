import { sql, type Kysely } from 'kysely';

/**
 * Sign-in slows down instead of locking: counters of failed attempts keyed by a keyed hash of account and
 * client address (the table holds neither), and of account mails per recipient. Staff get one-time
 * recovery codes for a lost authenticator, stored as hashes. The hard lock's columns go: anyone could set
 * them for any account, and they hold nothing worth keeping.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_throttles')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('first_hit_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_hit_at', 'timestamptz', (c) => c.notNull())
    .addColumn('not_before', 'timestamptz')
    .execute();
  await db.schema.createIndex('account_throttles_last_hit_idx').on('account_throttles').column('last_hit_at').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'timestamptz').execute();
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema.dropTable('account_throttles').execute();
}
