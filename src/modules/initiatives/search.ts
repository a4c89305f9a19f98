import type { Db, Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { SearchDocument, SearchSource } from '#kernel/module.ts';
import { putSearchDocuments, removeSearchDocuments } from '#kernel/search/index.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { initiativesDb, type InitiativesDb } from './repo.ts';
import { districts, isDistrict, type Domain } from './vocabulary.ts';

/*
 * Initiatives, their upcoming events and the city's resources in the platform-wide search, so that
 * "Repair Café" or "Lastenrad" on the home page finds them beside the services. Only what the public pages
 * show, and never a contact person: a name typed into the search must not find anyone.
 */

export const domainFacet = 'bereich';

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');
const domainValues = (domains: readonly string[]) => domains.map((domain) => ({ value: domain, label: de.domains[domain as Domain], translations: { en: en.domains[domain as Domain] } }));
const districtWords = (keys: readonly string[]) => keys.filter(isDistrict).map((key) => districts[key].name);

async function initiativeDocuments(db: InitiativesDb, ids?: readonly string[]): Promise<SearchDocument[]> {
  let query = db.selectFrom('initiatives').select(['id', 'slug', 'name', 'summary', 'description', 'domains', 'districts', 'meeting_times', 'address', 'updated_at']).where('status', '=', 'published');
  if (ids) query = query.where('id', 'in', ids);
  return (await query.execute()).map((row) => ({
    type: 'initiative',
    id: `initiative-${row.id}`,
    language: 'de',
    url: `/initiativen/${row.slug}`,
    title: row.name,
    summary: row.summary,
    body: join(row.description, row.meeting_times, row.address, ...districtWords(row.districts)),
    keywords: row.domains.map((domain) => de.domains[domain]),
    facets: { [domainFacet]: domainValues(row.domains) },
    updatedAt: row.updated_at,
  }));
}

/** Published events of published initiatives that still have a date ahead. */
async function eventDocuments(db: InitiativesDb, initiativeIds?: readonly string[]): Promise<SearchDocument[]> {
  let query = db
    .selectFrom('initiative_events as e')
    .innerJoin('initiatives as i', 'i.id', 'e.initiative_id')
    .select(['e.id', 'e.title', 'e.description', 'e.location', 'e.updated_at', 'i.name as initiative', 'i.domains'])
    .where('e.status', '=', 'published')
    .where('i.status', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('initiative_event_occurrences as o').select('o.event_id').whereRef('o.event_id', '=', 'e.id').where('o.ends_at', '>', new Date())));
  if (initiativeIds) query = query.where('i.id', 'in', initiativeIds);
  return (await query.execute()).map((row) => ({
    type: 'initiative-event',
    id: `event-${row.id}`,
    language: 'de',
    url: `/initiativen/termine/${row.id}`,
    title: row.title,
    summary: de.search.eventOf.replace('{{name}}', row.initiative),
    body: join(row.description, row.location),
    facets: { [domainFacet]: domainValues(row.domains) },
    updatedAt: row.updated_at,
  }));
}

async function resourceDocuments(db: InitiativesDb, ids?: readonly string[]): Promise<SearchDocument[]> {
  let query = db.selectFrom('initiative_resources').select(['id', 'slug', 'title', 'summary', 'description', 'kind', 'location', 'domains', 'updated_at']).where('active', '=', true);
  if (ids) query = query.where('id', 'in', ids);
  return (await query.execute()).map((row) => ({
    type: 'initiative-resource',
    id: `resource-${row.id}`,
    language: 'de',
    url: `/initiativen/ressourcen/${row.slug}`,
    title: row.title,
    summary: row.summary,
    body: join(row.description, row.location),
    keywords: [de.resourceKinds[row.kind]],
    facets: { [domainFacet]: domainValues(row.domains) },
    updatedAt: row.updated_at,
  }));
}

export const initiativesSearch: SearchSource = {
  version: 1,
  types: [
    { type: 'initiative', label: 'initiatives:search.types.initiative', weight: 1.2 },
    { type: 'initiative-event', label: 'initiatives:search.types.event', weight: 0.8 },
    { type: 'initiative-resource', label: 'initiatives:search.types.resource', weight: 1 },
  ],
  facets: [{ name: domainFacet, label: 'initiatives:search.facets.domain' }],
  thesaurus: {
    entries: [
      { say: ['verein', 'vereine', 'ehrenamt', 'engagement'], means: ['initiative'] },
      { say: ['repaircafe', 'repair cafe', 'reparaturcafe'], means: ['repair', 'reparieren'] },
    ],
  },
  documents: async (db: Db) => {
    const hub = initiativesDb(db);
    return [...(await initiativeDocuments(hub)), ...(await eventDocuments(hub)), ...(await resourceDocuments(hub))];
  },
};

const source = { id: 'initiatives', search: initiativesSearch };

/**
 * Puts an initiative's documents and its events' in step with them, in the transaction of the change: a
 * published entry and its events with dates ahead are found; anything else of it is not.
 */
export async function reindexInitiative(trx: Executor<KernelTables>, initiativeId: string): Promise<void> {
  const db = initiativesDb(trx);
  const eventIds = (await db.selectFrom('initiative_events').select('id').where('initiative_id', '=', initiativeId).execute()).map((row) => `event-${row.id}`);
  await removeSearchDocuments(trx, source, [`initiative-${initiativeId}`, ...eventIds]);
  const documents = [...(await initiativeDocuments(db, [initiativeId])), ...(await eventDocuments(db, [initiativeId]))];
  if (documents.length > 0) await putSearchDocuments(trx, source, documents);
}

export async function reindexResource(trx: Executor<KernelTables>, resourceId: string): Promise<void> {
  await removeSearchDocuments(trx, source, [`resource-${resourceId}`]);
  const documents = await resourceDocuments(initiativesDb(trx), [resourceId]);
  if (documents.length > 0) await putSearchDocuments(trx, source, documents);
}
