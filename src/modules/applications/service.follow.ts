import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { mayFollowCase } from './access.ts';
import { confirmationWay } from './procedures.ts';
import { findCase } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import { formVersion, type LoadedForm } from './service.forms.ts';
import { receiptFilename } from './service.receipt.ts';
import type { CaseRow } from './tables.ts';

export interface FollowedCase {
  made: CaseRow;
  form: LoadedForm;
  /** How the confirmation reached the applicant, as the confirmation page tells them. */
  confirmedBy: 'email' | 'letter' | 'account' | 'page';
  receiptFilename: string;
}

/**
 * A case as its applicant sees it: their account's case, or the case a guest's browser sent (the draft's
 * secret it still holds). Anyone else gets nothing, the same as for a case that does not exist.
 */
export async function followCase(ctx: KernelContext, actor: Actor, caseId: string, secretOf: (draftId: string) => string | undefined): Promise<FollowedCase | null> {
  const made = await findCase(applicationsDb(ctx.db), caseId);
  if (!made || !mayFollowCase(actor, made, made.draft_id ? secretOf(made.draft_id) : undefined)) return null;
  const form = await formVersion(ctx, made.form_version_id);
  if (!form) return null;
  return { made, form, confirmedBy: await confirmedBy(ctx, made, form), receiptFilename: receiptFilename(made.reference) };
}

/** How the confirmation of a case reached its applicant; also for the staff who entered it for them. */
export async function confirmedBy(ctx: KernelContext, made: CaseRow, form: LoadedForm): Promise<FollowedCase['confirmedBy']> {
  return confirmationWay(form.definition, made.user_id ? await recipientProfile(ctx.db, made.user_id) : undefined, made.applicant);
}
