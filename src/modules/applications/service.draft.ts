import { randomBytes } from 'node:crypto';
import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import { hashSecret, mayOpenDraft } from './access.ts';
import type { Answers, AnswerValue, FileAnswer } from './definition/answers.ts';
import { pruneHidden, visibleFields, visiblePages } from './definition/conditions.ts';
import type { LeafField, Page } from './definition/schema.ts';
import { settingsOf } from '#kernel/settings.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { flowRules } from './procedures.ts';
import { applicationsSettings } from './settings.ts';
import { textIn } from './definition/texts.ts';
import { deleteDraft, findDraft, insertDraft, lockDraft, saveDraftAnswers } from './repo.drafts.ts';
import { applicationsDb, type ApplicationsDb } from './repo.forms.ts';
import { formVersion, publishedForm, type LoadedForm } from './service.forms.ts';
import type { DraftRow } from './tables.ts';

/*
 * A draft is saved at every step. Whoever started it may continue it: the account that started it, or
 * the browser that holds its secret (a guest: a cookie scoped to the draft's address, or the resume link
 * sent by e-mail, which carries the same secret).
 */


/** Who is asking for a draft: the person, and the secret their browser or link carries, if any. */
export interface DraftKey {
  draftId: string;
  secret?: string | undefined;
}


export interface OpenDraft {
  draft: DraftRow;
  form: LoadedForm;
  answers: Answers;
  pages: Page[];
}

/** The draft with its form, or null when it does not exist or is not the asker's (the same to the asker). */
export async function openDraft(ctx: KernelContext, actor: Actor, key: DraftKey): Promise<OpenDraft | null> {
  const draft = await findDraft(applicationsDb(ctx.db), key.draftId);
  if (!draft || !mayOpenDraft(actor, draft, key.secret)) return null;
  const form = await formVersion(ctx, draft.form_version_id);
  if (!form) return null;
  return { draft, form, answers: draft.answers, pages: visiblePages(form.definition, draft.answers) };
}

export type StartResult = { ok: true; draftId: string; secret: string | null; firstPage: string } | { ok: false; reason: 'not-found' | 'sign-in-required' };

/**
 * Starts an application of the published version of a form. A guest gets a secret their browser keeps;
 * a signed-in person's draft belongs to the account. Nothing is taken from the account here: the pages
 * offer what the account knows, and the person confirms it page by page.
 */
export async function startApplication(ctx: KernelContext, actor: Actor, formKey: string): Promise<StartResult> {
  const form = await publishedForm(ctx, formKey);
  if (!form) return { ok: false, reason: 'not-found' };
  const signedIn = isSignedIn(actor);
  if (form.definition.access === 'account' && !signedIn) return { ok: false, reason: 'sign-in-required' };
  const secret = signedIn ? null : randomBytes(24).toString('base64url');
  const draft = await insertDraft(applicationsDb(ctx.db), {
    formVersionId: form.versionId,
    userId: signedIn ? actor.userId : null,
    secretHash: secret ? hashSecret(secret) : null,
    answers: {},
    channel: 'online',
    enteredBy: null,
  });
  const first = visiblePages(form.definition, {})[0]!;
  return { ok: true, draftId: draft.id, secret, firstPage: first.id };
}

const fileAnswers = (value: AnswerValue | undefined): FileAnswer[] => {
  if (value === null || value === undefined || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((row) => (typeof row === 'object' && row !== null ? Object.values(row).flatMap(fileAnswers) : []));
  return 'fileId' in value ? [value] : [];
};

/** Every file an application's answers name. */
export function filesOf(answers: Answers): FileAnswer[] {
  return Object.values(answers).flatMap(fileAnswers);
}

const draftOwner = (id: string) => ({ module: 'applications', kind: 'draft', id });

/** The draft's files are referenced while it lives, so the store keeps them; answers dropped let theirs go. */
async function referenceFiles(ctx: KernelContext, trx: Trx, draft: DraftRow, before: Answers, after: Answers): Promise<boolean> {
  const kept = new Set(filesOf(after).map((file) => file.fileId));
  for (const file of filesOf(before)) if (!kept.has(file.fileId)) await ctx.files.removeRefs(trx, draftOwner(draft.id), file.fileId);
  for (const fileId of kept) {
    const added = await ctx.files.addRef(trx, { fileId, owner: draftOwner(draft.id), personal: true, dataSubjectId: draft.user_id });
    if (!added.ok) return false;
  }
  return true;
}

/** `next`: the id of the page to show next, or `check` for "check your answers". */
export type SaveResult = { ok: true; next: string } | { ok: false; reason: 'not-found' | 'file-refused' };

/**
 * Saves one page's answers into the draft and says where to go next: the next page shown, or "check your
 * answers" after the last one (or when the person came from there to change something).
 */
export async function savePage(ctx: KernelContext, actor: Actor, key: DraftKey, pageId: string, values: Answers, options: { backToCheck?: boolean } = {}): Promise<SaveResult> {
  const before = await openDraft(ctx, actor, key);
  if (!before) return { ok: false, reason: 'not-found' };
  // The street register is read before the transaction, which holds the only connection of an embedded database.
  const rules = await flowRules(ctx, before.form.definition, { ...before.answers, ...values });
  return ctx.db.transaction().execute(async (trx) => {
    const db: ApplicationsDb = applicationsDb(trx);
    const draft = await lockDraft(db, key.draftId);
    if (!draft || !mayOpenDraft(actor, draft, key.secret)) return { ok: false, reason: 'not-found' } as const;
    const form = await formVersion(ctx, draft.form_version_id);
    if (!form) return { ok: false, reason: 'not-found' } as const;
    const answers = pruneHidden(form.definition, { ...draft.answers, ...values });
    if (!(await referenceFiles(ctx, trx, draft, draft.answers, answers))) return { ok: false, reason: 'file-refused' } as const;
    await saveDraftAnswers(db, draft.id, answers, pageId);
    if (draft.entered_by) {
      await recordAudit(trx, { actor }, { action: 'applications.assisted-page-saved', subjectType: 'applications.draft', subjectId: draft.id, dataSubjectId: draft.user_id, meta: { page: pageId, channel: draft.channel } });
    }
    const pages = visiblePages(form.definition, answers);
    const at = pages.findIndex((page) => page.id === pageId);
    // A change made from "check your answers" goes back there, unless it opened a page still to be answered.
    const next = options.backToCheck || at < 0 || at === pages.length - 1 ? (rules.firstIncomplete(answers)?.id ?? 'check') : pages[at + 1]!.id;
    return { ok: true, next } as const;
  });
}

/** Deletes a draft and lets its files go; the person chose to discard it. */
export async function discardDraft(ctx: KernelContext, actor: Actor, key: DraftKey): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const draft = await lockDraft(db, key.draftId);
    if (!draft || !mayOpenDraft(actor, draft, key.secret)) return false;
    await ctx.files.removeRefs(trx, draftOwner(draft.id));
    await deleteDraft(db, draft.id);
    return true;
  });
}

