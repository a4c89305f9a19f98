import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { initiativesDb } from '../repo.ts';
import type { InitiativeRow } from '../tables.ts';
import { findInitiative, issueKey, recipientsOf } from './repo.ts';

/*
 * The mails of proposing and moderating. Those with a link make its key when they leave, so no working
 * link waits in the job table, and go out with `ctx.mailer` rather than through notify, whose messages
 * are kept a year. A mail whose moment has passed (the entry moved on) is not sent.
 */

const day = 86_400_000;
/** A proposal not confirmed within this time is deleted (retention rule), and its link expires with it. */
export const confirmValidMs = 3 * day;
/** The link to answer a moderator's question stays open a month. */
export const answerValidMs = 30 * day;

export const confirmPath = (id: string, key: string) => `/initiativen/vorschlag/${id}/bestaetigen/${key}`;
export const answerPath = (id: string, key: string) => `/initiativen/vorschlag/${id}/antworten/${key}`;
/** Where maintainers keep their entry current (the maintenance area's page). */
export const maintenancePath = '/initiativen/pflegen';

const Payload = Type.Object({ initiativeId: Type.String({ format: 'uuid' }) });

function messageId(ctx: KernelContext, kind: string, id: string): string {
  return `<initiative-${kind}-${id}-${Date.now()}@${new URL(ctx.config.PUBLIC_URL).hostname}>`;
}

function valuesOf(ctx: KernelContext, initiative: InitiativeRow) {
  return { initiative: initiative.name, city: ctx.config.CITY_NAME, page: `${ctx.config.PUBLIC_URL}/initiativen/${initiative.slug}`, maintain: `${ctx.config.PUBLIC_URL}${maintenancePath}` };
}

/** The proposer's mail with the link that confirms their address and sends the proposal to the moderators. */
export const sendProposalConfirmJob = defineJob({
  name: 'initiatives.send-proposal-confirm',
  payload: Type.Object({ initiativeId: Type.String({ format: 'uuid' }), maintainerId: Type.String({ format: 'uuid' }) }),
  handler: async ({ initiativeId, maintainerId }, ctx) => {
    const db = initiativesDb(ctx.db);
    const initiative = await findInitiative(db, initiativeId);
    const proposer = await db.selectFrom('initiative_maintainers').select(['id', 'name', 'email']).where('id', '=', maintainerId).executeTakeFirst();
    if (initiative?.status !== 'unconfirmed' || !proposer?.email) return;
    const key = await issueKey(db, { initiativeId, maintainerId, purpose: 'confirm', validForMs: confirmValidMs });
    const t = ctx.i18n.getFixedT(initiative.language);
    const values = { ...valuesOf(ctx, initiative), name: proposer.name ?? '', link: `${ctx.config.PUBLIC_URL}${confirmPath(initiativeId, key)}` };
    await ctx.mailer.send({ to: proposer.email, subject: t('initiatives:moderation.mail.confirmSubject', values), text: t('initiatives:moderation.mail.confirmText', values), messageId: messageId(ctx, 'confirm', initiativeId) });
  },
});

/** The moderator's question, with a link to answer it, to each maintainer of the entry. */
export const sendQuestionJob = defineJob({
  name: 'initiatives.send-question',
  payload: Payload,
  handler: async ({ initiativeId }, ctx) => {
    const db = initiativesDb(ctx.db);
    const initiative = await findInitiative(db, initiativeId);
    if (initiative?.status !== 'question') return;
    const t = ctx.i18n.getFixedT(initiative.language);
    for (const recipient of await recipientsOf(db, initiativeId)) {
      const key = await issueKey(db, { initiativeId, maintainerId: recipient.id, purpose: 'answer', validForMs: answerValidMs });
      const values = { ...valuesOf(ctx, initiative), name: recipient.name ?? '', question: initiative.moderator_question ?? '', link: `${ctx.config.PUBLIC_URL}${answerPath(initiativeId, key)}` };
      await ctx.mailer.send({ to: recipient.email, subject: t('initiatives:moderation.mail.questionSubject', values), text: t('initiatives:moderation.mail.questionText', values), messageId: messageId(ctx, 'question', recipient.id) });
    }
  },
});

/** The entry is live: its maintainers learn where it is and where they keep it current. */
export const sendPublishedJob = defineJob({
  name: 'initiatives.send-published',
  payload: Payload,
  handler: async ({ initiativeId }, ctx) => {
    const db = initiativesDb(ctx.db);
    const initiative = await findInitiative(db, initiativeId);
    if (initiative?.status !== 'published') return;
    const t = ctx.i18n.getFixedT(initiative.language);
    for (const recipient of await recipientsOf(db, initiativeId)) {
      const values = { ...valuesOf(ctx, initiative), name: recipient.name ?? '' };
      await ctx.mailer.send({ to: recipient.email, subject: t('initiatives:moderation.mail.publishedSubject', values), text: t('initiatives:moderation.mail.publishedText', values), messageId: messageId(ctx, 'published', recipient.id) });
    }
  },
});

/** The proposal was rejected: the proposer reads why. */
export const sendRejectedJob = defineJob({
  name: 'initiatives.send-rejected',
  payload: Payload,
  handler: async ({ initiativeId }, ctx) => {
    const db = initiativesDb(ctx.db);
    const initiative = await findInitiative(db, initiativeId);
    if (initiative?.status !== 'rejected') return;
    const t = ctx.i18n.getFixedT(initiative.language);
    for (const recipient of await recipientsOf(db, initiativeId)) {
      const values = { ...valuesOf(ctx, initiative), name: recipient.name ?? '', reason: initiative.reject_reason ?? '' };
      await ctx.mailer.send({ to: recipient.email, subject: t('initiatives:moderation.mail.rejectedSubject', values), text: t('initiatives:moderation.mail.rejectedText', values), messageId: messageId(ctx, 'rejected', recipient.id) });
    }
  },
});

/** A new maintainer of a published entry was approved: they may keep it current now. */
export const sendMaintainerApprovedJob = defineJob({
  name: 'initiatives.send-maintainer-approved',
  payload: Type.Object({ maintainerId: Type.String({ format: 'uuid' }) }),
  handler: async ({ maintainerId }, ctx) => {
    const db = initiativesDb(ctx.db);
    const maintainer = await db.selectFrom('initiative_maintainers').selectAll().where('id', '=', maintainerId).executeTakeFirst();
    if (maintainer?.status !== 'active' || !maintainer.email) return;
    const initiative = await findInitiative(db, maintainer.initiative_id);
    if (!initiative) return;
    const t = ctx.i18n.getFixedT(initiative.language);
    const values = { ...valuesOf(ctx, initiative), name: maintainer.name ?? '' };
    await ctx.mailer.send({ to: maintainer.email, subject: t('initiatives:moderation.mail.maintainerSubject', values), text: t('initiatives:moderation.mail.maintainerText', values), messageId: messageId(ctx, 'maintainer', maintainer.id) });
  },
});

export const moderationJobs = [sendProposalConfirmJob, sendQuestionJob, sendPublishedJob, sendRejectedJob, sendMaintainerApprovedJob];
