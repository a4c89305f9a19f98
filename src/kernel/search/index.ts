/*
 * The platform's search: every module's documents in one table (`README.md` says how a module adds its own).
 */
export { putSearchDocuments, removeSearchDocuments, typeFacet } from './documents.ts';
export { facetNames, foundNothing, searchDocuments, type FacetCount, type FacetSummary, type SearchOptions, type SearchResults } from './engine.ts';
export { rebuildSearchSource, rebuildStaleSearchSources } from './rebuild.ts';
export { searchWords, splitHighlights, withoutControlCharacters } from './text.ts';
