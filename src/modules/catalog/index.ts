/*
 * What other modules may use of the catalogue: the events it publishes, and published services and offices
 * as citizens see them (an application form takes its fees, documents and receiving office from there).
 * Everything else in this folder is its own business.
 */
export { servicePublished } from './events.ts';
export { publishedOffice, publishedService, type OfficeView, type ServiceView } from './service.public.ts';
export { berlinInstant, berlinTime, hoursOn } from './hours.ts';
