import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formatDay } from '#kernel/dates.ts';
import { defineJob } from '#kernel/jobs.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import { initiativesDb } from '../repo.ts';
import { requestById, type RequestView } from './repo.ts';

/*
 * The mails of a request: the confirmation to the requester, the notice to the office that owns the
 * resource, and the office's answer. Jobs queued in the request's transaction send them, so a request is
 * never stored without its mails nor a mail sent for a request that was not stored. A request whose
 * requester's data was removed meanwhile gets no mail.
 */

const Payload = Type.Object({ requestId: Type.String({ format: 'uuid' }), language: Type.Union([Type.Literal('de'), Type.Literal('en')]) });

function values(ctx: KernelContext, request: RequestView, language: 'de' | 'en') {
  const t = ctx.i18n.getFixedT(language);
  return {
    reference: request.reference,
    resource: request.resource_title,
    name: request.name ?? '',
    email: request.email ?? '',
    phone: request.phone ?? t('initiatives:resources.mail.none'),
    for: request.initiative_name ?? request.organisation ?? t('initiatives:resources.mail.none'),
    day: request.wanted_on ? formatDay(request.wanted_on) : t('initiatives:resources.mail.none'),
    message: request.message,
    answer: request.answer ?? '',
    city: ctx.config.CITY_NAME,
    link: `${ctx.config.PUBLIC_URL}/initiativen/ressourcen/${request.resource_slug}`,
    staffLink: `${ctx.config.PUBLIC_URL}/verwaltung/initiativen/anfragen/${request.id}`,
  };
}

export const sendRequestReceivedJob = defineJob({
  name: 'initiatives.resource-request-received',
  payload: Payload,
  handler: async ({ requestId, language }, ctx) => {
    const request = await requestById(initiativesDb(ctx.db), requestId);
    if (!request?.email) return;
    const t = ctx.i18n.getFixedT(language);
    const shown = values(ctx, request, language);
    await ctx.mailer.send({ to: request.email, subject: t('initiatives:resources.mail.received.subject', shown), text: t('initiatives:resources.mail.received.text', shown) });
  },
});

/** The office's notice, in German (the office's language), at the address the catalogue publishes for it. */
export const sendOfficeNoticeJob = defineJob({
  name: 'initiatives.resource-request-office-notice',
  payload: Payload,
  handler: async ({ requestId }, ctx) => {
    const request = await requestById(initiativesDb(ctx.db), requestId);
    if (!request?.email) return;
    const office = await publishedOffice(ctx, request.office_slug);
    const to = office?.content.email;
    if (!to) {
      ctx.log.warn({ requestId, office: request.office_slug }, 'initiatives: the office of a requested resource has no published e-mail address');
      return;
    }
    const t = ctx.i18n.getFixedT('de');
    const shown = values(ctx, request, 'de');
    // The notice names what was asked but not the requester's data: the office reads that behind its login.
    await ctx.mailer.send({ to, subject: t('initiatives:resources.mail.office.subject', shown), text: t('initiatives:resources.mail.office.text', shown) });
  },
});

export const sendAnswerJob = defineJob({
  name: 'initiatives.resource-request-answer',
  payload: Payload,
  handler: async ({ requestId, language }, ctx) => {
    const request = await requestById(initiativesDb(ctx.db), requestId);
    if (!request?.email || request.status === 'received') return;
    const t = ctx.i18n.getFixedT(language);
    const shown = values(ctx, request, language);
    const kind = request.status === 'accepted' ? 'accepted' : 'declined';
    await ctx.mailer.send({ to: request.email, subject: t(`initiatives:resources.mail.${kind}.subject`, shown), text: t(`initiatives:resources.mail.${kind}.text`, shown) });
  },
});

export const resourceJobs = [sendRequestReceivedJob, sendOfficeNoticeJob, sendAnswerJob];
