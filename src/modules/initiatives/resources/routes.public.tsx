import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import { initiativesDb } from '../repo.ts';
import type { ResourceRow } from '../tables.ts';
import { domains, resourceKinds } from '../vocabulary.ts';
import { requestForm } from './forms.ts';
import { activeResources, publishedInitiatives, resourceBySlug } from './repo.ts';
import { sendRequest } from './service.ts';
import { RequestSentPage, ResourceDetailPage, ResourceListPage } from './views/public.tsx';

/*
 * The resources the city keeps ready, as everyone sees them: the list by kind with its filter, a page for
 * each resource, and the request form on it (no account needed).
 */

const oneOf = (values: readonly string[]) => Type.Union([Type.Literal(''), ...values.map((value) => Type.Literal(value))]);
const ListQuery = Type.Object({ art: Type.Optional(oneOf(resourceKinds)), bereich: Type.Optional(oneOf(domains)) });
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 120 }) });
const SentQuery = Type.Object({ ref: Type.String({ pattern: '^[A-Z0-9-]{6,20}$' }) });

/** A request form takes requests, not a booking calendar's resource nor a dataset. */
const takesRequests = (resource: ResourceRow) => !resource.booking_href && resource.kind !== 'datensatz';

export async function publicResourceRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.get('/initiativen/ressourcen', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const kind = request.query.art ?? '';
    const domain = request.query.bereich ?? '';
    const rows = await activeResources(initiativesDb(ctx.db), { kinds: kind ? [kind] : [], domains: domain ? [domain] : [] });
    return reply.html({ title: request.t('initiatives:resources.title') }, <ResourceListPage page={request.page} rows={rows} kind={kind} domain={domain} today={todayInBerlin()} />);
  });

  async function detail(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    const db = initiativesDb(ctx.db);
    const resource = await resourceBySlug(db, request.params.slug);
    if (!resource) throw new HttpProblem(404, 'initiatives:resources.errors.unknown');
    const office = await publishedOffice(ctx, resource.office_slug);
    const title = office?.content.title;
    const initiatives = takesRequests(resource) ? await publishedInitiatives(db) : [];
    const errors = shown.errors ? formMessages(request.page, shown.errors, requestForm) : {};
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: resource.title, hasErrors: Boolean(shown.errors) },
        <ResourceDetailPage
          page={request.page}
          resource={resource}
          office={title ? { title, slug: resource.office_slug } : null}
          today={todayInBerlin()}
          form={takesRequests(resource) ? { raw: shown.raw, errors, initiatives: [{ value: '', label: request.t('initiatives:resources.form.noInitiative') }, ...initiatives.map((entry) => ({ value: entry.slug, label: entry.name }))] } : null}
        />,
      );
  }

  app.get('/initiativen/ressourcen/:slug', { schema: { params: SlugParams } }, async (request, reply) => detail(request, reply, { raw: {} }));

  app.post(
    '/initiativen/ressourcen/:slug/anfragen',
    { schema: { params: SlugParams, body: formBody(requestForm) }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const read = readForm(requestForm, request);
      if (!read.ok) return detail(request, reply, read);
      const result = await once(ctx, request, read, () => sendRequest(ctx, request.params.slug, read.value, request.page.lang));
      if (result.ok) return reply.redirect(`/initiativen/ressourcen/${request.params.slug}/gesendet?ref=${encodeURIComponent(result.reference)}`, 303);
      if (result.reason === 'unknown-resource') throw new HttpProblem(404, 'initiatives:resources.errors.unknown');
      return detail(request, reply, withErrors(read, result.errors));
    },
  );

  app.get('/initiativen/ressourcen/:slug/gesendet', { schema: { params: SlugParams, querystring: SentQuery } }, async (request, reply) => {
    const resource = await resourceBySlug(initiativesDb(ctx.db), request.params.slug);
    if (!resource) throw new HttpProblem(404, 'initiatives:resources.errors.unknown');
    return reply.header('cache-control', 'no-store').html({ title: request.t('initiatives:resources.sent.title') }, <RequestSentPage page={request.page} reference={request.query.ref} resource={resource} />);
  });
}
