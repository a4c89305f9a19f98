import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, once, readForm, toRaw, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { learningPermissions } from '#modules/learning/permissions.ts';
import { coursesDb, findSession } from '../repo.ts';
import { staffPath } from '../views/staff.tsx';
import { courseForm, sessionForm } from './forms.ts';
import { changeCourse, courseForEditing, courseValue, coursesForEditing, createCourse, trainingChoices } from './service.courses.ts';
import { changeSession, scheduleSession, sessionForEditing, trainerChoices } from './service.sessions.ts';
import { sessionInputOf, sessionRaw } from './session-rules.ts';
import { EditCoursePage, NewCoursePage } from './views/course-form.tsx';
import { CoursesPage } from './views/list.tsx';
import { courseEditHref, editingPath, newCoursePath, newSessionHref, sessionEditHref } from './views/paths.ts';
import { SessionFormPage } from './views/session-form.tsx';

/*
 * The coordinator's pages to keep courses and their sessions. Only the training coordination gets in;
 * an unknown course or session is a 404. Every save redirects with a notice, so a reload sends nothing twice;
 * a refused form comes back with everything typed and the problems listed at the top.
 */

const CourseParams = Type.Object({ courseId: Type.String({ format: 'uuid' }) });
const SessionParams = Type.Object({ courseId: Type.String({ format: 'uuid' }), sessionId: Type.String({ format: 'uuid' }) });
const notices = ['angelegt', 'gespeichert', 'termin-angelegt', 'termin-gespeichert', 'nachgerueckt'] as const;
type Notice = (typeof notices)[number];
const NoticeQuery = Type.Object({ hinweis: Type.Optional(Type.Union(notices.map((notice) => Type.Literal(notice)))) });
type CourseParams = { courseId: string };
type SessionParams = CourseParams & { sessionId: string };
type Shown = { raw: Raw; errors?: FormErrors; status?: number };

const notFound = 'learning:courseEditing.errors.notFound';

