import type { Actor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { mayFollowCase } from './access.ts';
import { confirmationWay } from './procedures.ts';
import { findCase } from './repo.cases.ts';
import { documentsOf, openRequestOf } from './repo.follow.ts';
import { applicationsDb, type ApplicationsDb } from './repo.forms.ts';
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
  if (!made || !isApplicant(actor, made, secretOf)) return null;
  const form = await formVersion(ctx, made.form_version_id);
  if (!form) return null;
  return { made, form, confirmedBy: await confirmedBy(ctx, made, form), receiptFilename: receiptFilename(made.reference) };
}

/** Who asks about a case as its applicant: the case, and the draft secrets their browser holds. */
export interface CaseKey {
  caseId: string;
  secretOf: (draftId: string) => string | undefined;
}

/** Whether the asker is the case's applicant: its account, or the guest's browser that sent it. */
export const isApplicant = (actor: Actor, made: Pick<CaseRow, 'user_id' | 'secret_hash' | 'draft_id'>, secretOf: CaseKey['secretOf']) => mayFollowCase(actor, made, made.draft_id ? secretOf(made.draft_id) : undefined);

/** How the confirmation of a case reached its applicant; also for the staff who entered it for them. */
export async function confirmedBy(ctx: KernelContext, made: CaseRow, form: LoadedForm): Promise<FollowedCase['confirmedBy']> {
  return confirmationWay(form.definition, made.user_id ? await recipientProfile(ctx.db, made.user_id) : undefined, made.applicant);
}

/**
 * What the back office sees of what the applicant did after sending: the documents sent later (as files of
 * the case) and, while the case waits for information, the day asked for and whether it has passed.
 */
export async function followForStaff(db: ApplicationsDb, made: Pick<CaseRow, 'id' | 'status'>, now = new Date()) {
  const documents = (await documentsOf(db, made.id)).map((document) => ({ fileId: document.file_id, filename: document.filename, mediaType: document.media_type, bytes: document.bytes }));
  const request = made.status === 'information-requested' ? await openRequestOf(db, made.id) : undefined;
  return { documents, replyBy: request ? { day: request.reply_by, overdue: request.reply_by < todayInBerlin(now) } : null };
}
