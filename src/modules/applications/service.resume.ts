import { randomBytes } from 'node:crypto';
import Type from 'typebox';
import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { parseForm, defineForm } from '#kernel/forms/index.ts';
import { defineJob } from '#kernel/jobs.ts';
import { hashSecret, secretMatches } from './access.ts';
import { textIn } from './definition/texts.ts';
import { findDraft, lockDraft, setGuestEmail, setResumeHash, setSecretHash } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import { keptUntil, type DraftKey } from './service.draft.ts';
import { formVersion } from './service.forms.ts';

/*
 * "Save and continue later" for a guest: the draft is saved at every step anyway; this sends a link to
 * an address the guest gives. The link's secret is made when the mail is sent, by the job, so no working
 * link ever waits in the job table; the browser that follows it gets a secret of its own.
 */

export const resumeForm = defineForm({
  id: 'applications.resume',
  fields: { email: { kind: 'email', label: 'applications:save.email', required: true, maxLength: 254 } },
});

export const sendResumeLinkJob = defineJob({
  name: 'applications.send-resume-link',
  payload: Type.Object({ draftId: Type.String({ format: 'uuid' }), language: Type.Union([Type.Literal('de'), Type.Literal('en')]) }),
  handler: async ({ draftId, language }, ctx) => {
    const draft = await findDraft(applicationsDb(ctx.db), draftId);
    if (!draft?.guest_email) return;
    const form = await formVersion(ctx, draft.form_version_id);
    if (!form) return;
    const secret = randomBytes(24).toString('base64url');
    await setResumeHash(applicationsDb(ctx.db), draft.id, hashSecret(secret));
    const t = ctx.i18n.getFixedT(language);
    const values = { form: textIn(form.definition.title, language), link: `${ctx.config.PUBLIC_URL}/antraege/entwurf/${draft.id}/fortsetzen/${secret}`, day: keptUntil(ctx, draft, language), city: ctx.config.CITY_NAME };
    await ctx.mailer.send({ to: draft.guest_email, subject: t('applications:save.mail.subject', values), text: t('applications:save.mail.text', values), messageId: `<resume-${draft.id}-${Date.now()}@${new URL(ctx.config.PUBLIC_URL).hostname}>` });
  },
});

const minuteMs = 60_000;

/** Keeps the guest's address on the draft and queues the mail with the link; one mail a minute at most. */
export async function sendResumeLink(ctx: KernelContext, actor: Actor, key: DraftKey, body: unknown, language: 'de' | 'en') {
  const read = parseForm(resumeForm, { body });
  if (!read.ok) return { ok: false as const, reason: 'invalid' as const, read };
  return ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const draft = await lockDraft(db, key.draftId);
    if (!draft || isSignedIn(actor) || !secretMatches(key.secret, draft.secret_hash)) return { ok: false as const, reason: 'not-found' as const };
    if (draft.resume_sent_at && Date.now() - new Date(draft.resume_sent_at).getTime() < minuteMs) return { ok: false as const, reason: 'too-soon' as const };
    await setGuestEmail(db, draft.id, read.value.email);
    await ctx.jobs.enqueue(trx, sendResumeLinkJob, { draftId: draft.id, language });
    return { ok: true as const, email: read.value.email };
  });
}

/**
 * Follows a resume link: this browser gets a new secret (a browser that had the draft before loses it),
 * and the person continues where they stopped. Null when the link is not, or no longer, good.
 */
export async function resumeDraft(ctx: KernelContext, draftId: string, linkSecret: string): Promise<{ secret: string; lastPage: string | null } | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const draft = await lockDraft(db, draftId);
    if (!draft || !secretMatches(linkSecret, draft.resume_hash)) return null;
    const secret = randomBytes(24).toString('base64url');
    await setSecretHash(db, draft.id, hashSecret(secret));
    return { secret, lastPage: draft.last_page };
  });
}
