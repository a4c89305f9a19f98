import { sql, type Insertable, type Selectable } from 'kysely';
import { newLinkKey, presentedKeyHash } from '#kernel/auth/link-keys.ts';
import type { InitiativesDb } from '../repo.ts';
import type { InitiativeRow, InitiativesTables, KeyPurpose } from '../tables.ts';

/*
 * What proposing and moderating read and write: the entry, its maintainers, and the keys of the links
 * mailed to them (only their hashes are kept).
 */

export type MaintainerRow = Selectable<InitiativesTables['initiative_maintainers']>;

/** A slug no entry has: the name's own, else with -2, -3 … */
export async function freeSlug(db: InitiativesDb, base: string): Promise<string> {
  const taken = await db
    .selectFrom('initiatives')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  const slugs = new Set(taken.map((row) => row.slug));
  if (!slugs.has(base)) return base;
  for (let n = 2; ; n += 1) if (!slugs.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function insertInitiative(db: InitiativesDb, values: Insertable<InitiativesTables['initiatives']>): Promise<InitiativeRow> {
  return db.insertInto('initiatives').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertMaintainer(db: InitiativesDb, values: Insertable<InitiativesTables['initiative_maintainers']>) {
  return db.insertInto('initiative_maintainers').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findInitiative(db: InitiativesDb, id: string): Promise<InitiativeRow | undefined> {
  return db.selectFrom('initiatives').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockInitiative(db: InitiativesDb, id: string): Promise<InitiativeRow | undefined> {
  return db.selectFrom('initiatives').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateInitiative(db: InitiativesDb, id: string, values: Partial<Insertable<InitiativesTables['initiatives']>>, now: Date): Promise<void> {
  await db
    .updateTable('initiatives')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function maintainersOf(db: InitiativesDb, initiativeId: string) {
  return db.selectFrom('initiative_maintainers').selectAll().where('initiative_id', '=', initiativeId).where('status', '<>', 'removed').orderBy('created_at').execute();
}

export async function findMaintainer(db: InitiativesDb, id: string) {
  return db.selectFrom('initiative_maintainers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setMaintainer(db: InitiativesDb, id: string, values: Partial<Insertable<InitiativesTables['initiative_maintainers']>>): Promise<void> {
  await db.updateTable('initiative_maintainers').set(values).where('id', '=', id).execute();
}

/** The maintainers waiting for a new entry to go live become active with it. */
export async function activatePendingMaintainers(db: InitiativesDb, initiativeId: string, now: Date) {
  return db
    .updateTable('initiative_maintainers')
    .set({ status: 'active', approved_at: now })
    .where('initiative_id', '=', initiativeId)
    .where('status', '=', 'pending')
    .where('email_confirmed_at', 'is not', null)
    .returning(['id', 'email'])
    .execute();
}

/**
 * A new key for a link, made when the mail carrying it is sent: only its hash is kept, so the key exists
 * in that one mail. Returns the key for the link.
 */
export async function issueKey(db: InitiativesDb, input: { initiativeId: string; maintainerId: string | null; purpose: KeyPurpose; validForMs: number }, now = new Date()): Promise<string> {
  const { key, hash } = newLinkKey();
  await db
    .insertInto('initiative_keys')
    .values({ key_hash: hash, initiative_id: input.initiativeId, maintainer_id: input.maintainerId, purpose: input.purpose, expires_at: new Date(now.getTime() + input.validForMs) })
    .execute();
  return key;
}

/** The key's row when it was made for this entry and purpose and has not expired. */
export async function keyFor(db: InitiativesDb, initiativeId: string, key: string, purpose: KeyPurpose, now = new Date()) {
  const hash = presentedKeyHash(key);
  if (!hash) return undefined;
  return db
    .selectFrom('initiative_keys')
    .select(['initiative_id', 'maintainer_id', 'expires_at'])
    .where('key_hash', '=', hash)
    .where('initiative_id', '=', initiativeId)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Once a link has done its work it opens nothing more. */
export async function dropKeys(db: InitiativesDb, initiativeId: string, purpose: KeyPurpose): Promise<void> {
  await db.deleteFrom('initiative_keys').where('initiative_id', '=', initiativeId).where('purpose', '=', purpose).execute();
}

/** The address the entry's mails go to: its maintainers with a confirmed address, else the proposer. */
export async function recipientsOf(db: InitiativesDb, initiativeId: string) {
  const rows = await db
    .selectFrom('initiative_maintainers')
    .select(['id', 'name', 'email', 'email_confirmed_at'])
    .where('initiative_id', '=', initiativeId)
    .where('status', '<>', 'removed')
    .where('email', 'is not', null)
    .orderBy('created_at')
    .execute();
  const confirmed = rows.filter((row) => row.email_confirmed_at !== null);
  return (confirmed.length > 0 ? confirmed : rows).map((row) => ({ id: row.id, name: row.name, email: row.email! }));
}

export const epoch = sql<Date>`'epoch'::timestamptz`;
