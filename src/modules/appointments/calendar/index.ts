/*
 * The slot engine: pure functions over what the appointments module reads from its tables and the catalogue.
 */
export { freeSlots, nextFreeDays, MAX_FREE_DAYS, type FreeDay, type FreeSlots, type NextFreeDays } from './slots.ts';
export { DEFAULT_MAX_PERSONS, roundUpToGrid } from './duration.ts';
export { bookingWindow } from './window.ts';
export type * from './types.ts';
