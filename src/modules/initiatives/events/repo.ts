import type { Insertable } from 'kysely';
import type { InitiativesDb } from '../repo.ts';
import type { EventRow, InitiativesTables } from '../tables.ts';
import { occurrencesBetween } from './occurrences.ts';

/*
 * Events and their occurrences. The occurrences table holds what the calendar can show: from a month back
 * to `reachDays` ahead; every write of an event writes its occurrences again in the same transaction, and
 * the daily job moves the reach on for recurring events.
 */

export const reachDays = 400;
const pastDays = 31;
const dayMs = 86_400_000;

export type NewEvent = Insertable<InitiativesTables['initiative_events']>;

/** The window the occurrences table covers at `now`. */
export function reachAt(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - pastDays * dayMs), to: new Date(now.getTime() + reachDays * dayMs) };
}

/** Writes the event's occurrences within the reach again (after its times, rule or exclusions changed). */
export async function writeOccurrences(db: InitiativesDb, event: Pick<EventRow, 'id' | 'starts_at' | 'ends_at' | 'all_day' | 'time_zone' | 'rrule' | 'exdates'>, now: Date): Promise<number> {
  await db.deleteFrom('initiative_event_occurrences').where('event_id', '=', event.id).execute();
  const { from, to } = reachAt(now);
  const found = occurrencesBetween({ startsAt: event.starts_at, endsAt: event.ends_at, allDay: event.all_day, timeZone: event.time_zone, rrule: event.rrule, exdates: event.exdates }, from, to);
  if (found.length > 0) {
    await db
      .insertInto('initiative_event_occurrences')
      .values(found.map((o) => ({ event_id: event.id, starts_at: o.startsAt, ends_at: o.endsAt })))
      .execute();
  }
  return found.length;
}

/** Inserts an event with its occurrences; call inside the change's transaction. */
export async function insertEvent(db: InitiativesDb, values: NewEvent, now: Date): Promise<EventRow> {
  const event = await db.insertInto('initiative_events').values(values).returningAll().executeTakeFirstOrThrow();
  await writeOccurrences(db, event, now);
  return event;
}

/** Moves the reach on for every recurring event (the daily job); single events keep their one occurrence. */
export async function rollOccurrences(db: InitiativesDb, now: Date): Promise<number> {
  const recurring = await db.selectFrom('initiative_events').selectAll().where('rrule', 'is not', null).where('status', '<>', 'cancelled').execute();
  let written = 0;
  for (const event of recurring) written += await writeOccurrences(db, event, now);
  await db.deleteFrom('initiative_event_occurrences').where('ends_at', '<', reachAt(now).from).execute();
  return written;
}
