import { recordAudit } from '#kernel/audit.ts';
import { AccessDenied } from '#kernel/auth/permissions.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { citizenByEmail } from '#modules/accounts/index.ts';
import { visiblePages } from './definition/conditions.ts';
import type { Text } from './definition/schema.ts';
import { applicationsPermissions } from './permissions.ts';
import { findCase } from './repo.cases.ts';
import { insertDraft } from './repo.drafts.ts';
import { applicationsDb, publishedForms } from './repo.forms.ts';
import { mayHandle } from './service.casework.ts';
import { confirmedBy, type FollowedCase } from './service.follow.ts';
import { formVersion, publishedForm, type LoadedForm } from './service.forms.ts';
import { ensureReceipt, receiptFilename } from './service.receipt.ts';
import { receivingOffice } from './service.office.ts';
import type { CaseChannel, CaseRow } from './tables.ts';

/*
 * Assisted digital: a caseworker enters an application that came on paper, by phone or at the counter into
 * the same form, on the applicant's behalf. The draft is the staff member's to fill in (`entered_by`) and
 * records the channel; linked to the citizen's account (found by its confirmed e-mail address), the case
 * appears in that person's "Meine Anträge" and the pages offer that account's data, never the staff
 * member's own. From the check page on it is the citizen's flow: the same case, the same confirmation by
 * the applicant's channel (a letter with the receipt when there is no e-mail address).
 */

const { handleCases } = applicationsPermissions;

/** The ways an application reaches staff, who then enter it; `online` is the citizen's own. */
export const assistedChannels = ['paper', 'phone', 'counter'] as const satisfies readonly CaseChannel[];
export type AssistedChannel = (typeof assistedChannels)[number];

export interface FormToEnter {
  key: string;
  title: Text;
  office: { id: string; title: string };
}

/** The published forms a caseworker may enter for someone: those an office of theirs receives. */
export async function formsToEnter(ctx: KernelContext, actor: Actor): Promise<FormToEnter[]> {
  ctx.permissions.require(actor, handleCases, 'anywhere');
  const offered: FormToEnter[] = [];
  for (const row of await publishedForms(applicationsDb(ctx.db))) {
    const office = await receivingOffice(ctx, row.definition);
    if (office && mayHandle(ctx, actor, office.id)) offered.push({ key: row.form_key, title: row.definition.title, office: { id: office.id, title: office.title } });
  }
  return offered;
}

export type AssistedStart =
  | { ok: true; draftId: string; firstPage: string }
  /** The form is not published, or no office of the caseworker receives it. */
  | { ok: false; reason: 'form-not-offered' }
  /** No confirmed citizen account has the e-mail address given. */
  | { ok: false; reason: 'no-account' }
  /** The form is for account holders only, and no account was given. */
  | { ok: false; reason: 'account-required' };

/**
 * Starts an application a caseworker enters for someone: the published version of a form their office
 * receives, the channel it came by, and the citizen's account when an e-mail address finds one. The draft
 * and its audit record are written together.
 */
export async function startAssistedApplication(ctx: KernelContext, actor: Actor, input: { formKey: string; channel: AssistedChannel; citizenEmail: string | null }): Promise<AssistedStart> {
  ctx.permissions.require(actor, handleCases, 'anywhere');
  if (actor.kind !== 'staff') throw new AccessDenied(actor, handleCases);
  const form = await publishedForm(ctx, input.formKey);
  const office = form ? await receivingOffice(ctx, form.definition) : null;
  if (!form || !office || !mayHandle(ctx, actor, office.id)) return { ok: false, reason: 'form-not-offered' };
  const citizen = input.citizenEmail ? await citizenByEmail(ctx.db, input.citizenEmail) : undefined;
  if (input.citizenEmail && !citizen) return { ok: false, reason: 'no-account' };
  if (form.definition.access === 'account' && !citizen) return { ok: false, reason: 'account-required' };
  const firstPage = visiblePages(form.definition, {})[0]!.id;
  return ctx.db.transaction().execute(async (trx) => {
    const draft = await insertDraft(applicationsDb(trx), {
      formVersionId: form.versionId,
      userId: citizen?.userId ?? null,
      secretHash: null,
      answers: {},
      channel: input.channel,
      enteredBy: actor.userId,
    });
    await recordAudit(trx, { actor }, {
      action: 'applications.assisted-started',
      subjectType: 'applications.draft',
      subjectId: draft.id,
      dataSubjectId: citizen?.userId ?? null,
      meta: { form: form.definition.key, channel: input.channel, linked: Boolean(citizen) },
    });
    return { ok: true, draftId: draft.id, firstPage } as const;
  });
}

export interface EnteredCase {
  made: CaseRow;
  form: LoadedForm;
  confirmedBy: FollowedCase['confirmedBy'];
  receiptFilename: string;
}

/** A case the asker entered for someone, while they still handle cases of its office; null for any other. */
async function ownEnteredCase(ctx: KernelContext, actor: Actor, caseId: string): Promise<{ made: CaseRow; form: LoadedForm } | null> {
  ctx.permissions.require(actor, handleCases, 'anywhere');
  const made = await findCase(applicationsDb(ctx.db), caseId);
  if (!made || actor.kind !== 'staff' || made.entered_by !== actor.userId || !mayHandle(ctx, actor, made.office_id)) return null;
  const form = await formVersion(ctx, made.form_version_id);
  return form ? { made, form } : null;
}

/**
 * The case an application entered for someone became, for the staff member who entered it: its reference
 * to read out, how the confirmation reaches the applicant, the receipt. Reading it is recorded.
 */
export async function viewEnteredCase(ctx: KernelContext, actor: Actor, caseId: string): Promise<EnteredCase | null> {
  const own = await ownEnteredCase(ctx, actor, caseId);
  if (!own) return null;
  const { made, form } = own;
  await recordAudit(ctx.db, { actor }, { action: 'applications.entered-case-viewed', subjectType: 'applications.case', subjectId: made.id, dataSubjectId: made.user_id });
  return { made, form, confirmedBy: await confirmedBy(ctx, made, form), receiptFilename: receiptFilename(made.reference) };
}

/** The receipt of a case the asker entered, to print and hand over at the counter; the download itself is audited. */
export async function enteredCaseReceipt(ctx: KernelContext, actor: Actor, caseId: string): Promise<{ fileId: string; filename: string; dataSubjectId: string | null } | null> {
  const own = await ownEnteredCase(ctx, actor, caseId);
  const receipt = own ? await ensureReceipt(ctx, own.made.id) : null;
  return own && receipt ? { ...receipt, dataSubjectId: own.made.user_id } : null;
}
