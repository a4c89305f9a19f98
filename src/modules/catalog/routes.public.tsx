import type { KernelContext } from '#kernel/context.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { publicPage } from '#kernel/page-cache/index.ts';
import type { App } from '#kernel/module.ts';
import { settingsOf } from '#kernel/settings.ts';
import { IndexQuery, SlugParams } from './schemas.ts';
import { catalogSettings } from './settings.ts';
import type { OfficeContent, SituationContent } from './schemas.content.ts';
import { inLanguage } from './schemas.english.ts';
import { editCatalog } from './service.editing.ts';
import { publishedOfKind, publishedOffice, publishedService, publishedSituation, serviceList, serviceRouteScopes, withOfferedRoutes } from './service.public.ts';
import { CatalogIndexPage, OfficesPage, SituationsPage } from './views/lists.tsx';
import { OfficePage } from './views/office.tsx';
import { ServicePage } from './views/service.tsx';
import { SituationPage } from './views/situation.tsx';

const perPage = 100;
/** Every public catalogue page is made from published entries alone: cached until the next publication. */
const cached = publicPage('catalog');

/** The catalogue as citizens see it: services A–Z, life situations, offices, and a page for each. */
export async function publicRoutes(app: App, ctx: KernelContext): Promise<void> {
  // A service page also shows the routes other modules run for it (an online form): their changes count too.
  const servicePage = publicPage('catalog', ...serviceRouteScopes(ctx));
  app.get('/leistungen', { schema: { querystring: IndexQuery }, config: cached }, async (request, reply) => {
    const t = request.t;
    const filter = { lebenslage: request.query.lebenslage || undefined, dienststelle: request.query.dienststelle || undefined, seite: request.query.seite ?? 1 };
    const [list, situations, offices] = await Promise.all([
      serviceList(ctx, { situation: filter.lebenslage, office: filter.dienststelle, page: filter.seite, perPage }),
      publishedOfKind<SituationContent>(ctx, 'situation'),
      publishedOfKind<OfficeContent>(ctx, 'office'),
    ]);
    const pages = Math.max(1, Math.ceil(list.total / perPage));
    if (filter.seite > pages) throw new HttpProblem(404, 'kernel:errors.notFound.body');
    return reply.html(
      { title: t('catalog:index.title'), breadcrumbs: [{ label: t('catalog:index.title') }] },
      <CatalogIndexPage
        page={request.page}
        services={list.items}
        total={list.total}
        pages={pages}
        filter={filter}
        situations={situations}
        offices={offices}
        canEdit={ctx.permissions.can(request.actor, editCatalog)}
      />,
    );
  });

  app.get('/leistungen/:slug', { schema: { params: SlugParams }, config: servicePage }, async (request, reply) => {
    const published = await publishedService(ctx, request.params.slug);
    if (!published) return reply.callNotFound();
    const service = await withOfferedRoutes(ctx, published);
    const t = request.t;
    const title = inLanguage(request.page.lang, service.content.title, service.content.en?.title).value;
    return reply.html(
      { title, breadcrumbs: [{ label: t('catalog:index.title'), href: '/leistungen' }, { label: title }] },
      <ServicePage page={request.page} service={service} now={new Date()} holidays={holidaysFor(ctx.config)} publicUrl={ctx.config.PUBLIC_URL} />,
    );
  });

  app.get('/lebenslagen', { config: cached }, async (request, reply) => {
    const t = request.t;
    const situations = await publishedOfKind<SituationContent>(ctx, 'situation');
    return reply.html({ title: t('catalog:situations.title'), breadcrumbs: [{ label: t('catalog:situations.title') }] }, <SituationsPage page={request.page} situations={situations} />);
  });

  app.get('/lebenslagen/:slug', { schema: { params: SlugParams }, config: cached }, async (request, reply) => {
    const situation = await publishedSituation(ctx, request.params.slug);
    if (!situation) return reply.callNotFound();
    const t = request.t;
    const title = inLanguage(request.page.lang, situation.content.title, situation.content.en?.title).value;
    return reply.html(
      { title, breadcrumbs: [{ label: t('catalog:situations.title'), href: '/lebenslagen' }, { label: title }] },
      <SituationPage page={request.page} situation={situation} />,
    );
  });

  app.get('/dienststellen', { config: cached }, async (request, reply) => {
    const t = request.t;
    const offices = await publishedOfKind<OfficeContent>(ctx, 'office');
    return reply.html({ title: t('catalog:offices.title'), breadcrumbs: [{ label: t('catalog:offices.title') }] }, <OfficesPage page={request.page} offices={offices} now={new Date()} holidays={holidaysFor(ctx.config)} />);
  });

  app.get('/dienststellen/:slug', { schema: { params: SlugParams }, config: cached }, async (request, reply) => {
    const office = await publishedOffice(ctx, request.params.slug);
    if (!office) return reply.callNotFound();
    const t = request.t;
    const title = inLanguage(request.page.lang, office.content.title, office.content.en?.title).value;
    return reply.html(
      { title, breadcrumbs: [{ label: t('catalog:offices.title'), href: '/dienststellen' }, { label: title }] },
      <OfficePage page={request.page} office={office} now={new Date()} holidays={holidaysFor(ctx.config)} mapUrlTemplate={settingsOf(ctx, catalogSettings).MAP_URL_TEMPLATE} />,
    );
  });
}
