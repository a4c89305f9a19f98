import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import { newReference } from '#kernel/reference.ts';
import { recipientProfile, type IdentityAssurance } from '#modules/accounts/index.ts';
import { sendNotification } from '#modules/notify/index.ts';
import { applicantOf } from './applicant.ts';
import type { Answers } from './definition/answers.ts';
import type { FormDefinition } from './definition/schema.ts';
import { caseSubmitted } from './events.ts';
import { confirmationWay, flowRules, prescribedDelivery } from './procedures.ts';
import type { Applicant } from './tables.ts';
import { caseOwner, findCaseOfDraft, insertCase } from './repo.cases.ts';
import { takeDraft } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import { mayFollowCase } from './access.ts';
import { draftOwner, filesOf, openDraft, type DraftKey } from './service.draft.ts';
import type { LoadedForm } from './service.forms.ts';
import { receivingOffice, type ReceivingOffice } from './service.office.ts';
import { makeReceipt, type StoredReceipt } from './service.receipt.ts';

/** Cases are filed under this letter: references of other modules (bookings, reports) take letters of their own. */
export const casePrefix = 'A';

export type SubmitResult =
  /** `assisted`: a member of staff entered it for someone, and follows it in the back office. */
  | { ok: true; caseId: string; reference: string; duplicate: boolean; assisted: boolean }
  | { ok: false; reason: 'not-found' | 'declaration-missing' | 'no-office' }
  | { ok: false; reason: 'incomplete'; pageId: string };

/**
 * Turns a draft into a case, once: the case, its files, the first message to the applicant and the event
 * are written in one transaction with the draft's deletion. A repeated submission (a double click, a retry
 * after a lost answer) finds the case the draft became and answers with the same reference.
 */
export async function submitApplication(
  ctx: KernelContext,
  actor: Actor,
  key: DraftKey,
  input: { declared: boolean; /** The level of the sender's sign-in (`sessionAssurance`). */ identityAssurance?: IdentityAssurance | null },
): Promise<SubmitResult> {
  const open = await openDraft(ctx, actor, key);
  if (!open) {
    const made = await findCaseOfDraft(applicationsDb(ctx.db), key.draftId);
    const enteredByActor = Boolean(made?.entered_by) && isSignedIn(actor) && made?.entered_by === actor.userId;
    return made && (enteredByActor || mayFollowCase(actor, made, key.secret))
      ? { ok: true, caseId: made.id, reference: made.reference, duplicate: true, assisted: enteredByActor }
      : { ok: false, reason: 'not-found' };
  }
  const { draft, form } = open;
  const rules = await flowRules(ctx, form.definition, draft.answers);
  const incomplete = rules.firstIncomplete(draft.answers);
  if (incomplete) return { ok: false, reason: 'incomplete', pageId: incomplete.id };
  if (!input.declared) return { ok: false, reason: 'declaration-missing' };
  const office = await receivingOffice(ctx, form.definition);
  if (!office) return { ok: false, reason: 'no-office' };

  // Staff entering an application for someone act for that person: nothing of their own account counts.
  const assisted = draft.entered_by !== null;
  const profile = draft.user_id ? await recipientProfile(ctx.db, draft.user_id) : undefined;
  const language = isSignedIn(actor) && !assisted ? actor.language : 'de';
  const assurance = assisted ? null : (input.identityAssurance ?? null);
  const applicant = { ...applicantOf(form.definition, draft.answers, profile, language), ...(assurance ? { identityAssurance: assurance } : {}) };
  const derived = rules.derived(draft.answers);
  const submittedAt = new Date();
  // A letter carries the receipt, so it is made now, before the transaction (the file store writes in
  // transactions of its own). Everyone else gets it after sending (`followSubmission`): a PDF is the
  // slowest part of sending, and the confirmation page's download makes it at once when asked first.
  const byLetter = confirmationWay(form.definition, profile, applicant) === 'letter';
  const sending: Sending = { actor, draftId: draft.id, form, office, applicant, answers: derived, submittedAt, assisted };
  // References are random: one already taken (once in hundreds of billions) is drawn again in a new
  // transaction, rather than looked up before every submission.
  for (;;) {
    const reference = newReference(casePrefix);
    const receipt = byLetter ? await makeReceipt(ctx, { form, answers: { ...draft.answers, ...derived }, reference, submittedAt, applicant, office, channel: draft.channel }) : null;
    try {
      return await fileCase(ctx, sending, reference, receipt);
    } catch (error) {
      if (!(error instanceof ReferenceTaken)) throw error;
    }
  }
}

/** Thrown inside the submission's transaction, so the draft it took is back when another reference is drawn. */
class ReferenceTaken extends Error {}

