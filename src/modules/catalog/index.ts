/*
 * What other modules may use of the catalogue: the events it publishes. Everything else in this folder is
 * its own business.
 */
export { servicePublished } from './events.ts';
