import type { Db, Trx } from '#kernel/db/database.ts';
import type { SearchDocument, SearchSource } from '#kernel/module.ts';
import { putSearchDocuments, removeSearchDocuments } from '#kernel/search/index.ts';
import { datasetPath } from './addresses.ts';
import type { Dataset } from './model.ts';
import { assembleDatasets, datasetByName } from './service.catalog.ts';
import { datasetRows, opendataDb } from './repo.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

/*
 * Published datasets in the platform-wide search, so that "Ladesäulen" on the home page finds the data as well
 * as the services. Only what the dataset page shows publicly: title, description, keywords, the publishing
 * office and the resources' titles. The portal's own search (`service.search.ts`) stays the place for facets
 * by format and licence.
 */

export const themeFacet = 'thema';

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

/** The search document of a published dataset; German, the language its record is written in first. */
export function documentFor(dataset: Dataset): SearchDocument {
  return {
    type: 'dataset',
    id: dataset.id,
    language: 'de',
    url: datasetPath(dataset.name),
    title: dataset.title,
    // The summary is the description's first paragraph; the rest is body for snippets.
    summary: dataset.description.split(/\n\s*\n/)[0]!.trim(),
    body: join(dataset.description, dataset.organization.title, ...dataset.resources.map((resource) => `${resource.title} (${resource.format})`)),
    keywords: dataset.keywords,
    facets: { [themeFacet]: dataset.themes.map((theme) => ({ value: theme.toLowerCase(), label: de.themes[theme], translations: { en: en.themes[theme] } })) },
    updatedAt: dataset.modifiedAt,
  };
}

async function publishedDocuments(db: Db): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  const pageSize = 500;
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await datasetRows(opendataDb(db), { states: ['active'], offset, limit: pageSize, order: 'name' });
    documents.push(...(await assembleDatasets({ db }, rows)).map(documentFor));
    if (rows.length < pageSize) return documents;
  }
}

export const datasetSearch: SearchSource = {
  version: 1,
  // Below services (2) and offices: someone who types "Hund" wants the dog licence first, the data after it.
  types: [{ type: 'dataset', label: 'opendata:search.types.dataset', weight: 1 }],
  facets: [{ name: themeFacet, label: 'opendata:search.facets.theme' }],
  thesaurus: { entries: [{ say: ['open data', 'offene daten', 'datensatz', 'datensätze'], means: ['daten'] }] },
  documents: publishedDocuments,
};

const source = { id: 'opendata', search: datasetSearch };

/**
 * Puts a dataset's document in step with it, in the transaction of the change: published ones are found,
 * drafts, withdrawn and deleted ones are not.
 */
export async function reindexDataset(trx: Trx, datasetId: string): Promise<void> {
  const dataset = await datasetByName({ db: trx }, datasetId, { drafts: true });
  if (dataset?.state === 'active') await putSearchDocuments(trx, source, [documentFor(dataset)]);
  else await removeSearchDocuments(trx, source, [datasetId]);
}
