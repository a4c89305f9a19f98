import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { isSignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { AskFirstPage, NoticePage } from '#kernel/html/components.tsx';
import { calendarFileName, calendarMediaType } from '#kernel/ical/ical.ts';
import type { App } from '#kernel/module.ts';
import { areaCodes, type AreaCode } from '../assessment/digcomp.ts';
import { sessionCalendar } from './calendar.ts';
import { certificatePdfFor } from './certificates.ts';
import { accountRegistrationForm, guestRegistrationForm, registrantOf } from './forms.ts';
import { cancelPath } from './mails.ts';
import { coursesDb, registrationOfKey } from './repo.ts';
import { ownRegistrations } from './service.account.ts';
import { catalogue, coursePage } from './service.catalogue.ts';
import { sessionFacts } from './service.notices.ts';
import { cancel, register, type RegisterResult } from './service.registration.ts';
import { courseLevels, type CourseLevel, type SupportNeed } from './vocabulary.ts';
import { AccountCoursesPage } from './views/account.tsx';
import { cataloguePath, CataloguePage } from './views/catalogue.tsx';
import { CoursePage, registerPath } from './views/course.tsx';
import { lang } from './views/parts.tsx';
import { RegisterPage } from './views/register.tsx';

/*
 * The public course pages: the catalogue, a course with its sessions, registering (signed in or as a guest),
 * the session's calendar file, cancelling by the link in the guest's mail (asking first: mail scanners follow
 * links), and "Meine Kurse" in the account.
 */

const CatalogueQuery = Type.Object({
  fuer: Type.Optional(Type.Literal('beschaeftigte')),
  bereich: Type.Optional(Type.Union([Type.Literal(''), ...areaCodes.map((area) => Type.Literal(area))])),
  stufe: Type.Optional(Type.Union([Type.Literal(''), ...courseLevels.map((level) => Type.Literal(level))])),
});
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }) });
const CourseQuery = Type.Object({ hinweis: Type.Optional(Type.Union([Type.Literal('platz'), Type.Literal('warteliste')])) });
const SessionParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }), sessionId: Type.String({ format: 'uuid' }) });
const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }) });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });
type SessionParams = { slug: string; sessionId: string };

const refusals: Record<Exclude<RegisterResult, { ok: true }>['reason'], { status: 403 | 404 | 409; key: string }> = {
  'not-found': { status: 404, key: 'learning:courses.errors.notFound' },
  closed: { status: 409, key: 'learning:courses.errors.closed' },
  'staff-only': { status: 403, key: 'learning:courses.errors.staffOnly' },
  already: { status: 409, key: 'learning:courses.errors.already' },
};

