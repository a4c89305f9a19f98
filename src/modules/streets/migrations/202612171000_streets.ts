import { sql, type Kysely } from 'kysely';

/**
 * The city's street register: reference data other modules look streets up in (a postal address, the
 * residents' parking zone of a street, later collection tours and places on a map). `name_key` is the name
 * as it is matched (lower case, umlauts and "ß" spelt out, "Straße"/"Str." alike, no spaces or hyphens),
 * so one street cannot be entered twice under two spellings of its name.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('streets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull().check(sql`postcode ~ '^[0-9]{5}$'`))
    .addColumn('district', 'text')
    .addColumn('parking_zone', 'text')
    .addColumn('latitude', 'numeric(9, 6)', (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'numeric(9, 6)', (c) => c.check(sql`longitude between -180 and 180`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('demo', 'official')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('streets_name_key_postcode_unique', ['name_key', 'postcode'])
    .execute();
  // Remembered street lists (suggestions, the names of a form's list) are read again after every change.
  await sql`
    create trigger streets_content_changed
    after insert or update or delete on streets
    for each statement execute function kernel_content_changed('streets')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('streets').execute();
}
