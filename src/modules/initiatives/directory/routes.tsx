import { Feed } from 'feed';
import Type from 'typebox';
import { addDays, berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { parseDay } from '#kernel/dates.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { calendarFile, calendarFileName, calendarMediaType, uidFor } from '#kernel/ical/ical.ts';
import type { App } from '#kernel/module.ts';
import { publicPage } from '#kernel/page-cache/index.ts';
import { initiativesDb } from '../repo.ts';
import { resourcesFor } from '../resources/repo.ts';
import { mapTilesOf } from '../resources/settings.ts';
import { MapIsland } from '../views/map.tsx';
import { accessibilityFeatures, districtKeys, domains, type AccessibilityFeature, type District, type Domain } from '../vocabulary.ts';
import { calendarEntries, countsByDomain, publicEvent, publishedBySlug, publishedInitiatives, type CalendarEntry, type CalendarFilter } from './repo.ts';
import { CalendarPage, type CalendarSearch } from './views/calendar.tsx';
import { DirectoryPage } from './views/directory.tsx';
import { EventPage } from './views/event.tsx';
import { InitiativePage } from './views/initiative.tsx';
import { whenText } from './views/parts.tsx';

/*
 * The hub's public pages: the directory, an initiative, the shared calendar, an event, and the calendar as
 * iCalendar and Atom feeds with the same filters. All are made from the hub's tables, whose triggers
 * announce each change, so they are served from the page cache.
 */

const cached = publicPage('initiatives');
const listOf = <T extends string>(values: readonly T[]) => {
  const one = Type.Union(values.map((value) => Type.Literal(value)));
  return Type.Optional(Type.Union([one, Type.Array(one, { maxItems: values.length })]));
};
const filterQuery = {
  bereich: listOf(domains),
  bezirk: Type.Optional(Type.Union([Type.Literal(''), ...districtKeys.map((key) => Type.Literal(key))])),
  barrierefrei: listOf(accessibilityFeatures),
  lang: Type.Optional(Type.String()),
};
const DirectoryQuery = Type.Object({ ...filterQuery, q: Type.Optional(Type.String({ maxLength: 100 })) });
const CalendarQuery = Type.Object({ ...filterQuery, ab: Type.Optional(Type.String({ maxLength: 10 })) });
const FeedQuery = Type.Object(filterQuery);
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 120 }) });
const EventParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

type FilterQuery = { bereich?: Domain | Domain[]; bezirk?: District | ''; barrierefrei?: AccessibilityFeature | AccessibilityFeature[] };

const asList = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? [...new Set(value)] : [value]);

function filterOf(query: FilterQuery) {
  return { domains: asList(query.bereich), district: query.bezirk || undefined, accessibility: asList(query.barrierefrei) };
}

/** Days the calendar page shows at once, and how far its feeds reach. */
const pageDays = 31;
const feedDays = 120;
const feedLimit = 1000;