export async function publicCourseRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.get<{ Querystring: { fuer?: 'beschaeftigte'; bereich?: '' | AreaCode; stufe?: '' | CourseLevel } }>(cataloguePath, { schema: { querystring: CatalogueQuery } }, async (request, reply) => {
    const filter = { audience: request.query.fuer ? ('staff' as const) : ('citizens' as const), area: request.query.bereich || null, level: request.query.stufe || null };
    const entries = await catalogue(ctx, filter);
    const title = request.t(filter.audience === 'staff' ? 'learning:courses.catalogue.staffTitle' : 'learning:courses.catalogue.title');
    return reply.html({ title }, <CataloguePage page={request.page} filter={filter} entries={entries} />);
  });

  app.get<{ Params: { slug: string }; Querystring: { hinweis?: 'platz' | 'warteliste' } }>(`${cataloguePath}/:slug`, { schema: { params: SlugParams, querystring: CourseQuery } }, async (request, reply) => {
    const found = await coursePage(ctx, request.params.slug);
    if (!found) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    const hint = request.query.hinweis;
    const notice = hint ? { title: request.t(`learning:courses.notices.${hint}Title`), text: request.t(`learning:courses.notices.${hint}`) } : undefined;
    return reply
      .header('cache-control', hint ? 'no-store' : 'no-cache')
      .html({ title: found.course.title, breadcrumbs: [{ label: request.t('learning:courses.catalogue.title'), href: cataloguePath }, { label: found.course.title }] }, <CoursePage page={request.page} course={found.course} sessions={found.sessions} notice={notice} />);
  });

  async function sessionOf(request: FastifyRequest<{ Params: SessionParams }>) {
    const found = await coursePage(ctx, request.params.slug);
    const session = found?.sessions.find((candidate) => candidate.id === request.params.sessionId);
    if (!found || !session) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    if (session.status !== 'open' || session.starts_at <= new Date()) throw new HttpProblem(409, 'learning:courses.errors.closed');
    return { course: found.course, session };
  }

  async function registerPage(request: FastifyRequest<{ Params: SessionParams }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    const { course, session } = await sessionOf(request);
    const form = isSignedIn(request.actor) ? accountRegistrationForm : guestRegistrationForm;
    const errors = shown.errors ? formMessages(request.page, shown.errors, form) : {};
    const title = request.t(session.free === 0 ? 'learning:courses.register.waitlistTitle' : 'learning:courses.register.title');
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: `${title}: ${course.title}`, hasErrors: Boolean(shown.errors), breadcrumbs: [{ label: request.t('learning:courses.catalogue.title'), href: cataloguePath }, { label: course.title, href: `${cataloguePath}/${course.slug}` }, { label: title }] },
        <RegisterPage
          page={request.page}
          course={course}
          session={session}
          form={form}
          action={registerPath(course, session.id)}
          raw={shown.raw}
          errors={errors}
          signedInAs={isSignedIn(request.actor) ? request.actor.displayName : undefined}
        />,
      );
  }

  app.get<{ Params: SessionParams }>(`${cataloguePath}/:slug/termine/:sessionId/anmelden`, { schema: { params: SessionParams } }, async (request, reply) => registerPage(request, reply, { raw: {} }));

  app.post<{ Params: SessionParams }>(
    `${cataloguePath}/:slug/termine/:sessionId/anmelden`,
    { schema: { params: SessionParams, body: formBody(guestRegistrationForm) }, attachValidation: true, config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const { course } = await sessionOf(request);
      const actor = request.actor;
      const language = lang(request.page);
      const common = { sessionId: request.params.sessionId, language, channel: 'online' as const };
      let result: RegisterResult;
      if (isSignedIn(actor)) {
        const read = readForm(accountRegistrationForm, request);
        if (!read.ok) return registerPage(request, reply, read);
        result = await once(ctx, request, read, () =>
          register(ctx, actor, { ...common, registrant: { kind: 'account', userId: actor.userId }, supportNeeds: read.value.supportNeeds as SupportNeed[], supportNote: read.value.supportNote }),
        );
      } else {
        const read = readForm(guestRegistrationForm, request);
        if (!read.ok) return registerPage(request, reply, read);
        const person = registrantOf(read.value);
        if (!person.ok) return registerPage(request, reply, withErrors(read, person.errors));
        result = await once(ctx, request, read, () => register(ctx, actor, { ...common, registrant: person.registrant, supportNeeds: read.value.supportNeeds as SupportNeed[], supportNote: read.value.supportNote }));
      }
      if (!result.ok) throw new HttpProblem(refusals[result.reason].status, refusals[result.reason].key);
      return reply.redirect(`${cataloguePath}/${course.slug}?hinweis=${result.registration.status === 'placed' ? 'platz' : 'warteliste'}`, 303);
    },
  );

  app.get<{ Params: SessionParams }>(`${cataloguePath}/:slug/termine/:sessionId/kalender.ics`, { schema: { params: SessionParams } }, async (request, reply) => {
    const facts = await sessionFacts(coursesDb(ctx.db), request.params.sessionId);
    if (!facts || facts.course.slug !== request.params.slug || !facts.course.published) throw new HttpProblem(404, 'learning:courses.errors.notFound');
    return reply
      .header('content-type', calendarMediaType())
      .header('content-disposition', `attachment; filename="${calendarFileName(facts.course.title)}"`)
      .send(sessionCalendar(ctx, facts, lang(request.page)));
  });

  app.get<{ Params: { key: string } }>('/kurse/abmelden/:key', { schema: { params: KeyParams } }, async (request, reply) => {
    const registration = await registrationOfKey(coursesDb(ctx.db), request.params.key);
    if (!registration) throw new HttpProblem(404, 'learning:courses.errors.link');
    const facts = (await sessionFacts(coursesDb(ctx.db), registration.session_id))!;
    const title = request.t('learning:courses.cancel.title');
    if (registration.status !== 'placed' && registration.status !== 'waiting') {
      return reply.header('cache-control', 'no-store').html({ title }, <NoticePage title={title} text={request.t('learning:courses.cancel.already', { course: facts.course.title })} />);
    }
    return reply
      .header('cache-control', 'no-store')
      .html({ title }, <AskFirstPage page={request.page} title={title} text={request.t('learning:courses.cancel.ask', { course: facts.course.title, reference: registration.reference })} button={request.t('learning:courses.cancel.button')} action={cancelPath(request.params.key)} />);
  });

  app.post<{ Params: { key: string } }>('/kurse/abmelden/:key', { schema: { params: KeyParams, body: ButtonBody } }, async (request, reply) => {
    const registration = await registrationOfKey(coursesDb(ctx.db), request.params.key);
    if (!registration) throw new HttpProblem(404, 'learning:courses.errors.link');
    const result = await cancel(ctx, request.actor, registration.id);
    if (!result.ok && result.reason === 'started') throw new HttpProblem(409, 'learning:courses.errors.started');
    const title = request.t('learning:courses.cancel.doneTitle');
    return reply.header('cache-control', 'no-store').html({ title }, <NoticePage title={title} text={request.t('learning:courses.cancel.done')} links={[{ href: cataloguePath, label: request.t('learning:courses.account.toCatalogue') }]} />);
  });

  await app.register(async (account) => {
    account.addHook('onRequest', signedInOnly);
    const accountPath = '/konto/kurse';
    account.get<{ Querystring: { hinweis?: 'abgemeldet' } }>(accountPath, { schema: { querystring: Type.Object({ hinweis: Type.Optional(Type.Literal('abgemeldet')) }) } }, async (request, reply) => {
      if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
      const registrations = await ownRegistrations(ctx, request.actor.userId);
      const title = request.t('learning:courses.account.title');
      const notice = request.query.hinweis ? request.t('learning:courses.cancel.done') : undefined;
      return reply
        .header('cache-control', 'no-store')
        .html({ title, breadcrumbs: [{ label: request.t('accounts:account.title'), href: '/konto' }, { label: title }] }, <AccountCoursesPage page={request.page} registrations={registrations} notice={notice} />);
    });

    account.post<{ Params: { id: string } }>(`${accountPath}/:id/abmelden`, { schema: { params: IdParams, body: ButtonBody } }, async (request, reply) => {
      if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
      const own = await coursesDb(ctx.db).selectFrom('learning_registrations').select('id').where('id', '=', request.params.id).where('user_id', '=', request.actor.userId).executeTakeFirst();
      // Another person's registration is not found, whoever asks.
      if (!own) throw new HttpProblem(404, 'learning:courses.errors.notFound');
      const result = await cancel(ctx, request.actor, own.id);
      if (!result.ok && result.reason === 'started') throw new HttpProblem(409, 'learning:courses.errors.started');
      return reply.redirect(`${accountPath}?hinweis=abgemeldet`, 303);
    });

    account.get<{ Params: { id: string } }>(`${accountPath}/:id/bescheinigung.pdf`, { schema: { params: IdParams } }, async (request, reply) => {
      if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
      const own = await coursesDb(ctx.db).selectFrom('learning_certificates').select('code').where('registration_id', '=', request.params.id).where('user_id', '=', request.actor.userId).executeTakeFirst();
      const file = own && (await certificatePdfFor(ctx, request.actor, own.code));
      if (!file) throw new HttpProblem(404, 'learning:courses.errors.notFound');
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store').send(file.pdf);
    });
  });
}
