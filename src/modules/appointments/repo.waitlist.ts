import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import { newLinkKey, presentedKeyHash } from '#kernel/auth/link-keys.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { AppointmentTables, BookedService } from './repo.ts';

export type WaitlistStatus = 'unconfirmed' | 'waiting' | 'offered' | 'booked' | 'lapsed' | 'left' | 'ended';
export type WaitlistKeyPurpose = 'confirm' | 'leave';

/** Statuses of an entry that still stands: they count towards the limit per address. */
export const standingStatuses: readonly WaitlistStatus[] = ['unconfirmed', 'waiting', 'offered'];

export type WaitlistTables = {
  appointment_waitlist: {
    id: Generated<string>;
    location_id: string;
    services: ColumnType<BookedService[], string, string>;
    // Read through `to_char` (below), so a day is always the string 'YYYY-MM-DD'.
    from_day: ColumnType<string, string, string>;
    to_day: ColumnType<string, string, string>;
    name: string | null;
    email: string | null;
    language: Generated<'de' | 'en'>;
    user_id: string | null;
    status: Generated<WaitlistStatus>;
    confirmed_at: Date | null;
    offered_at: Date | null;
    booking_id: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  appointment_waitlist_keys: {
    key_hash: string;
    entry_id: string;
    purpose: WaitlistKeyPurpose;
    created_at: Generated<Date>;
  };
};

export type WaitlistDb = Executor<KernelTables & AppointmentTables & WaitlistTables>;
export type WaitlistEntry = Selectable<WaitlistTables['appointment_waitlist']>;

export function waitlistDb(db: Executor<KernelTables>): WaitlistDb {
  return db.withTables<AppointmentTables & WaitlistTables>();
}

const entryColumns = [
  'id',
  'location_id',
  'services',
  sql<string>`to_char(from_day, 'YYYY-MM-DD')`.as('from_day'),
  sql<string>`to_char(to_day, 'YYYY-MM-DD')`.as('to_day'),
  'name',
  'email',
  'language',
  'user_id',
  'status',
  'confirmed_at',
  'offered_at',
  'booking_id',
  'created_at',
  'updated_at',
] as const;

export interface NewEntry {
  locationId: string;
  services: readonly BookedService[];
  fromDay: string;
  toDay: string;
  name: string;
  email: string;
  language: 'de' | 'en';
  userId: string | null;
}

export async function insertEntry(db: WaitlistDb, entry: NewEntry): Promise<WaitlistEntry> {
  const { id } = await db
    .insertInto('appointment_waitlist')
    .values({
      location_id: entry.locationId,
      services: JSON.stringify(entry.services),
      from_day: entry.fromDay,
      to_day: entry.toDay,
      name: entry.name,
      email: entry.email,
      language: entry.language,
      user_id: entry.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findEntry(db, id))!;
}

export async function placeNameOf(db: WaitlistDb, locationId: string): Promise<string | undefined> {
  return (await db.selectFrom('appointment_locations').select('name').where('id', '=', locationId).executeTakeFirst())?.name;
}

export function findEntry(db: WaitlistDb, id: string): Promise<WaitlistEntry | undefined> {
  return db.selectFrom('appointment_waitlist').select(entryColumns).where('id', '=', id).executeTakeFirst();
}

export function lockEntry(db: WaitlistDb, id: string): Promise<WaitlistEntry | undefined> {
  return db.selectFrom('appointment_waitlist').select(entryColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setEntryStatus(db: WaitlistDb, id: string, change: { status: WaitlistStatus; confirmed_at?: Date; offered_at?: Date; booking_id?: string }, now: Date): Promise<void> {
  await db.updateTable('appointment_waitlist').set({ ...change, updated_at: now }).where('id', '=', id).execute();
}

/** Entries under the address that still stand (not yet confirmed, waiting or offered a time). */
export async function standingEntriesOf(db: WaitlistDb, email: string): Promise<number> {
  const row = await db
    .selectFrom('appointment_waitlist')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('status', 'in', [...standingStatuses])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The confirmed entries of a place in line, oldest confirmation first, whose period has not passed. */
export function lineOf(db: WaitlistDb, locationId: string, today: string): Promise<WaitlistEntry[]> {
  return db
    .selectFrom('appointment_waitlist')
    .select(entryColumns)
    .where('location_id', '=', locationId)
    .where('status', '=', 'waiting')
    .where('to_day', '>=', today)
    .orderBy('confirmed_at')
    .orderBy('id')
    .limit(200)
    .execute();
}

/**
 * The entry, locked for the offer about to be made, while it still waits; undefined when it no longer does
 * or another offer is being made to it at this moment (that one has it), so two freed times never go to
 * the same person.
 */
export function lockWaiting(db: WaitlistDb, id: string): Promise<WaitlistEntry | undefined> {
  return db.selectFrom('appointment_waitlist').select(entryColumns).where('id', '=', id).where('status', '=', 'waiting').forUpdate().skipLocked().executeTakeFirst();
}

/** Offers whose held time was confirmed (the booking is made) or ran out, with what became of the booking. */
export function settledOffers(db: WaitlistDb, now: Date) {
  return db
    .selectFrom('appointment_waitlist as w')
    .innerJoin('appointment_bookings as b', 'b.id', 'w.booking_id')
    .select(['w.id', 'b.id as bookingId', 'b.status', 'b.hold_expires_at'])
    .where('w.status', '=', 'offered')
    .where((eb) => eb.or([eb('b.status', 'not in', ['held', 'confirming']), eb('b.hold_expires_at', '<', now)]))
    .limit(500)
    .execute();
}

/** Ends entries whose period has passed, and those never confirmed within a day. */
export async function endStaleEntries(db: WaitlistDb, today: string, now: Date): Promise<number> {
  const unconfirmedUntil = new Date(now.getTime() - 86_400_000);
  const result = await db
    .updateTable('appointment_waitlist')
    .set({ status: 'ended', updated_at: now })
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['unconfirmed', 'waiting']), eb('to_day', '<', today)]),
        eb.and([eb('status', '=', 'unconfirmed'), eb('created_at', '<', unconfirmedUntil)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A new key for a link in a mail about the entry; only its hash is kept. */
export async function issueWaitlistKey(db: WaitlistDb, entryId: string, purpose: WaitlistKeyPurpose): Promise<string> {
  const { key, hash } = newLinkKey();
  await db.insertInto('appointment_waitlist_keys').values({ key_hash: hash, entry_id: entryId, purpose }).execute();
  return key;
}

export async function waitlistKeyOpens(db: WaitlistDb, entryId: string, key: string, purpose: WaitlistKeyPurpose): Promise<boolean> {
  const hash = presentedKeyHash(key);
  if (!hash) return false;
  const found = await db.selectFrom('appointment_waitlist_keys').select('purpose').where('key_hash', '=', hash).where('entry_id', '=', entryId).executeTakeFirst();
  return found?.purpose === purpose;
}

/** Days after an entry ended that it is kept (for questions about an offer), then deleted. */
export const entryKeptDays = 30;

/** Deletes entries that ended (or were left, booked, lapsed) more than `entryKeptDays` ago. */
export async function purgeEntries(db: WaitlistDb, now: Date): Promise<number> {
  const before = new Date(now.getTime() - entryKeptDays * 86_400_000);
  const result = await db.deleteFrom('appointment_waitlist').where('status', 'in', ['booked', 'lapsed', 'left', 'ended']).where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A person's entries as their data download shows them. */
export function entriesOfUser(db: WaitlistDb, userId: string) {
  return db
    .selectFrom('appointment_waitlist as w')
    .innerJoin('appointment_locations as l', 'l.id', 'w.location_id')
    .select(['l.name as place', 'w.services', sql<string>`to_char(w.from_day, 'YYYY-MM-DD')`.as('from_day'), sql<string>`to_char(w.to_day, 'YYYY-MM-DD')`.as('to_day'), 'w.name', 'w.email', 'w.status', 'w.created_at'])
    .where('w.user_id', '=', userId)
    .orderBy('w.created_at')
    .execute();
}

export async function eraseEntriesOf(db: WaitlistDb, userId: string): Promise<void> {
  await db.deleteFrom('appointment_waitlist').where('user_id', '=', userId).execute();
}
