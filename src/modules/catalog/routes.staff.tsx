import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, once, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { settingsOf } from '#kernel/settings.ts';
import { entryForms, entryRaw, newEntryRaw, readEntryForm, revisionOf } from './forms.ts';
import { IdParams, NoticeQuery } from './schemas.ts';
import { catalogSettings } from './settings.ts';
import { createEntry, editCatalog, entryHistory, saveDraft, type EditResult } from './service.editing.ts';
import { publishEntry, unpublishEntry, type PublishResult } from './service.publishing.ts';
import { requestLinkCheck } from './service.links.ts';
import { editorChoices, editorEntry, editorOverview } from './service.overview.ts';
import { previewEntry } from './service.public.ts';
import { transferCatalog } from './service.transfer.ts';
import type { Entry, EntryKind } from './tables.ts';
import { staffSection, type EditProps } from './views/editing.tsx';
import { OfficeEditPage, SituationEditPage } from './views/edit-office.tsx';
import { ServiceEditPage } from './views/edit-service.tsx';
import { OfficePage } from './views/office.tsx';
import { ServicePage } from './views/service.tsx';
import { SituationPage } from './views/situation.tsx';
import { DashboardPage, HistoryPage, PreviewBanner } from './views/staff.tsx';

const notices: Record<string, string> = {
  created: 'catalog:staff.notices.created',
  saved: 'catalog:staff.notices.saved',
  published: 'catalog:staff.notices.published',
  unpublished: 'catalog:staff.notices.unpublished',
  'links-queued': 'catalog:staff.notices.linksQueued',
  imported: 'catalog:staff.notices.imported',
};

/** A form as shown: what was typed or is stored, the problems as reason codes, and the status to answer with. */
interface Shown {
  entry: Entry | null;
  read: { raw: Raw; errors?: FormErrors };
  notice?: string;
  status?: number;
}

/** The catalogue's back office, for editors only; visitors are sent to the login. */
export async function staffRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, editCatalog));
  const dashboardCrumb = (request: FastifyRequest) => ({ label: request.t('catalog:staff.title'), href: '/verwaltung/katalog' });

  app.get('/verwaltung/katalog', { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const { entries, broken } = await editorOverview(ctx, request.actor);
    const t = request.t;
    return reply.html(
      { title: t('catalog:staff.title'), breadcrumbs: [{ label: t('catalog:staff.title') }] },
      <DashboardPage page={request.page} entries={entries} broken={broken} notice={notices[request.query.notice ?? '']} canTransfer={ctx.permissions.can(request.actor, transferCatalog)} />,
    );
  });

  app.post('/verwaltung/katalog/links-pruefen', async (request, reply) => {
    await requestLinkCheck(ctx, request.actor);
    return reply.redirect('/verwaltung/katalog?notice=links-queued', 303);
  });

  for (const kind of ['service', 'office', 'situation'] as const) registerKind(app, ctx, kind, dashboardCrumb);
}

