import type { RetentionRule } from '../module.ts';
import { purgeEventsBefore } from './repo.ts';
import type { EventTables } from './tables.ts';

/**
 * Long enough for every delivery to have run, failed, waited a week in the back office and been replayed;
 * payloads may name a person (an account id), so they do not stay for good.
 */
export const eventsKeptDays = 30;

export const eventRetention: RetentionRule = {
  id: 'kernel.events',
  description: 'kernel:retention.events',
  descriptionValues: () => ({ days: eventsKeptDays }),
  table: 'events',
  columns: ['payload'],
  purge: (db, now) => purgeEventsBefore(db.withTables<EventTables>(), new Date(now.getTime() - eventsKeptDays * 86_400_000)),
};
