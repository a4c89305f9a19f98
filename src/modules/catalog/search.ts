import type { Db } from '#kernel/db/database.ts';
import type { SearchFacetValue, SearchHit, SearchSource } from '#kernel/module.ts';
import { searchWords, splitHighlights } from '#kernel/search.ts';
import { catalogDb, publishedByIds } from './repo.ts';
import { checkWords, headlines, minimumSimilarity, searchIndex } from './repo.search.ts';
import { isThesaurusWord } from './search.query.ts';

/** Facet names as they appear in the search address (`/suche?q=…&lebenslage=umzug`). */
export const situationFacet = 'lebenslage';
export const officeFacet = 'dienststelle';

/** Labels and slugs of the life situations and offices the hits refer to, in one query. */
async function facetValues(db: Db, ids: readonly string[]): Promise<Map<string, SearchFacetValue>> {
  const entries = await publishedByIds(catalogDb(db), ids);
  return new Map(entries.map((entry) => [entry.id, { value: entry.published!.slug, label: entry.published!.title }]));
}

async function search(db: Db, request: { text: string; limit: number }): Promise<SearchHit[]> {
  if (searchWords(request.text).length === 0) return [];
  const rows = await searchIndex(catalogDb(db), request.text, request.limit);
  const values = await facetValues(db, [...new Set(rows.flatMap((row) => [...row.situation_ids, ...row.office_ids]))]);
  const pick = (ids: string[]) => ids.flatMap((id) => (values.has(id) ? [values.get(id)!] : []));
  return rows.map((row) => ({
    type: row.kind,
    id: row.entry_id,
    title: row.title,
    summary: row.summary,
    url: row.url,
    score: row.score,
    lang: 'de',
    facets: { [situationFacet]: pick(row.situation_ids), [officeFacet]: pick(row.office_ids) },
  }));
}

/**
 * The catalogue's part of the platform search: services, offices and life situations. Services weigh
 * most, so that for "Hundesteuer" the service comes before a news item about it.
 */
export const catalogSearch: SearchSource = {
  types: [
    { type: 'service', label: 'catalog:search.types.service', weight: 2 },
    { type: 'situation', label: 'catalog:search.types.situation', weight: 1.6 },
    { type: 'office', label: 'catalog:search.types.office', weight: 1.3 },
  ],
  facets: [
    { name: situationFacet, label: 'catalog:search.facets.situation' },
    { name: officeFacet, label: 'catalog:search.facets.office' },
  ],
  search,
  async highlight(db, request, ids) {
    if (searchWords(request.text).length === 0) return new Map();
    const rows = await headlines(catalogDb(db), request.text, ids);
    return new Map([...rows].map(([id, headline]) => [id, splitHighlights(headline)]));
  },
  async spell(db, words) {
    const safe = words.filter((word) => searchWords(word).length === 1 && searchWords(word)[0] === word);
    const rows = await checkWords(catalogDb(db), safe);
    return rows.map((row) => ({
      word: row.word,
      // Words the thesaurus understands ("card", "dog") are not misspelt because no German text contains them.
      known: row.known || isThesaurusWord(row.word),
      suggestion: row.suggestion && row.similarity !== null && row.similarity >= minimumSimilarity ? { word: row.suggestion, similarity: row.similarity } : undefined,
    }));
  },
};