export { draftOwner };

const longDays = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }),
};

/** The day a draft is deleted if nobody continues it: counted from its last change. */
export function keptUntil(ctx: KernelContext, draft: DraftRow, language: 'de' | 'en'): string {
  const days = settingsOf(ctx, applicationsSettings).APPLICATION_DRAFT_DAYS;
  const until = new Date(new Date(draft.updated_at).getTime() + days * 86_400_000);
  return longDays[language].format(until);
}

/** Whose account's data a draft's pages offer: the person's own, or for staff the account they linked it to. */
function accountOffered(actor: Actor, draft: DraftRow): string | null {
  if (!isSignedIn(actor) || !draft.user_id) return null;
  if (draft.entered_by) return draft.entered_by === actor.userId ? draft.user_id : null;
  return draft.user_id === actor.userId ? draft.user_id : null;
}

/**
 * The answers a page shows: what was saved, and for a field still empty that offers the account's data,
 * what the account knows. Such values are only shown, with a notice naming them; they become answers when
 * the person sends the page, never before. Staff entering an application see the linked citizen's account,
 * never their own, and the reading is recorded.
 */
export async function accountData(ctx: KernelContext, actor: Actor, open: OpenDraft, page: Page): Promise<{ answers: Answers; prefilled: string[] }> {
  const owner = accountOffered(actor, open.draft);
  if (!owner || !isSignedIn(actor)) return { answers: open.answers, prefilled: [] };
  const profile = await recipientProfile(ctx.db, owner);
  if (!profile) return { answers: open.answers, prefilled: [] };
  // The account keeps one name; split at its last space it is offered for the two fields, for checking.
  const words = profile.name.trim().split(/\s+/);
  const known: Partial<Record<NonNullable<LeafField['prefill']>, AnswerValue>> = {
    name: profile.name,
    givenName: words.length > 1 ? words.slice(0, -1).join(' ') : null,
    familyName: words.length > 1 ? words.at(-1)! : profile.name,
    email: profile.email,
    address: profile.postalAddress
      ? { street: profile.postalAddress.street, houseNumber: profile.postalAddress.houseNumber, postcode: profile.postalAddress.postalCode, town: profile.postalAddress.city }
      : null,
  };
  const answers = { ...open.answers };
  const prefilled: string[] = [];
  for (const field of visibleFields(page, open.answers)) {
    if (field.type === 'group' || !field.prefill || (answers[field.id] !== undefined && answers[field.id] !== null)) continue;
    const value = known[field.prefill];
    if (value === undefined || value === null || value === '') continue;
    answers[field.id] = value;
    prefilled.push(textIn(field.label, actor.language));
  }
  if (open.draft.entered_by && prefilled.length > 0) {
    await recordAudit(ctx.db, { actor }, { action: 'applications.account-data-shown', subjectType: 'applications.draft', subjectId: open.draft.id, dataSubjectId: owner, meta: { page: page.id, fields: prefilled.length } });
  }
  return { answers, prefilled };
}

/**
 * Whether a draft the asker could not open belongs to an account while the asker is signed out: their
 * session ended while they were filling it in, and signing in again brings them back to it.
 */
export async function draftOfSignedOutOwner(ctx: KernelContext, actor: Actor, draftId: string): Promise<boolean> {
  if (isSignedIn(actor)) return false;
  const draft = await findDraft(applicationsDb(ctx.db), draftId);
  return Boolean(draft?.user_id && !draft.entered_by);
}
