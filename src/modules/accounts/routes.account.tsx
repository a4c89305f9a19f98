import type { FastifyReply, FastifyRequest } from 'fastify';
import { anonymous, isSignedIn, type SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, readForm, toRaw, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { setLanguageCookie } from '#kernel/http/cookies.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { deleteForm, preferencesForm } from './forms.ts';
import { NextQuery } from './schemas.ts';
import { credentialRoutes } from './routes.credentials.tsx';
import { accessLogOf, deleteAccount, endOtherSessions, exportPersonalData, needsPostalAddress, profileOf, sessionsOf, updatePreferences, viewPersonalData } from './service.profile.ts';
import type { User } from './tables.ts';
import { MessagePage } from './views/auth.tsx';
import { AccountPage, DataPage, DeletePage, PreferencesPage, SessionsPage } from './views/account.tsx';
import { DataViewPage } from './views/data.tsx';

const accountNotices: Record<string, string> = {
  saved: 'accounts:account.saved',
  'password-changed': 'accounts:password.changed',
  'password-changed-signed-out': 'accounts:password.changedSignedOut',
};

function signedIn(request: FastifyRequest): SignedIn {
  if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
  return request.actor;
}

function preferencesOf(user: User): Raw {
  return toRaw(preferencesForm, {
    displayName: user.display_name,
    preferredChannel: user.preferred_channel,
    language: user.language,
    simplifiedLanguage: user.simplified_language,
    street: user.street ?? '',
    houseNumber: user.house_number ?? '',
    postalCode: user.postal_code ?? '',
    city: user.city ?? '',
  });
}

/** "Mein Konto": the signed-in person's own data. Visitors are sent to the login and brought back. */
export async function accountRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', signedInOnly);
  const accountCrumb = (request: FastifyRequest) => ({ label: request.t('accounts:account.title'), href: '/konto' });
  const moduleLinks = ctx.modules.flatMap((module) => module.accountLinks ?? []).sort((a, b) => a.order - b.order);

  app.get('/konto', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const user = await profileOf(ctx, signedIn(request));
    return reply.html(
      { title: request.t('accounts:account.title'), breadcrumbs: [{ label: request.t('accounts:account.title') }] },
      <AccountPage page={request.page} user={user} notice={accountNotices[request.query.notice ?? '']} moduleLinks={moduleLinks} />,
    );
  });

  const preferencesPage = (request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) => {
    const state = formState(request.page, read, preferencesForm);
    const channel = typeof read.raw.preferredChannel === 'string' ? read.raw.preferredChannel : undefined;
    return reply
      .status(state.hasErrors ? 422 : 200)
      .html(
        { title: request.t('accounts:preferences.title'), breadcrumbs: [accountCrumb(request), { label: request.t('accounts:preferences.title') }], hasErrors: state.hasErrors },
        <PreferencesPage page={request.page} state={state} addressRequired={needsPostalAddress(channel)} />,
      );
  };

  app.get('/konto/einstellungen', async (request, reply) => preferencesPage(request, reply, { raw: preferencesOf(await profileOf(ctx, signedIn(request))) }));

  app.post('/konto/einstellungen', { schema: { body: formBody(preferencesForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(preferencesForm, request);
    if (!read.ok) return preferencesPage(request, reply, read);
    const result = await updatePreferences(ctx, signedIn(request), read.value);
    if (!result.ok) return preferencesPage(request, reply, withErrors(read, result.problems));
    // The language just chosen applies at once, also over an earlier choice in the language cookie.
    setLanguageCookie(reply, ctx.config, read.value.language);
    return reply.redirect('/konto?notice=saved', 303);
  });

  const sessionsPage = async (request: FastifyRequest, reply: FastifyReply, notice?: string) =>
    reply.html(
      { title: request.t('accounts:sessions.title'), breadcrumbs: [accountCrumb(request), { label: request.t('accounts:sessions.title') }] },
      <SessionsPage page={request.page} sessions={await sessionsOf(ctx, signedIn(request))} notice={notice} />,
    );

  app.get('/konto/sitzungen', async (request, reply) => sessionsPage(request, reply));

  app.post('/konto/sitzungen/beenden', async (request, reply) => {
    const count = await endOtherSessions(ctx, signedIn(request));
    return sessionsPage(request, reply, request.t('accounts:sessions.ended', { count }));
  });

  app.get('/konto/daten', async (request, reply) =>
    reply.html(
      { title: request.t('accounts:data.title'), breadcrumbs: [accountCrumb(request), { label: request.t('accounts:data.title') }] },
      <DataPage page={request.page} access={await accessLogOf(ctx, signedIn(request))} />,
    ),
  );

  app.get('/konto/daten/ansehen', async (request, reply) => {
    const title = request.t('accounts:dataView.title');
    return reply.html(
      { title, breadcrumbs: [accountCrumb(request), { label: request.t('accounts:data.title'), href: '/konto/daten' }, { label: title }] },
      <DataViewPage page={request.page} data={await viewPersonalData(ctx, signedIn(request))} />,
    );
  });

  app.get('/konto/daten.json', async (request, reply) => {
    const data = await exportPersonalData(ctx, signedIn(request));
    return reply
      .header('content-disposition', 'attachment; filename="meine-daten.json"')
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  const deletePage = async (request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) => {
    const user = await profileOf(ctx, signedIn(request));
    const state = formState(request.page, read, deleteForm);
    return reply
      .status(state.hasErrors ? 422 : 200)
      .html(
        { title: request.t('accounts:delete.title'), breadcrumbs: [accountCrumb(request), { label: request.t('accounts:delete.title') }], hasErrors: state.hasErrors },
        <DeletePage page={request.page} state={state} hasPassword={user.password_hash !== null} />,
      );
  };

  app.get('/konto/loeschen', async (request, reply) => deletePage(request, reply, { raw: {} }));

  await credentialRoutes(app, ctx, accountCrumb);

  app.post('/konto/loeschen', { schema: { body: formBody(deleteForm) }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '5 minutes' } } }, async (request, reply) => {
    const read = readForm(deleteForm, request);
    if (!read.ok) return deletePage(request, reply, read);
    const result = await deleteAccount(ctx, signedIn(request), read.value);
    if (!result.ok) return deletePage(request, reply, withErrors(read, 'errors' in result ? result.errors : { password: { code: 'accounts:errors.staffCannotDelete' } }));
    await ctx.sessions.end(request, reply);
    request.page = { ...request.page, actor: anonymous };
    const t = request.t;
    return reply.html(
      { title: t('accounts:delete.doneTitle') },
      <MessagePage page={request.page} title={t('accounts:delete.doneTitle')} kind="success">
        <p class="kern-body">{t('accounts:delete.done')}</p>
      </MessagePage>,
    );
  });
}
