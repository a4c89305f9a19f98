import { newLinkKey, presentedKeyHash } from '#kernel/auth/link-keys.ts';
import type { AppointmentsDb } from './repo.ts';

export type KeyPurpose = 'confirm' | 'manage';

/**
 * A new key for a link to the booking, made when the message carrying it is sent: only its hash is kept,
 * so the key exists in that one message and nowhere else. Returns the key for the link.
 */
export async function issueKey(db: AppointmentsDb, bookingId: string, purpose: KeyPurpose): Promise<string> {
  const { key, hash } = newLinkKey();
  await db.insertInto('appointment_booking_keys').values({ key_hash: hash, booking_id: bookingId, purpose }).execute();
  return key;
}

/** Whether the key was made for this booking and this purpose. */
export async function keyOpens(db: AppointmentsDb, bookingId: string, key: string, purpose: KeyPurpose): Promise<boolean> {
  const hash = presentedKeyHash(key);
  if (!hash) return false;
  const found = await db
    .selectFrom('appointment_booking_keys')
    .select('purpose')
    .where('key_hash', '=', hash)
    .where('booking_id', '=', bookingId)
    .executeTakeFirst();
  return found?.purpose === purpose;
}

/**
 * The booking a key opens now: a moved booking takes its keys along, so the link in an older mail (which
 * names the booking it was sent for) still opens the booking it became.
 */
export async function bookingOfKey(db: AppointmentsDb, key: string, purpose: KeyPurpose): Promise<string | undefined> {
  const hash = presentedKeyHash(key);
  if (!hash) return undefined;
  const found = await db.selectFrom('appointment_booking_keys').select('booking_id').where('key_hash', '=', hash).where('purpose', '=', purpose).executeTakeFirst();
  return found?.booking_id;
}

/** Link paths a message carries: GET shows a page that asks before anything changes (mail scanners follow links). */
export const confirmPath = (bookingId: string, key: string) => `/termine/buchung/${bookingId}/bestaetigen/${key}`;
export const managePath = (bookingId: string, key: string) => `/termine/buchung/${bookingId}/verwalten/${key}`;
