import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { csvDocument } from '#kernel/csv.ts';
import { formatDay } from '#kernel/dates.ts';
import { bodyLimitFor, formBody, formMessages, multipartFor, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { learningPermissions } from '../permissions.ts';
import { externalForm } from './forms.ts';
import { dueList, ownTraining, personTraining, titleOf } from './service.ts';
import { requirementRoutes } from './routes.requirements.tsx';
import { certificateFor, recordExternal, removeRecord } from './service.record.ts';
import { DuePage } from './views/due.tsx';
import { OwnPage } from './views/own.tsx';
import { PersonPage } from './views/person.tsx';
import { dashboardCrumbs, duePath, ownPath, personHref } from './views/shared.tsx';

/*
 * The training pages of the back office: the coordinator's (who is due, one person's records, recording a
 * certificate), each behind the permission and checked again by the service; and every staff member's own
 * page, which shows only their own records. Nothing here is cached: every page names a person.
 */

const UserParams = Type.Object({ userId: Type.String({ format: 'uuid' }) });
const RecordParams = Type.Object({ recordId: Type.String({ format: 'uuid' }) });
const DueQuery = Type.Object({ anforderung: Type.Optional(Type.String({ maxLength: 60 })) });
const PersonQuery = Type.Object({ hinweis: Type.Optional(Type.Union([Type.Literal('erfasst'), Type.Literal('entfernt')])) });
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });
type Notice = 'erfasst' | 'entfernt';

const unknownPerson = 'learning:training.errors.unknownPerson';
const unknownCertificate = 'learning:training.errors.unknownCertificate';

async function coordinatorRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx, learningPermissions.manageTraining));

  app.get<{ Querystring: { anforderung?: string } }>(duePath, { schema: { querystring: DueQuery } }, async (request, reply) => {
    const list = await dueList(ctx, request.actor, { requirement: request.query.anforderung });
    const chosen = list.requirements.some((requirement) => requirement.key === request.query.anforderung) ? request.query.anforderung : undefined;
    const title = request.t('learning:training.due.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: [dashboardCrumbs(request.page)[0]!, { label: title }] }, <DuePage page={request.page} list={list} chosen={chosen} />);
  });

  // The same list as a spreadsheet, to send on to a department's head; the filter as on the page. Days
  // overdue have a column of their own: a spreadsheet would take a leading minus for a formula.
  app.get<{ Querystring: { anforderung?: string } }>(`${duePath}/faellig.csv`, { schema: { querystring: DueQuery } }, async (request, reply) => {
    const list = await dueList(ctx, request.actor, { requirement: request.query.anforderung }, new Date(), 'exported');
    const t = request.t;
    const header = [t('learning:training.columns.person'), t('learning:training.columns.requirement'), t('learning:training.columns.status'), t('learning:training.columns.validUntil'), t('learning:training.columns.daysLeft'), t('learning:training.columns.daysOverdue')];
    const rows = list.due.map((row) => [row.name, titleOf(row.requirement, request.lang), t(`learning:training.status.${row.status}`), row.expiresOn ? formatDay(row.expiresOn) : '', row.daysLeft !== null && row.daysLeft >= 0 ? row.daysLeft : null, row.daysLeft !== null && row.daysLeft < 0 ? -row.daysLeft : null]);
    const filename = `faellige-pflichtfortbildungen-${todayInBerlin()}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(csvDocument(header, rows));
  });

  async function personPage(request: FastifyRequest<{ Params: { userId: string } }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors; notice?: Notice | undefined }) {
    // Shown again after a refused form, the page is read a second time within the same action: recorded once.
    const training = await personTraining(ctx, request.actor, request.params.userId, new Date(), !shown.errors);
    if (!training) throw new HttpProblem(404, unknownPerson);
    const errors = shown.errors ? formMessages(request.page, shown.errors, externalForm) : {};
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: training.person.name, hasErrors: Boolean(shown.errors), breadcrumbs: [...dashboardCrumbs(request.page), { label: training.person.name }] },
        <PersonPage page={request.page} training={training} form={{ raw: shown.raw, errors }} notice={shown.notice} />,
      );
  }

  app.get<{ Params: { userId: string }; Querystring: { hinweis?: Notice } }>(`${duePath}/personen/:userId`, { schema: { params: UserParams, querystring: PersonQuery } }, async (request, reply) =>
    personPage(request, reply, { raw: {}, notice: request.query.hinweis }),
  );

  // The certificate comes as a PDF: its own scope takes multipart bodies, the file streamed into the file store.
  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, multipartFor(ctx, externalForm));
    scope.post<{ Params: { userId: string } }>(
      `${duePath}/personen/:userId/nachweise`,
      { bodyLimit: bodyLimitFor(externalForm), schema: { params: UserParams, body: formBody(externalForm) }, attachValidation: true },
      async (request, reply) => {
        const read = readForm(externalForm, request);
        if (!read.ok) return personPage(request, reply, read);
        const result = await once(ctx, request, read, () => recordExternal(ctx, request.actor, request.params.userId, read.value));
        if (result.ok) return reply.redirect(`${personHref(request.params.userId)}?hinweis=erfasst`, 303);
        if (result.reason === 'not-found') throw new HttpProblem(404, unknownPerson);
        return personPage(request, reply, withErrors(read, result.errors));
      },
    );
  });

  app.post<{ Params: { recordId: string } }>(`${duePath}/nachweise/:recordId/entfernen`, { schema: { params: RecordParams, body: ButtonBody } }, async (request, reply) => {
    const result = await removeRecord(ctx, request.actor, request.params.recordId);
    if (!result.ok) throw new HttpProblem(404, 'learning:training.errors.unknownRecord');
    return reply.redirect(`${personHref(result.userId)}?hinweis=entfernt`, 303);
  });

  app.get<{ Params: { recordId: string } }>(`${duePath}/nachweise/:recordId/bescheinigung`, { schema: { params: RecordParams } }, async (request, reply) => {
    const certificate = await certificateFor(ctx, request.actor, request.params.recordId);
    if (!certificate) throw new HttpProblem(404, unknownCertificate);
    return ctx.files.send(reply, { fileId: certificate.fileId, filename: certificate.filename, actor: request.actor, dataSubjectId: certificate.userId, action: 'learning.training-certificate-downloaded' });
  });
}

async function ownRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx));

  app.get(ownPath, async (request, reply) => {
    const training = await ownTraining(ctx, request.actor);
    if (!training) throw new HttpProblem(404, unknownPerson);
    const title = request.t('learning:training.own.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: [dashboardCrumbs(request.page)[0]!, { label: title }] }, <OwnPage page={request.page} training={training} />);
  });

  app.get<{ Params: { recordId: string } }>(`${ownPath}/nachweise/:recordId/bescheinigung`, { schema: { params: RecordParams } }, async (request, reply) => {
    const certificate = await certificateFor(ctx, request.actor, request.params.recordId);
    // The own page serves the person's own certificates only, whoever else may see them elsewhere.
    if (!certificate || request.actor.kind !== 'staff' || certificate.userId !== request.actor.userId) throw new HttpProblem(404, unknownCertificate);
    return ctx.files.send(reply, { fileId: certificate.fileId, filename: certificate.filename, actor: request.actor, dataSubjectId: certificate.userId, action: 'learning.training-certificate-downloaded' });
  });
}

export async function trainingRoutes(app: App, ctx: KernelContext): Promise<void> {
  await app.register(async (scope) => coordinatorRoutes(scope, ctx));
  await app.register(async (scope) => requirementRoutes(scope, ctx));
  await app.register(async (scope) => ownRoutes(scope, ctx));
}
