import { sql } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { SavedAssessmentsTables } from './tables.ts';

export type SavedAssessmentsDb = Executor<KernelTables & SavedAssessmentsTables>;

export function savedAssessmentsDb(db: Executor<KernelTables>): SavedAssessmentsDb {
  return db.withTables<SavedAssessmentsTables>();
}

export interface SavedRow {
  id: string;
  answers: string;
  created_at: Date;
}

/** One person's saves go one after the other, so a double click and the cap see each other's rows. */
export async function lockPerson(db: SavedAssessmentsDb, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`learning.saved-assessments:${userId}`}))`.execute(db);
}

/** A person's saved results, newest first. */
export async function savedOf(db: SavedAssessmentsDb, userId: string): Promise<SavedRow[]> {
  return db.selectFrom('learning_saved_assessments').select(['id', 'answers', 'created_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** One saved result, only when it is the person's own. */
export async function findOwn(db: SavedAssessmentsDb, userId: string, id: string): Promise<SavedRow | undefined> {
  return db.selectFrom('learning_saved_assessments').select(['id', 'answers', 'created_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertSaved(db: SavedAssessmentsDb, userId: string, answers: string, now: Date): Promise<SavedRow> {
  return db.insertInto('learning_saved_assessments').values({ user_id: userId, answers, created_at: now }).returning(['id', 'answers', 'created_at']).executeTakeFirstOrThrow();
}

export async function touchSaved(db: SavedAssessmentsDb, id: string, now: Date): Promise<SavedRow> {
  return db.updateTable('learning_saved_assessments').set({ created_at: now }).where('id', '=', id).returning(['id', 'answers', 'created_at']).executeTakeFirstOrThrow();
}

/** Deletes all but the person's newest `keep` results; returns how many went. */
export async function keepNewest(db: SavedAssessmentsDb, userId: string, keep: number): Promise<number> {
  const newest = db.selectFrom('learning_saved_assessments').select('id').where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(keep);
  const gone = await db.deleteFrom('learning_saved_assessments').where('user_id', '=', userId).where('id', 'not in', newest).executeTakeFirst();
  return Number(gone.numDeletedRows);
}

export async function deleteOwn(db: SavedAssessmentsDb, userId: string, id: string): Promise<boolean> {
  const gone = await db.deleteFrom('learning_saved_assessments').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(gone.numDeletedRows) > 0;
}

export async function deleteAllOf(db: SavedAssessmentsDb, userId: string): Promise<number> {
  const gone = await db.deleteFrom('learning_saved_assessments').where('user_id', '=', userId).executeTakeFirst();
  return Number(gone.numDeletedRows);
}

export async function deleteSavedBefore(db: SavedAssessmentsDb, cutoff: Date): Promise<number> {
  const gone = await db.deleteFrom('learning_saved_assessments').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(gone.numDeletedRows);
}
