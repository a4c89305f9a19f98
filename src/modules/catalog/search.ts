import type { Db } from '#kernel/db/database.ts';
import type { SearchDocument, SearchFacetValue, SearchSource } from '#kernel/module.ts';
import { catalogDb, type CatalogDb } from './repo.ts';
import { allPublished, type PublishedEntry } from './repo.search.ts';
import type { OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import { fillerWords, synonyms } from './synonyms.ts';
import type { EntryKind } from './tables.ts';

/** Facet names as they appear in the search address (`/suche?q=…&lebenslage=umzug`). */
export const situationFacet = 'lebenslage';
export const officeFacet = 'dienststelle';

/** Where citizens find an entry of each kind. */
export const publicPath: Record<EntryKind, string> = { service: '/leistungen', office: '/dienststellen', situation: '/lebenslagen' };

const join = (...parts: (string | readonly string[])[]) => parts.flat().filter(Boolean).join('\n');

/** A published office or life situation as a facet value: its address and its title, in English where it has one. */
export function facetValue(entry: PublishedEntry): SearchFacetValue {
  const english = entry.published.en?.title;
  return { value: entry.published.slug, label: entry.published.title, ...(english ? { translations: { en: english } } : {}) };
}

/**
 * What of an entry the search reads: the citizen-facing sections, never editorial data. `facets` holds the
 * published offices and life situations by id, for the facet values of the entry.
 */
export function documentFor(entry: PublishedEntry, facets: ReadonlyMap<string, PublishedEntry>): SearchDocument {
  const content = entry.published;
  const valuesOf = (ids: readonly string[]) => ids.flatMap((id) => (facets.has(id) ? [facetValue(facets.get(id)!)] : []));
  const base = { type: entry.kind, id: entry.id, language: 'de' as const, url: `${publicPath[entry.kind]}/${content.slug}`, title: content.title, summary: content.summary, updatedAt: entry.published_at ?? undefined };
  switch (entry.kind) {
    case 'service': {
      const service = content as ServiceContent;
      return {
        ...base,
        synonyms: service.synonyms,
        keywords: service.keywords,
        body: join(service.description, service.eligibility, service.requirements, service.documents, service.feesNote, service.deadlines, service.processingTime, service.legalBasis, service.notes),
        facets: { [situationFacet]: valuesOf(service.lifeSituationIds), [officeFacet]: valuesOf(service.officeId ? [service.officeId] : []) },
      };
    }
    case 'office': {
      const office = content as OfficeContent;
      // The office is tagged with itself, so its page is found beside its services.
      return { ...base, body: join(office.description, `${office.street}, ${office.postalCode} ${office.city}`, office.hoursNote), facets: { [officeFacet]: [facetValue(entry)] } };
    }
    case 'situation': {
      const situation = content as SituationContent;
      return { ...base, body: join(situation.description, situation.tips), facets: { [situationFacet]: [facetValue(entry)] } };
    }
  }
}

/** The published offices and life situations among the entries, by id: the facet values they offer. */
export function facetEntries(entries: readonly PublishedEntry[]): Map<string, PublishedEntry> {
  return new Map(entries.filter((entry) => entry.kind !== 'service').map((entry) => [entry.id, entry]));
}

/** Every published entry as a search document, for a rebuild. */
export async function catalogDocuments(db: CatalogDb): Promise<SearchDocument[]> {
  const entries = await allPublished(db);
  const facets = facetEntries(entries);
  return entries.map((entry) => documentFor(entry, facets));
}

/**
 * The catalogue's part of the platform search: services, offices and life situations. Services weigh
 * most, so that for "Hundesteuer" the service comes before a news item about it.
 */
export const catalogSearch: SearchSource = {
  // 2: the documents moved from the catalogue's own table into the kernel's.
  version: 2,
  types: [
    { type: 'service', label: 'catalog:search.types.service', weight: 2 },
    { type: 'situation', label: 'catalog:search.types.situation', weight: 1.6 },
    { type: 'office', label: 'catalog:search.types.office', weight: 1.3 },
  ],
  facets: [
    { name: situationFacet, label: 'catalog:search.facets.situation' },
    { name: officeFacet, label: 'catalog:search.facets.office' },
  ],
  thesaurus: { entries: synonyms, fillerWords },
  documents: (db: Db) => catalogDocuments(catalogDb(db)),
};
