import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { isSignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { bodyLimitFor, formBody, multipartFor, readForm, toRaw } from '#kernel/forms/index.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { initiativesDb } from '../repo.ts';
import { mapTilesOf } from '../resources/settings.ts';
import type { InitiativeRow } from '../tables.ts';
import { actingOf, ButtonBody, entryPath, grantAccess, IdParams, requireAccess, shownOf } from './access.ts';
import { entryForm, feedForm, linkRequestForm, maintainerForm } from './forms.ts';
import { linkHours } from './jobs.ts';
import { directEventsOf, feedsOf, initiativesOfUser, maintainersOf } from './repo.ts';
import { addMaintainer, attachAccount, confirmCurrent, keyOpens, registerFeed, removeMaintainer, requestEditLinks, saveEntry, type Access } from './service.ts';
import { eventRoutes } from './routes.events.tsx';
import { NoticePage } from '#kernel/html/components.tsx';
import { EntryPage, LinkPage, LinkRequestPage, MinePage, type Shown } from './views.tsx';

/* The pages partners keep their entry with: asking for a link, opening it, the entry, its feeds and maintainers. */

const KeyParams = Type.Object({ key: Type.String({ minLength: 20, maxLength: 100 }) });
const MaintainerParams = Type.Object({ initiativeId: Type.String({ format: 'uuid' }), maintainerId: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });

const notices = ['saved', 'confirmed', 'feed-added', 'maintainer-added', 'maintainer-removed', 'event-added', 'event-saved', 'event-cancelled', 'account-attached'] as const;
const empty: Shown = { raw: {}, errors: {} };

export async function maintenanceRoutes(app: App, ctx: KernelContext): Promise<void> {
  const db = () => initiativesDb(ctx.db);

  async function entryPage(request: FastifyRequest, reply: FastifyReply, access: Access, shown: { entry?: Shown; feed?: Shown; maintainer?: Shown; notice?: string | undefined }) {
    const initiative = await db().selectFrom('initiatives').selectAll().where('id', '=', access.initiativeId).executeTakeFirstOrThrow();
    const [events, feeds, maintainers] = await Promise.all([directEventsOf(db(), initiative.id), feedsOf(db(), initiative.id), maintainersOf(db(), initiative.id)]);
    const entry = shown.entry ?? { raw: toRaw(entryForm, entryValue(initiative)), errors: {} };
    const failed = [shown.entry, shown.feed, shown.maintainer].some((part) => part && Object.keys(part.errors).length > 0);
    const title = request.t('initiatives:maintenance.entry.title', { name: initiative.name });
    const notice = shown.notice && (notices as readonly string[]).includes(shown.notice) ? request.t(`initiatives:maintenance.notices.${shown.notice}`) : undefined;
    return reply
      .status(failed ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title, hasErrors: failed },
        <EntryPage page={request.page} initiative={initiative} events={events} feeds={feeds} maintainers={maintainers} currentMaintainerId={access.maintainerId} notice={notice} entry={entry} feed={shown.feed ?? empty} maintainer={shown.maintainer ?? empty} tiles={mapTilesOf(ctx)} />,
      );
  }

  const requestPage = (request: FastifyRequest, reply: FastifyReply, shown: Shown) =>
    reply
      .status(Object.keys(shown.errors).length > 0 ? 422 : 200)
      .html({ title: request.t('initiatives:maintenance.request.title'), hasErrors: Object.keys(shown.errors).length > 0 }, <LinkRequestPage page={request.page} shown={shown} />);

  app.get('/initiativen/pflegen', async (request, reply) => requestPage(request, reply, empty));

  app.post('/initiativen/pflegen', { schema: { body: formBody(linkRequestForm) }, attachValidation: true, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const read = readForm(linkRequestForm, request);
    if (!read.ok) return requestPage(request, reply, shownOf(request, linkRequestForm, read));
    await requestEditLinks(ctx, read.value.email, request.page.lang);
    return reply.redirect('/initiativen/pflegen/gesendet', 303);
  });

  app.get('/initiativen/pflegen/gesendet', async (request, reply) => {
    const title = request.t('initiatives:maintenance.sent.title');
    return reply.html({ title }, <NoticePage title={title} text={request.t('initiatives:maintenance.sent.text', { hours: linkHours })} />);
  });

  app.get('/initiativen/pflegen/link/:key', { schema: { params: KeyParams } }, async (request, reply) => {
    const opened = await keyOpens(ctx, request.params.key);
    if (!opened) throw new HttpProblem(404, 'initiatives:maintenance.errors.link');
    const title = request.t('initiatives:maintenance.link.title', { name: opened.initiativeName });
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .html({ title }, <LinkPage page={request.page} name={opened.initiativeName} action={`/initiativen/pflegen/link/${request.params.key}`} signedIn={isSignedIn(request.actor)} />);
  });

  app.post('/initiativen/pflegen/link/:key', { schema: { params: KeyParams, body: ButtonBody } }, async (request, reply) => {
    const opened = await keyOpens(ctx, request.params.key);
    if (!opened?.maintainerId) throw new HttpProblem(404, 'initiatives:maintenance.errors.link');
    grantAccess(ctx, reply, { initiativeId: opened.initiativeId, maintainerId: opened.maintainerId, expiresAt: opened.expiresAt });
    return reply.redirect(entryPath(opened.initiativeId), 303);
  });

  app.post('/initiativen/pflegen/link/:key/konto', { schema: { params: KeyParams, body: ButtonBody } }, async (request, reply) => {
    const result = await attachAccount(ctx, actingOf(request), request.params.key);
    if (!result.ok) throw result.reason === 'other-account' ? new HttpProblem(409, 'initiatives:maintenance.errors.otherAccount') : new HttpProblem(404, 'initiatives:maintenance.errors.link');
    return reply.redirect(`${entryPath(result.initiativeId)}?notice=account-attached`, 303);
  });

  app.get('/initiativen/pflegen/:initiativeId', { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    return entryPage(request, reply, access, { notice: request.query.notice });
  });

  // The entry's form may carry a new logo: its own scope takes multipart bodies.
  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, multipartFor(ctx, entryForm));
    scope.post('/initiativen/pflegen/:initiativeId', { bodyLimit: bodyLimitFor(entryForm), schema: { params: IdParams, body: formBody(entryForm) }, attachValidation: true }, async (request, reply) => {
      const access = await requireAccess(ctx, request, request.params.initiativeId);
      const read = readForm(entryForm, request);
      if (!read.ok) return entryPage(request, reply, access, { entry: shownOf(request, entryForm, read) });
      const saved = await saveEntry(ctx, actingOf(request), access, read.value);
      if (!saved.ok) return entryPage(request, reply, access, { entry: shownOf(request, entryForm, { raw: read.raw, errors: { [saved.problem.field]: { code: saved.problem.code } } }) });
      return reply.redirect(`${entryPath(access.initiativeId)}?notice=saved`, 303);
    });
  });

  app.post('/initiativen/pflegen/:initiativeId/aktuell', { schema: { params: IdParams, body: ButtonBody } }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    await confirmCurrent(ctx, actingOf(request), access);
    return reply.redirect(`${entryPath(access.initiativeId)}?notice=confirmed`, 303);
  });

  app.post('/initiativen/pflegen/:initiativeId/feeds', { schema: { params: IdParams, body: formBody(feedForm) }, attachValidation: true }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const read = readForm(feedForm, request);
    if (!read.ok) return entryPage(request, reply, access, { feed: shownOf(request, feedForm, read) });
    const added = await registerFeed(ctx, actingOf(request), access, read.value);
    if (!added.ok) return entryPage(request, reply, access, { feed: shownOf(request, feedForm, { raw: read.raw, errors: { feedUrl: { code: added.code } } }) });
    return reply.redirect(`${entryPath(access.initiativeId)}?notice=feed-added`, 303);
  });

  app.post('/initiativen/pflegen/:initiativeId/betreuende', { schema: { params: IdParams, body: formBody(maintainerForm) }, attachValidation: true }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const read = readForm(maintainerForm, request);
    if (!read.ok) return entryPage(request, reply, access, { maintainer: shownOf(request, maintainerForm, read) });
    const added = await addMaintainer(ctx, actingOf(request), access, read.value);
    if (!added.ok) return entryPage(request, reply, access, { maintainer: shownOf(request, maintainerForm, { raw: read.raw, errors: { maintainerEmail: { code: added.code } } }) });
    return reply.redirect(`${entryPath(access.initiativeId)}?notice=maintainer-added`, 303);
  });

  app.post('/initiativen/pflegen/:initiativeId/betreuende/:maintainerId/entfernen', { schema: { params: MaintainerParams, body: ButtonBody } }, async (request, reply) => {
    const access = await requireAccess(ctx, request, request.params.initiativeId);
    const removed = await removeMaintainer(ctx, actingOf(request), access, request.params.maintainerId);
    if (!removed.ok) throw removed.reason === 'last' ? new HttpProblem(409, 'initiatives:maintenance.errors.lastMaintainer') : new HttpProblem(404, 'initiatives:maintenance.errors.notFound');
    // Whoever removed their own row has no access left: they go back to the page that mails links.
    const self = request.params.maintainerId === access.maintainerId;
    return reply.redirect(self ? '/initiativen/pflegen' : `${entryPath(access.initiativeId)}?notice=maintainer-removed`, 303);
  });

  await app.register(async (scope) => eventRoutes(scope, ctx));

  await app.register(async (account) => {
    account.addHook('onRequest', signedInOnly);
    account.get('/konto/initiativen', async (request, reply) => {
      if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
      const entries = await initiativesOfUser(db(), request.actor.userId);
      const title = request.t('initiatives:maintenance.mine.title');
      return reply
        .header('cache-control', 'no-store')
        .html({ title, breadcrumbs: [{ label: request.t('accounts:account.title'), href: '/konto' }, { label: title }] }, <MinePage page={request.page} entries={entries} />);
    });
  });
}

/** The stored entry as the form's value, to show it filled in. */
function entryValue(initiative: InitiativeRow) {
  return {
    name: initiative.name,
    summary: initiative.summary,
    description: initiative.description,
    providerKind: initiative.provider_kind,
    domains: initiative.domains,
    targetGroups: initiative.target_groups,
    districts: initiative.districts,
    contactName: initiative.contact_name ?? '',
    contactEmail: initiative.contact_email ?? '',
    contactPhone: initiative.contact_phone,
    website: initiative.website ?? '',
    accessibility: initiative.accessibility,
    accessibilityNote: initiative.accessibility_note ?? '',
    languages: initiative.languages,
    meetingTimes: initiative.meeting_times ?? '',
    address: initiative.address ?? '',
    latitude: initiative.latitude ?? '',
    longitude: initiative.longitude ?? '',
    logo: null,
    logoAlt: initiative.logo_alt ?? '',
    removeLogo: false,
  };
}

