import type { KernelContext } from '#kernel/context.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import type { App } from '#kernel/module.ts';
import { berlinInstant, berlinTime, openingStatus } from './hours.ts';
import { CatalogExport, type OfficeContent, type SituationContent } from './schemas.content.ts';
import { ImportResponse, ListQuery, OfficeDetail, OfficeSummary, page, ServiceDetail, ServiceSummary, SituationDetail, SituationSummary, SlugParam } from './schemas.api.ts';
import type { ListedService, OfficeView, ServiceView } from './service.public.ts';
import { publishedOfKind, publishedOffice, publishedService, publishedSituation, serviceList } from './service.public.ts';
import { exportCatalog, importCatalog } from './service.transfer.ts';
import { importProblemMessages } from './transfer.words.ts';

const tags = ['Leistungskatalog'];

/** The catalogue for machines: read without a key; export and import with the `catalog.transfer` permission. */
export async function apiRoutes(app: App, ctx: KernelContext): Promise<void> {
  const base = ctx.config.PUBLIC_URL;
  const ref = (path: string, slug: string, title: string) => ({ slug, title, url: `${base}/${path}/${slug}` });
  const summary = (service: ListedService) => ({ ...service, url: `${base}/leistungen/${service.slug}` });

  const status = (office: OfficeContent, now: Date) => {
    const current = openingStatus(office, now, holidaysFor(ctx.config));
    if (current.open) return { open: true, closesAt: berlinInstant(berlinTime(now).date, current.closesAt).toISOString(), opensAt: null };
    return { open: false, closesAt: null, opensAt: current.next ? berlinInstant(current.next.date, current.next.time).toISOString() : null };
  };
  const officeSummary = (id: string, office: OfficeContent, now: Date) => ({
    id,
    slug: office.slug,
    title: office.title,
    summary: office.summary,
    address: { street: office.street, postalCode: office.postalCode, city: office.city },
    phone: office.phone,
    email: office.email,
    url: `${base}/dienststellen/${office.slug}`,
    status: status(office, now),
  });

  app.get('/api/v1/services', { schema: { tags, summary: 'Published services, A–Z', querystring: ListQuery, response: { 200: page(ServiceSummary), ...problemResponses(400) } } }, async (request) => {
    const { page: current, perPage, lifeSituation, office } = request.query;
    const list = await serviceList(ctx, { situation: lifeSituation, office, page: current, perPage });
    return { items: list.items.map(summary), page: current, perPage, total: list.total };
  });

  app.get('/api/v1/services/:slug', { schema: { tags, summary: 'One published service with all its sections and routes', params: SlugParam, response: { 200: ServiceDetail, ...problemResponses(400, 404) } } }, async (request) => {
    const service = await publishedService(ctx, request.params.slug);
    if (!service) throw new HttpProblem(404, 'catalog:api.notFound');
    return serviceDetail(service);
  });

  const serviceDetail = (service: ServiceView) => {
    const { officeId: _officeId, lifeSituationIds: _situations, ...content } = service.content;
    return {
      ...content,
      id: service.id,
      url: `${base}/leistungen/${content.slug}`,
      office: service.office ? ref('dienststellen', service.office.slug, service.office.title) : null,
      lifeSituations: service.situations.map((situation) => ref('lebenslagen', situation.slug, situation.title)),
      publishedAt: service.publishedAt ? new Date(service.publishedAt).toISOString() : null,
    };
  };

  app.get('/api/v1/offices', { schema: { tags, summary: 'Published offices with their opening status now', response: { 200: page(OfficeSummary), ...problemResponses(400) } } }, async () => {
    const offices = await publishedOfKind<OfficeContent>(ctx, 'office');
    const now = new Date();
    return { items: offices.map((office) => officeSummary(office.id, office.content, now)), page: 1, perPage: offices.length, total: offices.length };
  });

  app.get('/api/v1/offices/:slug', { schema: { tags, summary: 'One office: address, hours with exceptions, accessibility, services', params: SlugParam, response: { 200: OfficeDetail, ...problemResponses(400, 404) } } }, async (request) => {
    const office = await publishedOffice(ctx, request.params.slug);
    if (!office) throw new HttpProblem(404, 'catalog:api.notFound');
    return officeDetail(office);
  });

  const officeDetail = ({ id, content, services }: OfficeView) => ({
    ...officeSummary(id, content, new Date()),
    description: content.description,
    website: content.website,
    hours: [...content.hours].sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens)),
    exceptions: content.exceptions,
    closedOnHolidays: content.closedOnHolidays,
    holidayState: ctx.config.HOLIDAY_STATE,
    closingDays: content.closingDays ?? [],
    hoursNote: content.hoursNote,
    accessibility: { stepFree: content.stepFree, accessibleToilet: content.accessibleToilet, disabledParking: content.disabledParking, hearingLoop: content.hearingLoop, note: content.accessibilityNote },
    services: services.map((service) => ref('leistungen', service.slug, service.title)),
  });

  app.get('/api/v1/life-situations', { schema: { tags, summary: 'Life situations (Lebenslagen)', response: { 200: page(SituationSummary), ...problemResponses(400) } } }, async () => {
    const situations = await publishedOfKind<SituationContent>(ctx, 'situation');
    const items = situations.map(({ id, content }) => ({ id, slug: content.slug, title: content.title, summary: content.summary, url: `${base}/lebenslagen/${content.slug}` }));
    return { items, page: 1, perPage: items.length, total: items.length };
  });

  app.get('/api/v1/life-situations/:slug', { schema: { tags, summary: 'One life situation with its services', params: SlugParam, response: { 200: SituationDetail, ...problemResponses(400, 404) } } }, async (request) => {
    const situation = await publishedSituation(ctx, request.params.slug);
    if (!situation) throw new HttpProblem(404, 'catalog:api.notFound');
    const { content } = situation;
    return {
      id: situation.id,
      slug: content.slug,
      title: content.title,
      summary: content.summary,
      url: `${base}/lebenslagen/${content.slug}`,
      description: content.description,
      tips: content.tips,
      services: situation.services.map((service) => ref('leistungen', service.slug, service.title)),
    };
  });

  app.get('/api/v1/catalog/export', { schema: { tags, summary: 'The whole catalogue, drafts included (permission catalog.transfer)', response: { 200: CatalogExport, ...problemResponses(401, 403) } } }, async (request) =>
    exportCatalog(ctx, request.actor),
  );

  app.post(
    '/api/v1/catalog/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      // Machines authenticate with a bearer token; without the CSRF check the kernel ignores session cookies here.
      config: { csrf: false },
      schema: { tags, summary: 'Imports a catalogue file; all or nothing (permission catalog.transfer)', response: { 200: ImportResponse, ...problemResponses(400, 401, 403, 413, 415, 422) } },
    },
    async (request) => {
      const result = await importCatalog(ctx, request.actor, request.body);
      if (!result.ok) throw new HttpProblem(422, 'catalog:transfer.rejected', {}, { type: 'catalog/import-rejected', problems: importProblemMessages(request.t, result.problems) });
      return { created: result.created, updated: result.updated, unchanged: result.unchanged };
    },
  );
}