interface Sending {
  actor: Actor;
  draftId: string;
  form: LoadedForm;
  office: ReceivingOffice;
  applicant: Applicant;
  /** Answers the procedure derived from the others (a parking zone from the street). */
  answers: Answers;
  submittedAt: Date;
  assisted: boolean;
}

/** The one transaction of a submission: the draft locked and gone, the case with its files, audit, event and confirmation. */
async function fileCase(ctx: KernelContext, sending: Sending, reference: string, receipt: StoredReceipt | null): Promise<SubmitResult> {
  const { actor, form, office, applicant, assisted } = sending;
  return ctx.db.transaction().execute(async (trx): Promise<SubmitResult> => {
    const db = applicationsDb(trx);
    // Deleted and read in one statement, which also holds a second submission of the same draft until this one ends.
    const locked = await takeDraft(db, sending.draftId);
    if (!locked) {
      const made = await findCaseOfDraft(db, sending.draftId);
      return made ? { ok: true, caseId: made.id, reference: made.reference, duplicate: true, assisted } : { ok: false, reason: 'not-found' };
    }
    const made = await insertCase(db, {
      reference,
      draftId: locked.id,
      formVersionId: form.versionId,
      formKey: form.definition.key,
      serviceSlug: form.definition.service ?? null,
      officeId: office.id,
      userId: locked.user_id,
      secretHash: locked.secret_hash,
      applicant,
      answers: { ...locked.answers, ...sending.answers },
      status: 'received',
      channel: locked.channel,
      enteredBy: locked.entered_by,
      receiptFileId: receipt?.fileId ?? null,
      retentionDays: form.definition.retentionDays,
    });
    if (!made) throw new ReferenceTaken(reference);
    for (const file of filesOf(locked.answers)) await ctx.files.addRef(trx, { fileId: file.fileId, owner: caseOwner(made.id), personal: true, dataSubjectId: made.user_id });
    // Without a letter, the receipt is made after sending (`followSubmission`).
    if (receipt) await ctx.files.addRef(trx, { fileId: receipt.fileId, owner: caseOwner(made.id), personal: true, dataSubjectId: made.user_id });
    // A draft references exactly the files its answers name (savePage keeps the two in step): without any, there is nothing to let go.
    if (filesOf(locked.answers).length > 0) await ctx.files.removeRefs(trx, draftOwner(locked.id));
    await recordAudit(trx, { actor }, {
      action: 'applications.case-submitted',
      subjectType: 'applications.case',
      subjectId: made.id,
      dataSubjectId: made.user_id,
      meta: { reference, form: form.definition.key, version: form.version, channel: made.channel },
    });
    await ctx.events.publish(trx, caseSubmitted, {
      caseId: made.id,
      formKey: form.definition.key,
      serviceSlug: made.service_slug,
      officeId: office.id,
      channel: made.channel,
      userId: made.user_id,
    });
    await confirmReceipt(ctx, trx, { caseId: made.id, reference, submittedAt: sending.submittedAt, applicant, userId: made.user_id, definition: form.definition, receipt });
    return { ok: true, caseId: made.id, reference, duplicate: false, assisted };
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
  input: { caseId: string; reference: string; submittedAt: Date; applicant: Applicant; userId: string | null; definition: FormDefinition; receipt: { fileId: string; filename: string } | null },
): Promise<void> {
  const { applicant, definition } = input;
  const profile = input.userId ? await recipientProfile(trx, input.userId) : undefined;
  const route = confirmationWay(definition, profile, applicant);
  if (route === 'page') return;
  const byLetter = route === 'letter';
  const prescribed = prescribedDelivery(definition, applicant);
  const result = await sendNotification(ctx, trx, {
    purpose: 'case-received',
    recipient: prescribed?.recipient ?? (profile ? { userId: profile.userId } : { name: applicant.name, language: applicant.language, email: applicant.email, postalAddress: applicant.postalAddress }),
    ...(prescribed ? { requiredChannel: prescribed.requiredChannel } : {}),
    values: { service: definition.title[applicant.language] ?? definition.title.de, caseReference: input.reference, receivedAt: input.submittedAt.toISOString() },
    cause: `applications:received:${input.caseId}`,
    ...(profile && !prescribed ? { link: `/konto/antraege/${input.caseId}` } : {}),
    ...(byLetter && input.receipt ? { attachments: [{ filename: input.receipt.filename, fileId: input.receipt.fileId }] } : {}),
  });
  if (!result.ok) throw new Error(`The confirmation of case ${input.caseId} could not be sent: ${result.reason}`);
}
