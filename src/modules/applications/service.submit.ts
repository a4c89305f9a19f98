import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import { newReference } from '#kernel/reference.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { sendNotification } from '#modules/notify/index.ts';
import { applicantOf, confirmationRoute } from './applicant.ts';
import { firstIncompletePage } from './definition/pages.ts';
import type { FormDefinition } from './definition/schema.ts';
import { caseSubmitted } from './events.ts';
import type { Applicant } from './tables.ts';
import { findCaseOfDraft, insertCase, referenceTaken } from './repo.cases.ts';
import { deleteDraft, lockDraft } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import { mayFollowCase } from './access.ts';
import { draftOwner, filesOf, openDraft, type DraftKey } from './service.draft.ts';
import { makeReceipt } from './service.receipt.ts';

/** Cases are filed under this letter: references of other modules (bookings, reports) take letters of their own. */
export const casePrefix = 'A';

export const caseOwner = (id: string) => ({ module: 'applications', kind: 'case', id });

/** The office that receives a form's cases: the one the form names, else the service's responsible office. */
export async function receivingOffice(ctx: KernelContext, definition: FormDefinition): Promise<{ id: string; title: string } | null> {
  if (definition.office) {
    const office = await publishedOffice(ctx, definition.office);
    return office ? { id: office.id, title: office.content.title } : null;
  }
  const service = definition.service ? await publishedService(ctx, definition.service) : null;
  return service?.office ? { id: service.office.id, title: service.office.title } : null;
}

/** A reference no case has yet: drawn again in the rare case the random one is taken. */
async function freeReference(ctx: KernelContext): Promise<string> {
  for (;;) {
    const reference = newReference(casePrefix);
    if (!(await referenceTaken(applicationsDb(ctx.db), reference))) return reference;
  }
}

export type SubmitResult =
  | { ok: true; caseId: string; reference: string; duplicate: boolean }
  | { ok: false; reason: 'not-found' | 'declaration-missing' | 'no-office' }
  | { ok: false; reason: 'incomplete'; pageId: string };

/**
 * Turns a draft into a case, once: the case, its files, the first message to the applicant and the event
 * are written in one transaction with the draft's deletion. A repeated submission (a double click, a retry
 * after a lost answer) finds the case the draft became and answers with the same reference.
 */
export async function submitApplication(ctx: KernelContext, actor: Actor, key: DraftKey, input: { declared: boolean }): Promise<SubmitResult> {
  const open = await openDraft(ctx, actor, key);
  if (!open) {
    const made = await findCaseOfDraft(applicationsDb(ctx.db), key.draftId);
    return made && mayFollowCase(actor, made, key.secret)
      ? { ok: true, caseId: made.id, reference: made.reference, duplicate: true }
      : { ok: false, reason: 'not-found' };
  }
  const { draft, form } = open;
  const incomplete = firstIncompletePage(form.definition, draft.answers);
  if (incomplete) return { ok: false, reason: 'incomplete', pageId: incomplete.id };
  if (!input.declared) return { ok: false, reason: 'declaration-missing' };
  const office = await receivingOffice(ctx, form.definition);
  if (!office) return { ok: false, reason: 'no-office' };

  const profile = draft.user_id && !draft.entered_by ? await recipientProfile(ctx.db, draft.user_id) : undefined;
  const language = isSignedIn(actor) ? actor.language : 'de';
  const applicant = applicantOf(form.definition, draft.answers, profile, language);
  const reference = await freeReference(ctx);
  const submittedAt = new Date();
  // The receipt is rendered and stored before the transaction: the file store writes in transactions of its own.
  const receipt = await makeReceipt(ctx, { form, answers: draft.answers, reference, submittedAt, applicant, office, channel: draft.channel });

  return ctx.db.transaction().execute(async (trx): Promise<SubmitResult> => {
    const db = applicationsDb(trx);
    const locked = await lockDraft(db, draft.id);
    if (!locked) {
      const made = await findCaseOfDraft(db, draft.id);
      return made ? { ok: true, caseId: made.id, reference: made.reference, duplicate: true } : { ok: false, reason: 'not-found' };
    }
    const made = await insertCase(db, {
      reference,
      draftId: draft.id,
      formVersionId: form.versionId,
      formKey: form.definition.key,
      serviceSlug: form.definition.service ?? null,
      officeId: office.id,
      userId: draft.user_id,
      secretHash: draft.secret_hash,
      applicant,
      answers: locked.answers,
      status: 'received',
      channel: draft.channel,
      enteredBy: draft.entered_by,
      receiptFileId: receipt?.fileId ?? null,
      retentionDays: form.definition.retentionDays,
    });
    for (const file of filesOf(locked.answers)) await ctx.files.addRef(trx, { fileId: file.fileId, owner: caseOwner(made.id), personal: true, dataSubjectId: made.user_id });
    if (receipt) await ctx.files.addRef(trx, { fileId: receipt.fileId, owner: caseOwner(made.id), personal: true, dataSubjectId: made.user_id });
    await ctx.files.removeRefs(trx, draftOwner(draft.id));
    await deleteDraft(db, draft.id);
    await recordAudit(trx, { actor }, {
      action: 'applications.case-submitted',
      subjectType: 'applications.case',
      subjectId: made.id,
      dataSubjectId: made.user_id,
      meta: { reference, form: form.definition.key, version: form.version, channel: draft.channel },
    });
    await ctx.events.publish(trx, caseSubmitted, {
      caseId: made.id,
      formKey: form.definition.key,
      serviceSlug: made.service_slug,
      officeId: office.id,
      channel: made.channel,
      userId: made.user_id,
    });
    await confirmReceipt(ctx, trx, { caseId: made.id, reference, submittedAt, applicant, userId: made.user_id, title: form.definition.title, receipt });
    return { ok: true, caseId: made.id, reference, duplicate: false };
  });
}

/**
 * Tells the applicant by their channel that the application arrived. A person who reads letters gets the
 * receipt with the letter; an e-mail never carries it (it holds every answer), the signed-in inbox and the
 * confirmation page offer it instead. A guest who gave neither e-mail nor address has the confirmation page.
 */
async function confirmReceipt(
  ctx: KernelContext,
  trx: Parameters<typeof sendNotification>[1],
  input: { caseId: string; reference: string; submittedAt: Date; applicant: Applicant; userId: string | null; title: FormDefinition['title']; receipt: { fileId: string; filename: string } | null },
): Promise<void> {
  const { applicant } = input;
  const profile = input.userId ? await recipientProfile(trx, input.userId) : undefined;
  const route = confirmationRoute(profile, applicant);
  if (route === 'page') return;
  const byLetter = route === 'letter';
  const result = await sendNotification(ctx, trx, {
    purpose: 'case-received',
    recipient: profile ? { userId: profile.userId } : { name: applicant.name, language: applicant.language, email: applicant.email, postalAddress: applicant.postalAddress },
    values: { service: input.title[applicant.language] ?? input.title.de, caseReference: input.reference, receivedAt: input.submittedAt.toISOString() },
    cause: `applications:received:${input.caseId}`,
    ...(profile ? { link: `/konto/antraege/${input.caseId}` } : {}),
    ...(byLetter && input.receipt ? { attachments: [{ filename: input.receipt.filename, fileId: input.receipt.fileId }] } : {}),
  });
  if (!result.ok) throw new Error(`The confirmation of case ${input.caseId} could not be sent: ${result.reason}`);
}