export async function directoryRoutes(app: App, ctx: KernelContext): Promise<void> {
  const db = initiativesDb(ctx.db);

  app.get('/initiativen', { schema: { querystring: DirectoryQuery }, config: cached }, async (request, reply) => {
    const filter = filterOf(request.query);
    const text = request.query.q?.trim() ?? '';
    const [initiatives, counts] = await Promise.all([publishedInitiatives(db, { ...filter, text: text || undefined }), countsByDomain(db)]);
    const t = request.t;
    return reply.html(
      { title: t('initiatives:directory.title'), breadcrumbs: [{ label: t('initiatives:directory.title') }] },
      <DirectoryPage
        page={request.page}
        search={{ domains: filter.domains, district: filter.district ?? '', accessibility: filter.accessibility, text }}
        initiatives={initiatives}
        counts={counts}
        map={
          <MapIsland
            page={request.page}
            tiles={mapTilesOf(ctx)}
            points={initiatives.flatMap((entry) => (entry.latitude === null || entry.longitude === null ? [] : [{ name: entry.name, href: `/initiativen/${entry.slug}`, latitude: Number(entry.latitude), longitude: Number(entry.longitude), domains: entry.domains }]))}
          />
        }
      />,
    );
  });

  app.get('/initiativen/kalender', { schema: { querystring: CalendarQuery }, config: cached }, async (request, reply) => {
    const t = request.t;
    const today = todayInBerlin();
    let from = today;
    if (request.query.ab) {
      const parsed = parseDay(request.query.ab);
      if (!parsed.ok) throw new HttpProblem(400, 'initiatives:calendar.problems.day');
      from = parsed.day;
    }
    const filter = filterOf(request.query);
    const until = addDays(from, pageDays - 1);
    const entries = await calendarEntries(db, { ...filter, from: berlinDay(from).from, to: berlinDay(until).to, limit: 500 });
    const search: CalendarSearch = { domains: filter.domains, district: filter.district ?? '', accessibility: filter.accessibility, from };
    const next = addDays(until, 1) <= addDays(today, 360) ? addDays(until, 1) : null;
    return reply.html(
      { title: t('initiatives:calendar.title'), breadcrumbs: [{ label: t('initiatives:directory.title'), href: '/initiativen' }, { label: t('initiatives:calendar.title') }] },
      <CalendarPage page={request.page} search={search} entries={entries} until={until} next={next} />,
    );
  });

  /** The next months' dates of the filter, for a calendar program or a feed reader. */
  const feedEntries = (filter: Omit<CalendarFilter, 'from' | 'to' | 'limit'>) => {
    const now = new Date();
    return calendarEntries(db, { ...filter, from: now, to: new Date(now.getTime() + feedDays * 86_400_000), limit: feedLimit });
  };

  app.get('/initiativen/kalender.ics', { schema: { querystring: FeedQuery }, config: cached }, async (request, reply) => {
    const entries = await feedEntries(filterOf(request.query));
    return sendCalendar(reply, ctx, request.t('initiatives:calendar.title'), entries);
  });

  app.get('/initiativen/kalender.atom', { schema: { querystring: FeedQuery }, config: cached }, async (request, reply) => {
    const t = request.t;
    const entries = await feedEntries(filterOf(request.query));
    const base = ctx.config.PUBLIC_URL.replace(/\/$/, '');
    const self = `${base}${request.url.split('#')[0]}`;
    const feed = new Feed({
      title: t('initiatives:calendar.feedTitle', { city: ctx.config.CITY_NAME }),
      description: t('initiatives:calendar.lead'),
      id: self,
      link: `${base}/initiativen/kalender`,
      language: request.page.lang,
      updated: entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), new Date(0)),
      copyright: t('initiatives:calendar.feedRights', { city: ctx.config.CITY_NAME }),
      feedLinks: { atom: self },
    });
    for (const entry of entries) {
      const link = `${base}/initiativen/termine/${entry.eventId}`;
      feed.addItem({
        title: `${entry.title} (${entry.initiative.name})`,
        id: `${link}#${entry.startsAt.toISOString()}`,
        link,
        date: entry.updatedAt,
        published: entry.startsAt,
        description: [whenText(request.page, entry.startsAt, entry.endsAt, entry.allDay), entry.location, entry.description].filter(Boolean).join(' · '),
      });
    }
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(feed.atom1());
  });

  app.get('/initiativen/termine/:id', { schema: { params: EventParams }, config: cached }, async (request, reply) => {
    const event = await publicEvent(db, request.params.id);
    if (!event) throw new HttpProblem(404, 'initiatives:calendar.problems.eventNotFound');
    const now = new Date();
    const upcoming = await calendarEntries(db, { initiativeId: event.initiative_id, from: now, to: new Date(now.getTime() + 365 * 86_400_000), limit: 500 });
    const t = request.t;
    return reply.html(
      { title: event.title, breadcrumbs: [{ label: t('initiatives:directory.title'), href: '/initiativen' }, { label: t('initiatives:calendar.title'), href: '/initiativen/kalender' }, { label: event.title }] },
      <EventPage page={request.page} event={event} dates={upcoming.filter((entry) => entry.eventId === event.id).slice(0, 12)} />,
    );
  });

  app.get('/initiativen/:slug', { schema: { params: SlugParams }, config: cached }, async (request, reply) => {
    const initiative = await publishedBySlug(db, request.params.slug);
    if (!initiative) throw new HttpProblem(404, 'initiatives:directory.problems.notFound');
    const now = new Date();
    const [events, resources] = await Promise.all([
      calendarEntries(db, { initiativeId: initiative.id, from: now, to: new Date(now.getTime() + 90 * 86_400_000), limit: 10 }),
      resourcesFor(ctx.db, initiative, todayInBerlin(now)),
    ]);
    const t = request.t;
    return reply.html(
      { title: initiative.name, breadcrumbs: [{ label: t('initiatives:directory.title'), href: '/initiativen' }, { label: initiative.name }] },
      <InitiativePage page={request.page} initiative={initiative} events={events} resources={resources} />,
    );
  });

  // The logo goes out as the file store sends every file: with its checked type, nosniff and a policy that allows nothing.
  app.get('/initiativen/:slug/logo', { schema: { params: SlugParams } }, async (request, reply) => {
    const initiative = await publishedBySlug(db, request.params.slug);
    if (!initiative?.logo_file_id) throw new HttpProblem(404, 'initiatives:directory.problems.notFound');
    return ctx.files.send(reply, { fileId: initiative.logo_file_id, filename: `logo-${initiative.slug}`, actor: request.actor });
  });

  app.get('/initiativen/:slug/termine.ics', { schema: { params: SlugParams }, config: cached }, async (request, reply) => {
    const initiative = await publishedBySlug(db, request.params.slug);
    if (!initiative) throw new HttpProblem(404, 'initiatives:directory.problems.notFound');
    return sendCalendar(reply, ctx, initiative.name, await feedEntries({ initiativeId: initiative.id }));
  });
}


/** Every occurrence as an event of its own, named by the event and its start, so a calendar keeps each one. */
function sendCalendar(reply: import('fastify').FastifyReply, ctx: KernelContext, name: string, entries: readonly CalendarEntry[]) {
  const base = ctx.config.PUBLIC_URL.replace(/\/$/, '');
  const file = calendarFile({
    cityName: ctx.config.CITY_NAME,
    method: 'PUBLISH',
    name,
    events: entries.map((entry) => ({
      uid: uidFor(`${entry.eventId}-${entry.startsAt.toISOString().replace(/[^0-9]/g, '').slice(0, 12)}`, ctx.config.PUBLIC_URL),
      sequence: entry.sequence,
      start: entry.startsAt,
      end: entry.endsAt > entry.startsAt ? entry.endsAt : new Date(entry.startsAt.getTime() + 60_000),
      allDay: entry.allDay,
      summary: entry.title,
      description: [entry.initiative.name, entry.description].filter(Boolean).join('\n\n'),
      ...(entry.location ? { location: entry.location } : {}),
      url: `${base}/initiativen/termine/${entry.eventId}`,
      lastModified: entry.updatedAt,
    })),
  });
  return reply.header('content-type', calendarMediaType('PUBLISH')).header('content-disposition', `inline; filename="${calendarFileName(name)}"`).send(file);
}
