import { sql } from 'kysely';
import { newLinkKey, presentedKeyHash } from '#kernel/auth/link-keys.ts';
import type { InitiativesDb } from '../repo.ts';

/*
 * What the maintenance pages read and write besides the events: the link keys, the maintainers of an entry,
 * its feeds. No access checks here: the service decides who may reach an entry.
 */

/** A new link key for a maintainer: only its hash is kept, so the key exists in the one mail that carries it. */
export async function issueEditKey(db: InitiativesDb, initiativeId: string, maintainerId: string, expiresAt: Date): Promise<string> {
  const { key, hash } = newLinkKey();
  await db.insertInto('initiative_keys').values({ key_hash: hash, initiative_id: initiativeId, maintainer_id: maintainerId, purpose: 'edit', expires_at: expiresAt }).execute();
  return key;
}

/** The maintainer and entry an edit key opens now, if it is one, not expired, of an active maintainer of a published entry. */
export async function openEditKey(db: InitiativesDb, key: string, now: Date) {
  const hash = presentedKeyHash(key);
  if (!hash) return undefined;
  return db
    .selectFrom('initiative_keys as k')
    .innerJoin('initiative_maintainers as m', 'm.id', 'k.maintainer_id')
    .innerJoin('initiatives as i', 'i.id', 'k.initiative_id')
    .select(['k.initiative_id as initiativeId', 'k.maintainer_id as maintainerId', 'k.expires_at as expiresAt', 'i.name as initiativeName', 'm.user_id as userId'])
    .where('k.key_hash', '=', hash)
    .where('k.purpose', '=', 'edit')
    .where('k.expires_at', '>', now)
    .where('m.status', '=', 'active')
    .whereRef('m.initiative_id', '=', 'k.initiative_id')
    .where('i.status', '=', 'published')
    .executeTakeFirst();
}

/** Active maintainers with this address, each with their published entry: whom a requested link goes to. */
export async function activeMaintainersByEmail(db: InitiativesDb, email: string) {
  return db
    .selectFrom('initiative_maintainers as m')
    .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
    .select(['m.id as maintainerId', 'm.name as maintainerName', 'i.id as initiativeId', 'i.name as initiativeName', 'i.language'])
    .where(sql<boolean>`lower(m.email) = ${email.toLowerCase()}`)
    .where('m.status', '=', 'active')
    .where('i.status', '=', 'published')
    .orderBy('i.name')
    .execute();
}

/** The maintainer row through which a person reaches the entry: by id (a link's grant) or by account. */
export async function activeMaintainer(db: InitiativesDb, initiativeId: string, by: { maintainerId: string } | { userId: string }) {
  return db
    .selectFrom('initiative_maintainers as m')
    .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
    .selectAll('m')
    .where('m.initiative_id', '=', initiativeId)
    .where('m.status', '=', 'active')
    .where('i.status', '=', 'published')
    .$if('maintainerId' in by, (q) => q.where('m.id', '=', (by as { maintainerId: string }).maintainerId))
    .$if('userId' in by, (q) => q.where('m.user_id', '=', (by as { userId: string }).userId))
    .executeTakeFirst();
}

/** The published entries an account keeps, for "Meine Initiativen". */
export async function initiativesOfUser(db: InitiativesDb, userId: string) {
  return db
    .selectFrom('initiative_maintainers as m')
    .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
    .select(['i.id', 'i.name', 'i.slug', 'i.confirmed_current_at'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .where('i.status', '=', 'published')
    .orderBy('i.name')
    .execute();
}

export async function maintainersOf(db: InitiativesDb, initiativeId: string) {
  return db.selectFrom('initiative_maintainers').selectAll().where('initiative_id', '=', initiativeId).where('status', '<>', 'removed').orderBy('created_at').execute();
}

export async function feedsOf(db: InitiativesDb, initiativeId: string) {
  return db.selectFrom('initiative_feeds').selectAll().where('initiative_id', '=', initiativeId).orderBy('created_at').execute();
}

/** The events entered on these pages (not imported from a feed), newest first. */
export async function directEventsOf(db: InitiativesDb, initiativeId: string) {
  return db.selectFrom('initiative_events').selectAll().where('initiative_id', '=', initiativeId).where('feed_id', 'is', null).orderBy('starts_at', 'desc').limit(200).execute();
}

export async function findDirectEvent(db: InitiativesDb, initiativeId: string, eventId: string) {
  return db.selectFrom('initiative_events').selectAll().where('id', '=', eventId).where('initiative_id', '=', initiativeId).where('feed_id', 'is', null).executeTakeFirst();
}

/** Published entries not confirmed since `staleBefore` whose maintainers were not asked since `askedBefore` nor since the entry was last confirmed. */
export async function entriesToAsk(db: InitiativesDb, staleBefore: Date, askedBefore: Date) {
  return db
    .selectFrom('initiatives')
    .select(['id', 'name', 'language'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('confirmed_current_at', 'is', null), eb('confirmed_current_at', '<', staleBefore)]))
    .where((eb) => eb.or([eb('confirm_requested_at', 'is', null), eb('confirm_requested_at', '<', askedBefore), eb('confirm_requested_at', '<', eb.ref('confirmed_current_at'))]))
    .orderBy('confirmed_current_at')
    .limit(500)
    .execute();
}

export async function activeMaintainersOf(db: InitiativesDb, initiativeId: string) {
  return db.selectFrom('initiative_maintainers').select(['id', 'name', 'email']).where('initiative_id', '=', initiativeId).where('status', '=', 'active').where('email', 'is not', null).execute();
}
