import { sql, type Kysely } from 'kysely';

/*
 * The initiatives hub: initiatives and partners (a directory entry each), the people who keep an entry
 * current, the keys of the links mailed to them, the events of the shared calendar (entered directly or
 * imported from an initiative's iCalendar feed, expanded into occurrences), and the resources the city keeps
 * ready with the requests initiatives send for them.
 *
 * Domains, districts, target groups and accessibility features are stored as the slugs the pages' addresses
 * use (`?bereich=klimaschutz&bezirk=gerderath`), each list checked against its fixed set.
 */
const domains = sql.raw(`array['bildung', 'mobilitaet', 'gesundheit', 'gesellschaft', 'umwelt', 'klimaschutz']`);
const access = sql.raw(`array['stufenlos', 'rollstuhl-wc', 'hoeranlage', 'leichte-sprache', 'gebaerdensprache']`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiatives')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Who runs it: verein, schule, bibliothek, unternehmen, gruppe, stadt, kreis, land.
    .addColumn('provider_kind', 'text', (c) => c.notNull())
    .addColumn('domains', sql`text[]`, (c) => c.notNull())
    .addColumn('target_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Stadtbezirke served, by the street register's keys; none means the whole town.
    .addColumn('districts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // An organisation's contact (often a person's name and address: personal data under the retention rule).
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('website', 'text')
    .addColumn('accessibility', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('accessibility_note', 'text')
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{de}'`))
    .addColumn('logo_file_id', 'uuid')
    .addColumn('logo_alt', 'text')
    .addColumn('meeting_times', 'text')
    .addColumn('address', 'text')
    .addColumn('latitude', sql`numeric(9, 6)`)
    .addColumn('longitude', sql`numeric(9, 6)`)
    // unconfirmed (proposal mailed, address not confirmed) → submitted (waits for a moderator) ⇄ question
    // (a moderator asked back) → published | rejected; withdrawn (taken down by its maintainers or staff).
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unconfirmed', 'submitted', 'question', 'published', 'rejected', 'withdrawn')`))
    .addColumn('moderator_question', 'text')
    .addColumn('proposer_answer', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en')`))
    // When the entry last waited for a moderator (a proposal confirmed, an answer given): its time in the queue.
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    // The last time a maintainer confirmed the entry as current (an edit counts); a year without one flags it.
    .addColumn('confirmed_current_at', 'timestamptz')
    // A maintainer's edit goes live at once and waits in the moderators' review list until they have seen it.
    .addColumn('edited_at', 'timestamptz')
    .addColumn('edit_reviewed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('initiatives_domains', sql`cardinality(domains) >= 1 and domains <@ ${domains}`)
    .addCheckConstraint('initiatives_accessibility', sql`accessibility <@ ${access}`)
    .addCheckConstraint('initiatives_coordinates', sql`(latitude is null) = (longitude is null)`)
    .execute();
  await sql`create index initiatives_status on initiatives (status, submitted_at)`.execute(db);

  await db.schema
    .createTable('initiative_maintainers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('initiative_id', 'uuid', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // pending (a new maintainer waits for a moderator) → active; removed.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active', 'removed')`))
    .addColumn('email_confirmed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_at', 'timestamptz')
    .execute();
  await sql`create unique index initiative_maintainers_email on initiative_maintainers (initiative_id, lower(email)) where email is not null and status <> 'removed'`.execute(db);
  await sql`create index initiative_maintainers_user on initiative_maintainers (user_id) where user_id is not null`.execute(db);

  await db.schema
    .createTable('initiative_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('initiative_id', 'uuid', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('maintainer_id', 'uuid', (c) => c.references('initiative_maintainers.id').onDelete('cascade'))
    // 'confirm': confirms a proposer's address; 'edit': a maintainer's magic link; 'answer': answers a moderator's question.
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('confirm', 'edit', 'answer')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index initiative_keys_initiative on initiative_keys (initiative_id)`.execute(db);

  await db.schema
    .createTable('initiative_feeds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('initiative_id', 'uuid', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('last_fetched_at', 'timestamptz')
    .addColumn('last_ok_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    // Events of a fetch held back (a feed that suddenly floods) until a moderator lets them through.
    .addColumn('held_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index initiative_feeds_url on initiative_feeds (initiative_id, url)`.execute(db);

  await db.schema
    .createTable('initiative_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('initiative_id', 'uuid', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('feed_id', 'uuid', (c) => c.references('initiative_feeds.id').onDelete('cascade'))
    // The feed's UID of the event; with the feed it names the event across imports.
    .addColumn('source_uid', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text')
    .addColumn('district', 'text')
    .addColumn('url', 'text')
    .addColumn('accessibility', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // The first occurrence; a recurring event repeats it by `rrule` (RFC 5545), without the days in `exdates`.
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('all_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Berlin'))
    .addColumn('rrule', 'text')
    .addColumn('exdates', sql`timestamptz[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // published; held (imported from a flooding feed, not shown until let through); cancelled.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('published').check(sql`status in ('published', 'held', 'cancelled')`))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('initiative_events_times', sql`ends_at >= starts_at`)
    .addCheckConstraint('initiative_events_accessibility', sql`accessibility <@ ${access}`)
    .execute();
  await sql`create unique index initiative_events_source on initiative_events (feed_id, source_uid) where feed_id is not null`.execute(db);
  await sql`create index initiative_events_initiative on initiative_events (initiative_id)`.execute(db);

  // Every occurrence of an event within the calendar's reach (a year ahead), so the calendar is one range query.
  await db.schema
    .createTable('initiative_event_occurrences')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('initiative_events.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_event_occurrences_pkey', ['event_id', 'starts_at'])
    .execute();
  await sql`create index initiative_event_occurrences_start on initiative_event_occurrences (starts_at)`.execute(db);

  await db.schema
    .createTable('initiative_resources')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    // raum, foerderung, ausleihe, ansprechperson, datensatz.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('raum', 'foerderung', 'ausleihe', 'ansprechperson', 'datensatz')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // The catalogue office that owns it (by slug, as appointments name theirs); requests land there.
    .addColumn('office_slug', 'text', (c) => c.notNull())
    .addColumn('domains', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('districts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('location', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('deadline', 'date')
    .addColumn('accessibility', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Where the office runs an appointments calendar for it: the booking's address.
    .addColumn('booking_href', 'text')
    // An open dataset of the portal, by name.
    .addColumn('dataset_name', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('initiative_resources_domains', sql`domains <@ ${domains}`)
    .addCheckConstraint('initiative_resources_accessibility', sql`accessibility <@ ${access}`)
    .execute();

  await db.schema
    .createTable('initiative_resource_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('initiative_resources.id').onDelete('cascade'))
    .addColumn('initiative_id', 'uuid', (c) => c.references('initiatives.id').onDelete('set null'))
    .addColumn('organisation', 'text')
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('wanted_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received').check(sql`status in ('received', 'accepted', 'declined')`))
    .addColumn('answer', 'text')
    .addColumn('handled_at', 'timestamptz')
    .addColumn('handled_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index initiative_resource_requests_resource on initiative_resource_requests (resource_id, created_at)`.execute(db);

  // The hub's pages are served from the page cache: every change announces the scope 'initiatives'.
  for (const table of ['initiatives', 'initiative_events', 'initiative_event_occurrences', 'initiative_resources']) {
    await sql`
      create trigger ${sql.raw(`${table}_content_changed`)}
      after insert or update or delete on ${sql.table(table)}
      for each statement execute function kernel_content_changed('initiatives')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['initiative_resource_requests', 'initiative_resources', 'initiative_event_occurrences', 'initiative_events', 'initiative_feeds', 'initiative_keys', 'initiative_maintainers', 'initiatives']) {
    await db.schema.dropTable(table).execute();
  }
}
