import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { cleanText, formBody, formMessages, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { App } from '#kernel/module.ts';
import { learningPermissions } from '../permissions.ts';
import { certificatePdfFor } from './certificates.ts';
import { phoneRegistrationForm, registrantOf } from './forms.ts';
import { callOff } from './service.calloff.ts';
import { coursePage } from './service.catalogue.ts';
import { participationFigures } from './service.figures.ts';
import { FiguresPage } from './views/figures.tsx';
import { cancel, register } from './service.registration.ts';
import { coursesDb, findRegistration } from './repo.ts';
import { markCalled, seesEverySession, sessionForStaff, staffSessionFacts, staffSessions, takeAttendance } from './service.staff.ts';
import type { SupportNeed } from './vocabulary.ts';
import { PhoneRegistrationPage, staffPath, staffSessionPath, StaffSessionPage, StaffSessionsPage } from './views/staff.tsx';

/*
 * The staff's course pages. The door lets in whoever takes attendance or registers for others; each session
 * is then checked for the person (a trainer sees their own sessions only, anything else is a 404), and each
 * action for its permission. Actions redirect back with a notice, so a reload sends nothing twice.
 */

const SessionParams = Type.Object({ sessionId: Type.String({ format: 'uuid' }) });
const RegistrationParams = Type.Object({ sessionId: Type.String({ format: 'uuid' }), registrationId: Type.String({ format: 'uuid' }) });
const NoticeQuery = Type.Object({ hinweis: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z-]+$' })) });
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });
const AttendanceBody = Type.Object({ _csrf: Type.Optional(Type.String()), anwesend: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })])) });
const CallOffBody = Type.Object({ _csrf: Type.Optional(Type.String()), grund: Type.Optional(Type.String({ maxLength: 500 })) });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
type SessionParams = { sessionId: string };

const notices = new Set(['angemeldet', 'warteliste', 'abgemeldet', 'angerufen', 'teilnahme', 'abgesagt']);

function crumbs(page: PageContext, title: string, withList: boolean) {
  return [{ label: page.t('accounts:staff.dashboardTitle'), href: '/verwaltung' }, ...(withList ? [{ label: page.t('learning:courses.staff.title'), href: staffPath }] : []), { label: title }];
}

