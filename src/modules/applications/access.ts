import { createHash, timingSafeEqual } from 'node:crypto';
import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import type { CaseRow, DraftRow } from './tables.ts';

/*
 * Who may continue a draft or follow a case as its applicant: the account that started it, the member of
 * staff who enters it for someone, or the browser that holds its secret (a guest's cookie, scoped to the
 * draft's address, or the resume link sent by e-mail). Staff handling cases go through the back office's
 * own checks, never through these.
 */

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string | undefined, hash: string | null): boolean {
  if (!secret || !hash) return false;
  const given = Buffer.from(hashSecret(secret), 'hex');
  const kept = Buffer.from(hash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

export function mayOpenDraft(actor: Actor, draft: Pick<DraftRow, 'user_id' | 'entered_by' | 'secret_hash'>, secret: string | undefined): boolean {
  if (isSignedIn(actor) && draft.entered_by === actor.userId) return true;
  if (isSignedIn(actor) && !draft.entered_by && draft.user_id === actor.userId) return true;
  return secretMatches(secret, draft.secret_hash);
}

/** The applicant's own view of a case: their account, or the guest's browser that sent it. */
export function mayFollowCase(actor: Actor, made: Pick<CaseRow, 'user_id' | 'secret_hash'>, secret: string | undefined): boolean {
  if (isSignedIn(actor) && made.user_id === actor.userId) return true;
  return secretMatches(secret, made.secret_hash);
}
