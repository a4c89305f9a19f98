import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { searchDocuments, type SearchOptions, type SearchResults } from '#kernel/search/index.ts';

export { facetNames, foundNothing, typeFacet, type FacetCount, type FacetSummary, type SearchOptions, type SearchResults } from '#kernel/search/index.ts';

/**
 * The search behind `/suche` and the suggestions: every module's documents, through the kernel's search
 * (`kernel/search/README.md`), which ranks, filters, counts facets and pages in one statement.
 */
export function searchEverywhere(ctx: KernelContext, query: string, language: Language, options: SearchOptions = {}): Promise<SearchResults> {
  return searchDocuments(ctx, query, language, options);
}
