/*
 * What other modules may use of the site: the platform-wide search over every module's search sources.
 * Everything else in this folder is its own business.
 */
export { searchEverywhere, type SearchOptions, type SearchResults } from './search.ts';
