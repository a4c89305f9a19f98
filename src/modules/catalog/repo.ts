import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { isUuid } from '#kernel/text.ts';
import type { Content } from './schemas.content.ts';
import type { CatalogTables, Entry, EntryKind, HistoryRow, LinkCheck } from './tables.ts';

export type CatalogDb = Executor<KernelTables & CatalogTables>;

export function catalogDb(db: Executor<KernelTables>): CatalogDb {
  return db.withTables<CatalogTables>();
}

const json = (value: unknown) => JSON.stringify(value);
/** No version is SQL NULL, not JSON's null, so that `published is not null` means published. */
const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export async function insertEntry(db: CatalogDb, entry: Omit<Insertable<CatalogTables['catalog_entries']>, 'draft' | 'published'> & { draft: Content; published?: Content | null }): Promise<Entry> {
  return db
    .insertInto('catalog_entries')
    .values({ ...entry, draft: json(entry.draft), published: jsonOrNull(entry.published) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateEntry(db: CatalogDb, id: string, patch: Omit<Updateable<CatalogTables['catalog_entries']>, 'draft' | 'published'> & { draft?: Content; published?: Content | null }): Promise<void> {
  const { draft, published, ...rest } = patch;
  await db
    .updateTable('catalog_entries')
    .set({
      ...rest,
      ...(draft === undefined ? {} : { draft: json(draft) }),
      ...(published === undefined ? {} : { published: jsonOrNull(published) }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findEntry(db: CatalogDb, id: string): Promise<Entry | undefined> {
  return db.selectFrom('catalog_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the entry for the rest of the transaction, so two editors' saves cannot interleave. */
export async function lockEntry(db: CatalogDb, id: string): Promise<Entry | undefined> {
  return db.selectFrom('catalog_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** What public pages read of an entry: never the draft, which may be twice the size and is not theirs to see. */
export type PublishedRow = Pick<Entry, 'id' | 'kind' | 'published' | 'published_at'>;
const publishedColumns = ['id', 'kind', 'published', 'published_at'] as const;

export async function findPublished(db: CatalogDb, kind: EntryKind, slug: string): Promise<PublishedRow | undefined> {
  return db.selectFrom('catalog_entries').select(publishedColumns).where('kind', '=', kind).where('slug', '=', slug).where('published', 'is not', null).executeTakeFirst();
}

export async function publishedByIds(db: CatalogDb, ids: readonly string[]): Promise<PublishedRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('catalog_entries').select(publishedColumns).where('id', 'in', [...new Set(ids)]).where('published', 'is not', null).execute();
}

export async function publishedOfKind(db: CatalogDb, kind: EntryKind): Promise<PublishedRow[]> {
  return db.selectFrom('catalog_entries').select(publishedColumns).where('kind', '=', kind).where('published', 'is not', null).orderBy('sort_key').execute();
}

/** Another entry of the kind that uses the slug as its address or in its draft. */
export async function slugTaken(db: CatalogDb, kind: EntryKind, slug: string, exceptId?: string): Promise<boolean> {
  const row = await db
    .selectFrom('catalog_entries')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('slug', '=', slug), eb(sql`draft->>'slug'`, '=', slug)]))
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  return row !== undefined;
}

export async function findBySlug(db: CatalogDb, kind: EntryKind, slug: string): Promise<Entry | undefined> {
  return db
    .selectFrom('catalog_entries')
    .selectAll()
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('slug', '=', slug), eb(sql`draft->>'slug'`, '=', slug)]))
    .executeTakeFirst();
}

export async function entriesOfKind(db: CatalogDb, kind: EntryKind): Promise<Entry[]> {
  return db.selectFrom('catalog_entries').selectAll().where('kind', '=', kind).orderBy('sort_key').execute();
}

export async function entriesByIds(db: CatalogDb, ids: readonly string[]): Promise<Entry[]> {
  // Text that is no uuid names no entry (a form sent by a script); asking the database would be an error.
  const wanted = [...new Set(ids)].filter(isUuid);
  if (wanted.length === 0) return [];
  return db.selectFrom('catalog_entries').selectAll().where('id', 'in', wanted).execute();
}

export interface PublishedFilter {
  situationId?: string;
  officeId?: string;
  offset: number;
  limit: number;
}

/** Published entries of a kind in title order, filtered by a life situation or office, with the total. */
export async function listPublished(db: CatalogDb, kind: EntryKind, filter: PublishedFilter): Promise<{ rows: PublishedRow[]; total: number }> {
  const base = db
    .selectFrom('catalog_entries')
    .where('kind', '=', kind)
    .where('published', 'is not', null)
    .$if(filter.situationId !== undefined, (q) => q.where(sql<boolean>`published @> ${json({ lifeSituationIds: [filter.situationId] })}::jsonb`))
    .$if(filter.officeId !== undefined, (q) => q.where(sql<boolean>`published @> ${json({ officeId: filter.officeId })}::jsonb`));
  const [rows, count] = await Promise.all([
    base.select(publishedColumns).orderBy('sort_key').orderBy('id').offset(filter.offset).limit(filter.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function insertHistory(db: CatalogDb, row: Insertable<CatalogTables['catalog_history']> & { content: Content | null }): Promise<void> {
  await db
    .insertInto('catalog_history')
    .values({ ...row, content: jsonOrNull(row.content) })
    .execute();
}

export async function historyOf(db: CatalogDb, entryId: string): Promise<HistoryRow[]> {
  return db.selectFrom('catalog_history').selectAll().where('entry_id', '=', entryId).orderBy('id', 'desc').execute();
}

/** Removes the names of editors from history older than the cutoff; what changed and when stays. */
export async function anonymiseHistoryBefore(db: CatalogDb, cutoff: Date): Promise<number> {
  const result = await db
    .updateTable('catalog_history')
    .set({ actor_name: null })
    .where('at', '<', cutoff)
    .where('actor_name', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function saveLinkCheck(db: CatalogDb, check: LinkCheck): Promise<void> {
  await db
    .insertInto('catalog_link_checks')
    .values(check)
    .onConflict((oc) => oc.column('url').doUpdateSet({ ok: check.ok, status: check.status, problem: check.problem, checked_at: check.checked_at }))
    .execute();
}

export async function linkChecks(db: CatalogDb, urls: readonly string[]): Promise<Map<string, LinkCheck>> {
  if (urls.length === 0) return new Map();
  const rows = await db.selectFrom('catalog_link_checks').selectAll().where('url', 'in', [...new Set(urls)]).execute();
  return new Map(rows.map((row) => [row.url, row]));
}

export async function allEntries(db: CatalogDb): Promise<Entry[]> {
  return db.selectFrom('catalog_entries').selectAll().orderBy('kind').orderBy('sort_key').orderBy('id').execute();
}