function registerKind(app: App, ctx: KernelContext, kind: EntryKind, dashboardCrumb: (request: FastifyRequest) => { label: string; href: string }) {
  const base = `/verwaltung/katalog/${staffSection[kind]}`;

  const form = entryForms[kind];

  const render = async (request: FastifyRequest, reply: FastifyReply, shown: Shown) => {
    const t = request.t;
    const state = formState(request.page, shown.read, form);
    const editing = shown.entry ? await editorEntry(ctx, request.actor, shown.entry.id) : null;
    const title = shown.entry ? t(`catalog:staff.edit.${kind}`, { title: shown.entry.draft.title }) : t(`catalog:staff.new.${kind}`);
    const props: EditProps = { page: request.page, kind, entry: shown.entry, raw: state.raw, errors: state.errors, notice: shown.notice, links: editing?.links ?? [], actions: editing?.actions ?? [] };
    const view =
      kind === 'service' ? <ServiceEditPage {...props} choices={await editorChoices(ctx, request.actor)} /> : kind === 'office' ? <OfficeEditPage {...props} /> : <SituationEditPage {...props} />;
    return reply.status(shown.status ?? (state.hasErrors ? 422 : 200)).html({ title, breadcrumbs: [dashboardCrumb(request), { label: title }], hasErrors: state.hasErrors }, view);
  };

  const load = async (request: FastifyRequest<{ Params: IdParams }>) => {
    const found = await editorEntry(ctx, request.actor, request.params.id);
    return found && found.entry.kind === kind ? found.entry : null;
  };

  app.get(`${base}/neu`, async (request, reply) => {
    await editorChoices(ctx, request.actor);
    return render(request, reply, { entry: null, read: { raw: newEntryRaw[kind] } });
  });

  // A double click or a form sent again after "back" creates the entry once (the form's one-time key).
  app.post(`${base}/neu`, { schema: { body: formBody(form) }, attachValidation: true }, async (request, reply) => {
    const read = readEntryForm(kind, request);
    if (!read.ok) return render(request, reply, { entry: null, read });
    const result = await once(ctx, request, read, () => createEntry(ctx, request.actor, read.value));
    if (!result.ok) return render(request, reply, { entry: null, read: withErrors(read, 'errors' in result ? result.errors : {}) });
    return reply.redirect(`${base}/${result.id}?notice=created`, 303);
  });

  app.get(`${base}/:id`, { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) => {
    const entry = await load(request);
    if (!entry) return reply.callNotFound();
    return render(request, reply, { entry, read: { raw: entryRaw(entry) }, notice: notices[request.query.notice ?? ''] });
  });

  /** Maps a use case's outcome to a redirect with a notice, the form again with its problems, a 404 or a 409. */
  const answer = async (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply, result: EditResult | PublishResult, notice: string, posted?: Raw) => {
    if (result.ok) return reply.redirect(`${base}/${result.id}?notice=${notice}`, 303);
    const entry = await load(request);
    if (!entry || ('reason' in result && result.reason === 'not-found')) return reply.callNotFound();
    // What the editor typed stays on the page, whatever went wrong; a publish shows the saved draft.
    const raw = posted ?? entryRaw(entry);
    const code = 'reason' in result && result.reason === 'invalid-transition' ? 'catalog:errors.invalidTransition' : 'catalog:errors.conflict';
    if ('reason' in result) return render(request, reply, { entry, read: { raw, errors: { form: { code } } }, status: 409 });
    return render(request, reply, { entry, read: { raw, errors: result.errors } });
  };

  app.post(`${base}/:id`, { schema: { params: IdParams, body: formBody(form) }, attachValidation: true }, async (request, reply) => {
    const read = readEntryForm(kind, request);
    if (!read.ok) {
      const entry = await load(request);
      return entry ? render(request, reply, { entry, read }) : reply.callNotFound();
    }
    return answer(request, reply, await saveDraft(ctx, request.actor, request.params.id, revisionOf(read.value), read.value), 'saved', read.raw);
  });

  app.post(`${base}/:id/veroeffentlichen`, { schema: { params: IdParams } }, async (request, reply) =>
    answer(request, reply, await publishEntry(ctx, request.actor, request.params.id), 'published'),
  );
  app.post(`${base}/:id/zurueckziehen`, { schema: { params: IdParams } }, async (request, reply) =>
    answer(request, reply, await unpublishEntry(ctx, request.actor, request.params.id), 'unpublished'),
  );
  app.post(`${base}/:id/links-pruefen`, { schema: { params: IdParams } }, async (request, reply) => {
    await requestLinkCheck(ctx, request.actor, request.params.id);
    return reply.redirect(`${base}/${request.params.id}?notice=links-queued`, 303);
  });

  app.get(`${base}/:id/vorschau`, { schema: { params: IdParams } }, async (request, reply) => {
    const preview = await previewEntry(ctx, request.actor, request.params.id);
    if (!preview || preview.kind !== kind) return reply.callNotFound();
    const t = request.t;
    const now = new Date();
    const body =
      preview.kind === 'service' ? (
        <ServicePage page={request.page} service={preview.service} now={now} holidays={holidaysFor(ctx.config)} publicUrl={ctx.config.PUBLIC_URL} />
      ) : preview.kind === 'office' ? (
        <OfficePage page={request.page} office={preview.office} now={now} holidays={holidaysFor(ctx.config)} mapUrlTemplate={settingsOf(ctx, catalogSettings).MAP_URL_TEMPLATE} />
      ) : (
        <SituationPage page={request.page} situation={preview.situation} />
      );
    const title = `${t('catalog:staff.preview')}: ${preview.entry.draft.title}`;
    return reply.html({ title, breadcrumbs: [dashboardCrumb(request), { label: preview.entry.draft.title, href: `${base}/${preview.entry.id}` }, { label: t('catalog:staff.preview') }] }, (
      <>
        <PreviewBanner page={request.page} />
        {body}
      </>
    ));
  });

  app.get(`${base}/:id/verlauf`, { schema: { params: IdParams } }, async (request, reply) => {
    const history = await entryHistory(ctx, request.actor, request.params.id);
    const entry = await load(request);
    if (!entry) return reply.callNotFound();
    const t = request.t;
    return reply.html(
      { title: `${t('catalog:staff.history')}: ${entry.draft.title}`, breadcrumbs: [dashboardCrumb(request), { label: entry.draft.title, href: `${base}/${entry.id}` }, { label: t('catalog:staff.history') }] },
      <HistoryPage page={request.page} entry={entry} history={history} />,
    );
  });
}
