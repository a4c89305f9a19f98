import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import type { KernelContext } from '../context.ts';
import { cookieName } from '../http/cookies.ts';
import { HttpProblem } from '../http/problem.ts';
import type { RetentionRule } from '../module.ts';
import { claimSubmission, findOutcome, purgeSubmissionsBefore, recordOutcome, releaseSubmission, type SubmissionKey } from './repo.ts';

/** How long a key's outcome is kept: longer than anyone goes back in a browser and sends a form again. */
export const submissionRetentionHours = 24;
/** How long a repeat waits for the first submit of its key to finish before it is told to look again later. */
const waitMs = 10_000;
const pollMs = 100;

/**
 * Whose key it is: the session, or for a visitor without one the browser (its CSRF cookie, which every
 * form post carries), or a machine client. Hashed, so the table holds neither tokens nor cookies; a key
 * sent from another browser is another key, and no one can collect another person's outcome with it.
 */
function scopeOf(ctx: KernelContext, request: FastifyRequest): string {
  const actor = request.actor;
  const csrf = request.cookies[cookieName(ctx.config, 'csrf')];
  const scope = request.sessionHash ? `session:${request.sessionHash}` : actor.kind === 'client' ? `client:${actor.clientId}` : csrf ? `browser:${csrf}` : null;
  return crypto
    .createHash('sha256')
    .update(scope ?? 'anyone')
    .digest('hex');
}

async function waitForOutcome(ctx: KernelContext, submission: SubmissionKey): Promise<unknown> {
  for (let waited = 0; waited < waitMs; waited += pollMs) {
    const outcome = await findOutcome(ctx.db, submission);
    // Gone: the first submit failed and gave the key back; this one may try.
    if (outcome === undefined) return undefined;
    if (outcome !== null) return outcome;
    await sleep(pollMs);
  }
  return null;
}

/**
 * Does the work of a form's one-time key once. The first submit with a key claims it, does the work and
 * records a successful outcome (`{ ok: true, … }`, plain JSON: a redirect target, an id, a reference); a
 * repeat with the same key (a double click, back and send again, a retried request) gets that outcome
 * without doing the work again, and one arriving while the first still works waits for it. An outcome
 * that is not ok (a refused field) and an error give the key back, so the corrected form can be sent with
 * it. Without a key (a form shown before it had one, a script) the work is simply done.
 *
 * The claim and the outcome are written beside the work's own transaction, not in it: a process that dies
 * between the work and the outcome leaves the key claimed, and a repeat is told the form is being worked
 * on (409) rather than doing the work a second time.
 */
export async function once<R extends { ok: boolean }>(ctx: KernelContext, request: FastifyRequest, read: { form: string; key: string | null }, work: () => Promise<R>): Promise<R> {
  if (!read.key) return work();
  const submission: SubmissionKey = { scopeHash: scopeOf(ctx, request), formId: read.form, key: read.key };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await claimSubmission(ctx.db, submission, new Date())) {
      let result: R;
      try {
        result = await work();
      } catch (error) {
        await releaseSubmission(ctx.db, submission);
        throw error;
      }
      if (result.ok) await recordOutcome(ctx.db, submission, result);
      else await releaseSubmission(ctx.db, submission);
      return result;
    }
    const outcome = await waitForOutcome(ctx, submission);
    if (outcome === null) break;
    if (outcome !== undefined) return outcome as R;
  }
  throw new HttpProblem(409, 'kernel:forms.inProgress');
}

export const formSubmissionsRetentionRule: RetentionRule = {
  id: 'kernel.form-submissions',
  description: 'kernel:retention.formSubmissions',
  descriptionValues: () => ({ hours: submissionRetentionHours }),
  table: 'form_submissions',
  columns: ['scope_hash', 'outcome'],
  purge: (db, now) => purgeSubmissionsBefore(db, new Date(now.getTime() - submissionRetentionHours * 3_600_000)),
};
