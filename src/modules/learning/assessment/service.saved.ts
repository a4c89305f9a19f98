import type { SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { deleteAllOf, deleteOwn, findOwn, insertSaved, keepNewest, lockPerson, savedAssessmentsDb, savedOf, touchSaved, type SavedRow } from './repo.saved.ts';
import { profile, type AreaProfile } from './scoring.ts';
import { decodeState, encodeState, type AssessmentState } from './state.ts';

/*
 * Keeping a self-assessment result, for a person with an account who asks for it with the button on the
 * result page; nothing is kept otherwise. What is kept serves that person alone: no recommendation is sent
 * from it, no figure is counted from it, nobody else reads it. It is their own act on their own data, like
 * keeping a draft, so it needs no consent record and no audit record beyond the row itself.
 */

/** How many results a person keeps; saving one more lets the oldest go, and the pages say so. */
export const savedLimit = 10;

export interface SavedResult {
  id: string;
  savedAt: Date;
  state: AssessmentState;
  profiles: AreaProfile[];
}

function opened(row: SavedRow): SavedResult | undefined {
  const state = decodeState(row.answers);
  return state && { id: row.id, savedAt: row.created_at, state, profiles: profile(state.answers) };
}

export type SaveResult = { ok: true; id: string; dropped: number };

/**
 * Saves the result for the person. The same answers as their newest saved result (a second click, the
 * back button and the button again) keep that one entry with the new date, rather than a copy.
 */
export async function saveResult(ctx: KernelContext, actor: SignedIn, state: AssessmentState, now = new Date()): Promise<SaveResult> {
  const answers = encodeState(state);
  return ctx.db.transaction().execute(async (trx) => {
    const db = savedAssessmentsDb(trx);
    await lockPerson(db, actor.userId);
    const newest = (await savedOf(db, actor.userId))[0];
    const row = newest?.answers === answers ? await touchSaved(db, newest.id, now) : await insertSaved(db, actor.userId, answers, now);
    const dropped = await keepNewest(db, actor.userId, savedLimit);
    return { ok: true, id: row.id, dropped };
  });
}

/**
 * The person's saved results, newest first. A row written by a later version of the pages that this one
 * cannot read is left out of the list; it is still in the data download and goes with "delete all".
 */
export async function savedResults(ctx: KernelContext, actor: SignedIn): Promise<SavedResult[]> {
  return (await savedOf(savedAssessmentsDb(ctx.db), actor.userId)).flatMap((row) => opened(row) ?? []);
}

/** One of the person's saved results; another person's is not found, whoever asks. */
export async function savedResult(ctx: KernelContext, actor: SignedIn, id: string): Promise<SavedResult | undefined> {
  const row = await findOwn(savedAssessmentsDb(ctx.db), actor.userId, id);
  return row && opened(row);
}

export async function deleteSavedResult(ctx: KernelContext, actor: SignedIn, id: string): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
  return (await deleteOwn(savedAssessmentsDb(ctx.db), actor.userId, id)) ? { ok: true } : { ok: false, reason: 'not-found' };
}

export async function deleteAllSavedResults(ctx: KernelContext, actor: SignedIn): Promise<number> {
  return deleteAllOf(savedAssessmentsDb(ctx.db), actor.userId);
}