export async function staffCourseRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx));
  app.addHook('onRequest', async (request) => {
    const { actor } = request;
    if (!ctx.permissions.can(actor, learningPermissions.takeAttendance) && !seesEverySession(ctx, actor)) throw new HttpProblem(403, 'learning:courses.errors.forbidden');
  });

  app.get(staffPath, async (request, reply) => {
    const rows = await staffSessions(ctx, request.actor);
    const title = request.t('learning:courses.staff.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: crumbs(request.page, title, false) }, <StaffSessionsPage page={request.page} rows={rows} canEdit={ctx.permissions.can(request.actor, learningPermissions.manageCourses)} />);
  });

  app.get(`${staffPath}/zahlen`, async (request, reply) => {
    if (!ctx.permissions.can(request.actor, learningPermissions.manageCourses)) throw new HttpProblem(403, 'learning:courses.errors.forbidden');
    const figures = await participationFigures(ctx);
    const title = request.t('learning:courses.figures.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: crumbs(request.page, title, true) }, <FiguresPage page={request.page} figures={figures} />);
  });

  async function sessionPage(request: FastifyRequest<{ Params: SessionParams }>, reply: FastifyReply, shown: { notice?: string | undefined; error?: string; status?: number }) {
    const data = await sessionForStaff(ctx, request.actor, request.params.sessionId);
    if (!data) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    const actor = request.actor;
    const actions = {
      attendance: ctx.permissions.can(actor, learningPermissions.takeAttendance),
      forOthers: seesEverySession(ctx, actor),
      manage: ctx.permissions.can(actor, learningPermissions.manageCourses),
    };
    const title = data.facts.course.title;
    return reply
      .status(shown.status ?? 200)
      .header('cache-control', 'no-store')
      .html({ title, breadcrumbs: crumbs(request.page, title, true) }, <StaffSessionPage page={request.page} data={data} actions={actions} notice={shown.notice} error={shown.error} />);
  }

  app.get<{ Params: SessionParams; Querystring: { hinweis?: string } }>(`${staffPath}/:sessionId`, { schema: { params: SessionParams, querystring: NoticeQuery } }, async (request, reply) => {
    const code = request.query.hinweis;
    return sessionPage(request, reply, { notice: code && notices.has(code) ? request.t(`learning:courses.staff.notices.${code}`) : undefined });
  });

  const back = (reply: FastifyReply, sessionId: string, notice: string) => reply.redirect(`${staffSessionPath(sessionId)}?hinweis=${notice}`, 303);

  async function phonePage(request: FastifyRequest<{ Params: SessionParams }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    if (!seesEverySession(ctx, request.actor)) throw new HttpProblem(403, 'learning:courses.errors.forbidden');
    const facts = await staffSessionFacts(ctx, request.actor, request.params.sessionId);
    const found = facts && (await coursePage(ctx, facts.course.slug));
    const session = found?.sessions.find((candidate) => candidate.id === request.params.sessionId);
    if (!found || !session) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    if (session.status !== 'open' || session.starts_at <= new Date()) throw new HttpProblem(409, 'learning:courses.errors.closed');
    const errors = shown.errors ? formMessages(request.page, shown.errors, phoneRegistrationForm) : {};
    const title = request.t('learning:courses.staff.registerSomeone');
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html({ title, hasErrors: Boolean(shown.errors), breadcrumbs: crumbs(request.page, title, true) }, <PhoneRegistrationPage page={request.page} course={found.course} session={session} raw={shown.raw} errors={errors} />);
  }

  app.get<{ Params: SessionParams }>(`${staffPath}/:sessionId/anmelden`, { schema: { params: SessionParams } }, async (request, reply) => phonePage(request, reply, { raw: { channel: 'phone', language: 'de' } }));

  app.post<{ Params: SessionParams }>(`${staffPath}/:sessionId/anmelden`, { schema: { params: SessionParams, body: formBody(phoneRegistrationForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(phoneRegistrationForm, request);
    if (!read.ok) return phonePage(request, reply, read);
    const person = registrantOf(read.value);
    if (!person.ok) return phonePage(request, reply, withErrors(read, person.errors));
    const value = read.value;
    const result = await once(ctx, request, read, () =>
      register(ctx, request.actor, { sessionId: request.params.sessionId, registrant: person.registrant, language: value.language, supportNeeds: value.supportNeeds as SupportNeed[], supportNote: value.supportNote, channel: value.channel }),
    );
    if (!result.ok) throw new HttpProblem(result.reason === 'not-found' ? 404 : 409, result.reason === 'not-found' ? 'learning:courses.errors.notFound' : 'learning:courses.errors.closed');
    return back(reply, request.params.sessionId, result.registration.status === 'placed' ? 'angemeldet' : 'warteliste');
  });

  app.post<{ Params: { sessionId: string; registrationId: string } }>(`${staffPath}/:sessionId/anrufe/:registrationId`, { schema: { params: RegistrationParams, body: ButtonBody } }, async (request, reply) => {
    if (!(await markCalled(ctx, request.actor, request.params.sessionId, request.params.registrationId))) throw new HttpProblem(409, 'learning:courses.errors.noCall');
    return back(reply, request.params.sessionId, 'angerufen');
  });

  app.post<{ Params: { sessionId: string; registrationId: string } }>(`${staffPath}/:sessionId/anmeldungen/:registrationId/abmelden`, { schema: { params: RegistrationParams, body: ButtonBody } }, async (request, reply) => {
    if (!seesEverySession(ctx, request.actor)) throw new HttpProblem(403, 'learning:courses.errors.forbidden');
    const facts = await staffSessionFacts(ctx, request.actor, request.params.sessionId);
    const registration = facts && (await findRegistration(coursesDb(ctx.db), request.params.registrationId));
    if (registration?.session_id !== request.params.sessionId) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    const result = await cancel(ctx, request.actor, request.params.registrationId);
    if (!result.ok) throw new HttpProblem(409, result.reason === 'started' ? 'learning:courses.errors.started' : 'learning:courses.errors.alreadyCancelled');
    return back(reply, request.params.sessionId, 'abgemeldet');
  });

  app.post<{ Params: SessionParams; Body: { anwesend?: string | string[] } }>(`${staffPath}/:sessionId/teilnahme`, { schema: { params: SessionParams, body: AttendanceBody } }, async (request, reply) => {
    const present = ([] as string[]).concat(request.body.anwesend ?? []);
    const result = await takeAttendance(ctx, request.actor, request.params.sessionId, present);
    if (result.ok) return back(reply, request.params.sessionId, 'teilnahme');
    if (result.reason === 'not-found') throw new HttpProblem(404, 'learning:courses.errors.notFound');
    return sessionPage(request, reply, { status: 409, error: request.t(`learning:courses.errors.attendance.${result.reason}`) });
  });

  app.post<{ Params: SessionParams; Body: { grund?: string } }>(`${staffPath}/:sessionId/absagen`, { schema: { params: SessionParams, body: CallOffBody } }, async (request, reply) => {
    if (!ctx.permissions.can(request.actor, learningPermissions.manageCourses)) throw new HttpProblem(403, 'learning:courses.errors.forbidden');
    const note = cleanText(request.body.grund ?? '', true) || null;
    const result = await callOff(ctx, request.actor, request.params.sessionId, 'staff', note);
    if (!result.ok) throw new HttpProblem(result.reason === 'not-found' ? 404 : 409, result.reason === 'not-found' ? 'learning:courses.errors.notFound' : 'learning:courses.errors.closed');
    return back(reply, request.params.sessionId, 'abgesagt');
  });

  app.get<{ Params: { code: string } }>(`${staffPath}/bescheinigungen/:code`, { schema: { params: CodeParams } }, async (request, reply) => {
    const file = await certificatePdfFor(ctx, request.actor, request.params.code.replace(/\.pdf$/, ''));
    if (!file) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store').send(file.pdf);
  });
}
