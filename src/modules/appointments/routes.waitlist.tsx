import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formatDay } from '#kernel/dates.ts';
import { formBody, formMessages, once, readForm, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { waitlistForm } from './forms.waitlist.ts';
import { entriesPerAddress, entryForLink, confirmEntry, joinWaitlist, leaveWaitlist, waitlistPlace, type JoinProblem } from './service.waitlist.ts';
import { offerHours } from './service.waitlist.offer.ts';
import { serviceTitles } from './service.notices.ts';
import { AskFirstPage, NoticePage } from '#kernel/html/components.tsx';
import { WaitlistPage } from './views/waitlist.tsx';

/*
 * The waiting list's pages: the form the booking pages link to when nothing is free, and the pages the
 * links in its mails open (confirm the address, leave the list), each asking before it changes anything.
 */

const slugList = '^[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*){0,4}$';
const WaitlistQuery = Type.Object({
  ort: Type.String({ format: 'uuid' }),
  leistung: Type.String({ maxLength: 400, pattern: slugList }),
  personen: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
});
type WaitlistQuery = { ort: string; leistung: string; personen?: number };
const LinkParams = Type.Object({ entryId: Type.String({ format: 'uuid' }), key: Type.String({ minLength: 1, maxLength: 100 }) });
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

const problemCodes: Record<JoinProblem, string> = {
  'from-past': 'appointments:waitlist.errors.fromPast',
  'to-before-from': 'appointments:waitlist.errors.toBeforeFrom',
  'too-long': 'appointments:waitlist.errors.tooLong',
  'too-far': 'appointments:waitlist.errors.tooFar',
  'too-many': 'appointments:waitlist.errors.tooMany',
};

const requestOf = (query: WaitlistQuery) => query.leistung.split(',').map((serviceId) => ({ serviceId, persons: query.personen ?? 1 }));
const actionOf = (query: WaitlistQuery) => `/termine/warteliste?${new URLSearchParams({ ort: query.ort, leistung: query.leistung, personen: String(query.personen ?? 1) }).toString()}`;

type FormRequest = FastifyRequest<{ Querystring: WaitlistQuery }>;

export async function waitlistRoutes(app: App, ctx: KernelContext): Promise<void> {
  /** The form with the request it is for; a place or service that takes no bookings is 404, a request it cannot serve 422. */
  async function formPage(request: FormRequest, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    const place = await waitlistPlace(ctx, request.query.ort, requestOf(request.query));
    if (!place || (!place.ok && place.problem.reason === 'unknown-service')) throw new HttpProblem(404, 'appointments:waitlist.errors.unknownPlace');
    if (!place.ok) throw new HttpProblem(422, 'appointments:waitlist.errors.request');
    const titles = await serviceTitles(ctx, request.query.leistung.split(','), request.page.lang);
    const errors = shown.errors ? formMessages(request.page, shown.errors, waitlistForm) : {};
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: request.t('appointments:waitlist.title'), hasErrors: Boolean(shown.errors) },
        <WaitlistPage page={request.page} action={actionOf(request.query)} request={{ place: place.location.name, services: titles.join(', '), persons: request.query.personen ?? 1 }} raw={shown.raw} errors={errors} />,
      );
  }

  app.get('/termine/warteliste', { schema: { querystring: WaitlistQuery } }, async (request, reply) => formPage(request, reply, { raw: {} }));

  app.post(
    '/termine/warteliste',
    { schema: { querystring: WaitlistQuery, body: formBody(waitlistForm) }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const read = readForm(waitlistForm, request);
      if (!read.ok) return formPage(request, reply, read);
      const value = read.value;
      const result = await once(ctx, request, read, async () => {
        const joined = await joinWaitlist(ctx, request.actor, { locationId: request.query.ort, request: requestOf(request.query), fromDay: value.fromDay, toDay: value.toDay, name: value.name, email: value.email, language: request.page.lang });
        return joined.ok ? { ok: true as const } : joined;
      });
      if (result.ok) return reply.redirect('/termine/warteliste/gesendet', 303);
      switch (result.reason) {
        case 'unknown-place':
          throw new HttpProblem(404, 'appointments:waitlist.errors.unknownPlace');
        case 'request':
          throw new HttpProblem(422, 'appointments:waitlist.errors.request');
        case 'from-past':
        case 'to-before-from':
        case 'too-long':
        case 'too-far':
        case 'too-many':
          return formPage(request, reply, { raw: read.raw, errors: { [result.field]: { code: problemCodes[result.reason], values: { count: entriesPerAddress } } } });
      }
    },
  );

  app.get('/termine/warteliste/gesendet', async (request, reply) =>
    reply.html({ title: request.t('appointments:waitlist.sent.title') }, <NoticePage title={request.t('appointments:waitlist.sent.title')} text={request.t('appointments:waitlist.sent.text')} />),
  );

  const confirmAction = (entryId: string, key: string) => `/termine/warteliste/${entryId}/bestaetigen/${key}`;
  const leaveAction = (entryId: string, key: string) => `/termine/warteliste/${entryId}/abmelden/${key}`;

  app.get('/termine/warteliste/:entryId/bestaetigen/:key', { schema: { params: LinkParams } }, async (request, reply) => {
    const found = await entryForLink(ctx, request.params.entryId, request.params.key, 'confirm');
    if (!found.ok) throw new HttpProblem(404, 'appointments:waitlist.errors.link');
    const { entry, place } = found;
    const title = request.t('appointments:waitlist.confirm.title');
    return reply
      .header('cache-control', 'no-store')
      .html(
        { title },
        <AskFirstPage page={request.page} title={title} text={request.t('appointments:waitlist.confirm.text', { place, from: formatDay(entry.from_day), to: formatDay(entry.to_day) })} button={request.t('appointments:waitlist.confirm.button')} action={confirmAction(entry.id, request.params.key)} />,
      );
  });

  app.post('/termine/warteliste/:entryId/bestaetigen/:key', { schema: { params: LinkParams, body: ButtonBody } }, async (request, reply) => {
    const result = await confirmEntry(ctx, request.params.entryId, request.params.key);
    if (!result.ok) throw new HttpProblem(result.reason === 'ended' ? 409 : 404, result.reason === 'ended' ? 'appointments:waitlist.errors.ended' : 'appointments:waitlist.errors.link');
    const title = request.t('appointments:waitlist.confirm.doneTitle');
    return reply.header('cache-control', 'no-store').html({ title }, <NoticePage title={title} text={request.t('appointments:waitlist.confirm.done', { hours: offerHours })} />);
  });

  app.get('/termine/warteliste/:entryId/abmelden/:key', { schema: { params: LinkParams } }, async (request, reply) => {
    const found = await entryForLink(ctx, request.params.entryId, request.params.key, 'leave');
    if (!found.ok) throw new HttpProblem(404, 'appointments:waitlist.errors.link');
    const { place } = found;
    const title = request.t('appointments:waitlist.leave.title');
    return reply
      .header('cache-control', 'no-store')
      .html({ title }, <AskFirstPage page={request.page} title={title} text={request.t('appointments:waitlist.leave.text', { place })} button={request.t('appointments:waitlist.leave.button')} action={leaveAction(found.entry.id, request.params.key)} />);
  });

  app.post('/termine/warteliste/:entryId/abmelden/:key', { schema: { params: LinkParams, body: ButtonBody } }, async (request, reply) => {
    const result = await leaveWaitlist(ctx, request.params.entryId, request.params.key);
    if (!result.ok) throw new HttpProblem(404, 'appointments:waitlist.errors.link');
    const title = request.t('appointments:waitlist.leave.doneTitle');
    return reply.header('cache-control', 'no-store').html({ title }, <NoticePage title={title} text={request.t('appointments:waitlist.leave.done')} links={[{ href: '/termine', label: request.t('appointments:waitlist.book') }]} />);
  });
}
