import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { readForm } from '#kernel/http/forms.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import type { App } from '#kernel/module.ts';
import { settingsOf } from '#kernel/settings.ts';
import { officeFormValues, situationFormValues } from './forms.office.ts';
import { serviceFormValues, type FormValues } from './forms.service.ts';
import { IdParams, NoticeQuery, OfficeBody, ServiceBody, SituationBody } from './schemas.ts';
import { catalogSettings } from './settings.ts';
import type { Content, OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import { createEntry, editCatalog, entryHistory, publishEntry, saveDraft, unpublishEntry, type EditResult } from './service.editing.ts';
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

const bodies = { service: ServiceBody, office: OfficeBody, situation: SituationBody };
const formValuesOf: Record<EntryKind, (content: Content) => FormValues> = {
  service: (content) => serviceFormValues(content as ServiceContent),
  office: (content) => officeFormValues(content as OfficeContent),
  situation: (content) => situationFormValues(content as SituationContent),
};

/** The form as posted, arrays (checkboxes) included, which the kernel's readForm leaves out. */
function posted(request: FastifyRequest): { values: FormValues; errors: FieldErrors } {
  const form = readForm<FormValues>(request);
  const body = (request.body ?? {}) as Record<string, unknown>;
  const ids = body.lifeSituationIds;
  return { values: { ...(form.values as FormValues), lifeSituationIds: Array.isArray(ids) ? ids.map(String) : typeof ids === 'string' ? [ids] : [] }, errors: form.errors };
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

  const render = async (request: FastifyRequest, reply: FastifyReply, state: { entry: Entry | null; values: FormValues; errors: FieldErrors; notice?: string; status?: number }) => {
    const t = request.t;
    const hasErrors = Object.keys(state.errors).length > 0;
    const links = state.entry ? ((await editorEntry(ctx, request.actor, state.entry.id))?.links ?? []) : [];
    const title = state.entry ? t(`catalog:staff.edit.${kind}`, { title: state.entry.draft.title }) : t(`catalog:staff.new.${kind}`);
    const props: EditProps = { page: request.page, kind, entry: state.entry, values: state.values, errors: state.errors, notice: state.notice, links };
    const view =
      kind === 'service' ? <ServiceEditPage {...props} choices={await editorChoices(ctx, request.actor)} /> : kind === 'office' ? <OfficeEditPage {...props} /> : <SituationEditPage {...props} />;
    return reply.status(state.status ?? (hasErrors ? 422 : 200)).html({ title, breadcrumbs: [dashboardCrumb(request), { label: title }], hasErrors }, view);
  };

  const load = async (request: FastifyRequest<{ Params: IdParams }>) => {
    const found = await editorEntry(ctx, request.actor, request.params.id);
    return found && found.entry.kind === kind ? found.entry : null;
  };

  app.get(`${base}/neu`, async (request, reply) => {
    await editorChoices(ctx, request.actor);
    return render(request, reply, { entry: null, values: kind === 'situation' ? { position: '100' } : kind === 'office' ? { closedOnHolidays: 'on' } : {}, errors: {} });
  });

  app.post(`${base}/neu`, { schema: { body: bodies[kind] }, attachValidation: true }, async (request, reply) => {
    const form = posted(request);
    if (Object.keys(form.errors).length > 0) return render(request, reply, { entry: null, values: form.values, errors: form.errors });
    const result = await createEntry(ctx, request.actor, request.t, kind, form.values);
    if (!result.ok) return render(request, reply, { entry: null, values: form.values, errors: 'errors' in result ? result.errors : {} });
    return reply.redirect(`${base}/${result.id}?notice=created`, 303);
  });

  app.get(`${base}/:id`, { schema: { params: IdParams, querystring: NoticeQuery } }, async (request, reply) => {
    const entry = await load(request);
    if (!entry) return reply.callNotFound();
    return render(request, reply, { entry, values: { ...formValuesOf[kind](entry.draft), revision: String(entry.revision) }, errors: {}, notice: notices[request.query.notice ?? ''] });
  });

  /** Maps a use case's outcome to a redirect with a notice, a re-rendered form, a 404 or a 409. */
  const answer = async (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply, result: EditResult, notice: string, values?: FormValues) => {
    if (result.ok) return reply.redirect(`${base}/${result.id}?notice=${notice}`, 303);
    const entry = await load(request);
    if (!entry || ('reason' in result && result.reason === 'not-found')) return reply.callNotFound();
    const shown = values ?? { ...formValuesOf[kind](entry.draft), revision: String(entry.revision) };
    if ('reason' in result) return render(request, reply, { entry, values: shown, errors: { form: request.t('catalog:errors.conflict') }, status: 409 });
    return render(request, reply, { entry, values: shown, errors: result.errors });
  };

  app.post(`${base}/:id`, { schema: { params: IdParams, body: bodies[kind] }, attachValidation: true }, async (request, reply) => {
    const form = posted(request);
    if (Object.keys(form.errors).length > 0) {
      const entry = await load(request);
      return entry ? render(request, reply, { entry, values: form.values, errors: form.errors }) : reply.callNotFound();
    }
    const revision = Number(form.values.revision);
    return answer(request, reply, await saveDraft(ctx, request.actor, request.t, request.params.id, Number.isInteger(revision) ? revision : -1, form.values), 'saved', form.values);
  });

  app.post(`${base}/:id/veroeffentlichen`, { schema: { params: IdParams } }, async (request, reply) =>
    answer(request, reply, await publishEntry(ctx, request.actor, request.t, request.params.id), 'published'),
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
