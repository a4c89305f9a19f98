import { sql } from 'kysely';
import type { InitiativesDb } from '../repo.ts';

/*
 * The moderators' queue in a few reads: what waits, oldest first, with the moment it started waiting.
 */

const staleAfterDays = 365;

export async function waitingProposals(db: InitiativesDb) {
  return db.selectFrom('initiatives').select(['id', 'name', 'slug', 'submitted_at as since']).where('status', '=', 'submitted').orderBy('submitted_at').orderBy('name').execute();
}

/** Questions asked, since the step that asked them (the entry's last change). */
export async function openQuestions(db: InitiativesDb) {
  return db.selectFrom('initiatives').select(['id', 'name', 'slug', 'updated_at as since']).where('status', '=', 'question').orderBy('updated_at').execute();
}

export async function unreviewedEdits(db: InitiativesDb) {
  return db
    .selectFrom('initiatives')
    .select(['id', 'name', 'slug', 'edited_at as since'])
    .where('status', '=', 'published')
    .where('edited_at', 'is not', null)
    .where(sql<boolean>`edited_at > coalesce(edit_reviewed_at, 'epoch'::timestamptz)`)
    .orderBy('edited_at')
    .execute();
}

export async function pendingMaintainers(db: InitiativesDb) {
  return db
    .selectFrom('initiative_maintainers as m')
    .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
    .select(['m.id', 'm.name', 'm.email', 'm.created_at as since', 'm.email_confirmed_at', 'i.id as initiativeId', 'i.name as initiative'])
    .where('m.status', '=', 'pending')
    .where('i.status', '=', 'published')
    .orderBy('m.created_at')
    .execute();
}

/** Published entries no maintainer has confirmed as current for a year. */
export async function staleEntries(db: InitiativesDb, now: Date) {
  const cutoff = new Date(now.getTime() - staleAfterDays * 86_400_000);
  return db
    .selectFrom('initiatives')
    .select(['id', 'name', 'slug', sql<Date>`coalesce(confirmed_current_at, published_at, created_at)`.as('since')])
    .where('status', '=', 'published')
    .where(sql<boolean>`coalesce(confirmed_current_at, published_at, created_at) < ${cutoff}`)
    .orderBy(sql`coalesce(confirmed_current_at, published_at, created_at)`)
    .execute();
}

export async function heldEventCount(db: InitiativesDb): Promise<number> {
  const row = await db.selectFrom('initiative_events').select((eb) => eb.fn.countAll<string>().as('count')).where('status', '=', 'held').executeTakeFirstOrThrow();
  return Number(row.count);
}

/** An edit was seen: the entry leaves the review list until the next edit. */
export async function markEditReviewed(db: InitiativesDb, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('initiatives').set({ edit_reviewed_at: now }).where('id', '=', id).where('edited_at', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