export async function courseEditingRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', staffOnly(ctx));
  app.addHook('onRequest', async (request) => {
    if (!ctx.permissions.can(request.actor, learningPermissions.manageCourses)) throw new HttpProblem(403, 'learning:courseEditing.errors.forbidden');
  });

  /** Dashboard, the sessions, the list of courses (below it), the course (below that), the page. */
  const crumbs = (request: FastifyRequest, label: string, under?: 'list' | { id: string; title: string }) => [
    { label: request.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
    { label: request.t('learning:courses.staff.title'), href: staffPath },
    ...(under ? [{ label: request.t('learning:courseEditing.list.title'), href: editingPath }] : []),
    ...(typeof under === 'object' ? [{ label: under.title, href: courseEditHref(under.id) }] : []),
    { label },
  ];
  const noticeText = (request: FastifyRequest, notice: Notice | undefined) => (notice ? request.t(`learning:courseEditing.notices.${notice}`) : undefined);
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get<{ Querystring: { hinweis?: Notice } }>(editingPath, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const rows = await coursesForEditing(ctx, request.actor);
    const title = request.t('learning:courseEditing.list.title');
    return noStore(reply).html({ title, breadcrumbs: crumbs(request, title) }, <CoursesPage page={request.page} rows={rows} notice={noticeText(request, request.query.hinweis)} />);
  });

  async function newCoursePage(request: FastifyRequest, reply: FastifyReply, shown: Shown) {
    const errors = shown.errors ? formMessages(request.page, shown.errors, courseForm) : {};
    const title = request.t('learning:courseEditing.course.new');
    return noStore(reply)
      .status(shown.status ?? (shown.errors ? 422 : 200))
      .html({ title, hasErrors: Boolean(shown.errors), breadcrumbs: crumbs(request, title, 'list') }, <NewCoursePage page={request.page} raw={shown.raw} errors={errors} trainings={await trainingChoices(ctx)} />);
  }

  app.get(newCoursePath, async (request, reply) => newCoursePage(request, reply, { raw: { audience: 'citizens', level: 'foundation', language: 'de', price: '0,00' } }));

  app.post(newCoursePath, { schema: { body: formBody(courseForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(courseForm, request);
    if (!read.ok) return newCoursePage(request, reply, read);
    const result = await once(ctx, request, read, () => createCourse(ctx, request.actor, read.value));
    if (result.ok) return reply.redirect(`${courseEditHref(result.id)}?hinweis=angelegt`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, notFound);
    return newCoursePage(request, reply, { ...withErrors(read, result.errors), status: statusOf(result.errors) });
  });

  async function editCoursePage(request: FastifyRequest<{ Params: CourseParams }>, reply: FastifyReply, shown?: Shown, notice?: Notice) {
    const found = await courseForEditing(ctx, request.actor, request.params.courseId);
    if (!found) throw new HttpProblem(404, notFound);
    const { course, sessions } = found;
    const raw = shown?.raw ?? toRaw(courseForm, courseValue(course));
    const errors = shown?.errors ? formMessages(request.page, shown.errors, courseForm) : {};
    return noStore(reply)
      .status(shown?.status ?? (shown?.errors ? 422 : 200))
      .html(
        { title: course.title, hasErrors: Boolean(shown?.errors), breadcrumbs: crumbs(request, course.title, 'list') },
        <EditCoursePage page={request.page} course={course} sessions={sessions} raw={raw} errors={errors} trainings={await trainingChoices(ctx)} action={courseEditHref(course.id)} notice={noticeText(request, notice)} />,
      );
  }

  app.get<{ Params: CourseParams; Querystring: { hinweis?: Notice } }>(`${editingPath}/:courseId`, { schema: { params: CourseParams, querystring: NoticeQuery } }, async (request, reply) =>
    editCoursePage(request, reply, undefined, request.query.hinweis),
  );

  app.post<{ Params: CourseParams }>(`${editingPath}/:courseId`, { schema: { params: CourseParams, body: formBody(courseForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(courseForm, request);
    if (!read.ok) return editCoursePage(request, reply, read);
    const result = await changeCourse(ctx, request.actor, request.params.courseId, read.value);
    if (result.ok) return reply.redirect(`${courseEditHref(result.id)}?hinweis=gespeichert`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, notFound);
    return editCoursePage(request, reply, { ...withErrors(read, result.errors), status: statusOf(result.errors) });
  });

  async function sessionPage(request: FastifyRequest<{ Params: CourseParams | SessionParams }>, reply: FastifyReply, shown?: Shown & { conflict?: boolean }) {
    const found = await courseForEditing(ctx, request.actor, request.params.courseId);
    if (!found) throw new HttpProblem(404, notFound);
    const sessionId = 'sessionId' in request.params ? request.params.sessionId : undefined;
    const facts = sessionId ? await sessionForEditing(ctx, request.actor, found.course.id, sessionId) : undefined;
    if (sessionId && !facts) throw new HttpProblem(404, notFound);
    if (facts && facts.session.status !== 'open') throw new HttpProblem(409, 'learning:courseEditing.errors.closed');
    if (facts && facts.session.starts_at <= new Date()) throw new HttpProblem(409, 'learning:courseEditing.errors.started');
    const existing = facts && { facts, state: { people: sum((await findSession(coursesDb(ctx.db), facts.session.id))!), decided: facts.session.confirmed_at !== null } };
    const raw = shown?.raw ?? (facts ? sessionRaw(facts) : { capacity: '10', minParticipants: '1' });
    const errors = shown?.errors ? formMessages(request.page, shown.errors, sessionForm) : {};
    const title = request.t(facts ? 'learning:courseEditing.session.edit' : 'learning:courseEditing.session.new');
    return noStore(reply)
      .status(shown?.status ?? (shown?.errors ? 422 : 200))
      .html(
        { title, hasErrors: Boolean(shown?.errors), breadcrumbs: crumbs(request, title, found.course) },
        <SessionFormPage
          page={request.page}
          course={found.course}
          raw={raw}
          errors={errors}
          trainers={await trainerChoices(ctx)}
          action={facts ? sessionEditHref(found.course.id, facts.session.id) : newSessionHref(found.course.id)}
          existing={existing}
        />,
      );
  }

  app.get<{ Params: CourseParams }>(`${editingPath}/:courseId/termine/neu`, { schema: { params: CourseParams } }, async (request, reply) => sessionPage(request, reply));

  app.post<{ Params: CourseParams }>(`${editingPath}/:courseId/termine/neu`, { schema: { params: CourseParams, body: formBody(sessionForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(sessionForm, request);
    if (!read.ok) return sessionPage(request, reply, read);
    const input = sessionInputOf(read.value, read.raw);
    const result = await once(ctx, request, read, () => scheduleSession(ctx, request.actor, request.params.courseId, input));
    if (result.ok) return reply.redirect(`${courseEditHref(request.params.courseId)}?hinweis=termin-angelegt`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, notFound);
    return sessionPage(request, reply, withErrors(read, result.errors));
  });

  app.get<{ Params: SessionParams }>(`${editingPath}/:courseId/termine/:sessionId`, { schema: { params: SessionParams } }, async (request, reply) => sessionPage(request, reply));

  app.post<{ Params: SessionParams }>(`${editingPath}/:courseId/termine/:sessionId`, { schema: { params: SessionParams, body: formBody(sessionForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(sessionForm, request);
    if (!read.ok) return sessionPage(request, reply, read);
    const { courseId, sessionId } = request.params;
    const result = await changeSession(ctx, request.actor, courseId, sessionId, sessionInputOf(read.value, read.raw));
    if (result.ok) return reply.redirect(`${courseEditHref(courseId)}?hinweis=${'promoted' in result && result.promoted > 0 ? 'nachgerueckt' : 'termin-gespeichert'}`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, notFound);
    if (result.reason === 'closed' || result.reason === 'started') throw new HttpProblem(409, `learning:courseEditing.errors.${result.reason}`);
    return sessionPage(request, reply, { ...withErrors(read, result.errors), status: result.conflict ? 409 : 422 });
  });
}

const sum = (people: { placed: number; waiting: number }) => people.placed + people.waiting;

/** A taken address is a conflict with another course, not a typing mistake. */
const statusOf = (errors: FormErrors) => (Object.values(errors).some((error) => error.code === 'learning:courseEditing.errors.slugTaken') ? 409 : 422);
