import { sql, type Kysely } from 'kysely';

/*
 * Full-text search over the catalogue: a tsvector per dataset, kept by a trigger (array_to_string is only
 * stable, so a generated column cannot hold it), weighted title A, keywords B, description C. The `german`
 * configuration stems and folds umlauts, so "Ladesäule" finds "Ladesäulen"; queries add prefix matching.
 * The indexes serve the filters and facets package_search combines (organisation, keywords, themes, state).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table opendata_datasets add column search_vector tsvector not null default ''::tsvector`.execute(db);
  await sql`
    create function opendata_datasets_search_vector() returns trigger language plpgsql as $$
    begin
      new.search_vector :=
        setweight(to_tsvector('german', coalesce(new.title, '') || ' ' || coalesce(new.title_en, '')), 'A') ||
        setweight(to_tsvector('german', array_to_string(new.keywords, ' ')), 'B') ||
        setweight(to_tsvector('german', coalesce(new.description, '') || ' ' || coalesce(new.description_en, '')), 'C');
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger opendata_datasets_search_vector before insert or update of title, title_en, keywords, description, description_en
    on opendata_datasets for each row execute function opendata_datasets_search_vector()`.execute(db);
  // Rows written before this migration get their vector by touching a watched column.
  await sql`update opendata_datasets set title = title`.execute(db);
  await sql`create index opendata_datasets_search on opendata_datasets using gin (search_vector)`.execute(db);
  await sql`create index opendata_datasets_keywords on opendata_datasets using gin (keywords)`.execute(db);
  await sql`create index opendata_datasets_themes on opendata_datasets using gin (themes)`.execute(db);
  await sql`create index opendata_datasets_state_modified on opendata_datasets (state, modified_at desc)`.execute(db);
  await sql`create index opendata_resources_format on opendata_resources (upper(format), dataset_id) where state = 'active'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists opendata_resources_format`.execute(db);
  await sql`drop index if exists opendata_datasets_state_modified`.execute(db);
  await sql`drop index if exists opendata_datasets_themes`.execute(db);
  await sql`drop index if exists opendata_datasets_keywords`.execute(db);
  await sql`drop index if exists opendata_datasets_search`.execute(db);
  await sql`drop trigger if exists opendata_datasets_search_vector on opendata_datasets`.execute(db);
  await sql`drop function if exists opendata_datasets_search_vector()`.execute(db);
  await sql`alter table opendata_datasets drop column search_vector`.execute(db);
}
