import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { readForm } from '#kernel/http/forms.ts';
import type { App } from '#kernel/module.ts';
import { OidcLogin, accountForIdentity, type OidcChecks } from './oidc.ts';
import { CodeBody, EmailBody, LoginBody, NewPasswordBody, NextQuery, RegisterBody, TokenQuery } from './schemas.ts';
import { checkPassword, checkSecondFactor, enrolSecondFactor } from './service.login.ts';
import { isLiveToken, requestPasswordReset, setPasswordWithToken } from './service.recovery.ts';
import { registerCitizen, resendVerification, verifyEmail } from './service.registration.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { EmailRequestPage, EnrolPage, LoginPage, MessagePage, NewPasswordPage, RegisterPage, SecondFactorPage } from './views/auth.tsx';

const strict = { rateLimit: { max: 10, timeWindow: '5 minutes' } };

const loginNotices: Record<string, string> = {
  'logged-out': 'accounts:login.loggedOut',
  'password-set': 'accounts:login.passwordSet',
  verified: 'accounts:login.verified',
  'session-ended': 'accounts:login.sessionEnded',
};

/** Only paths on this site: an open redirect would let a phishing link borrow the city's address. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/konto';
}

interface PendingLogin {
  pendingUserId: string;
  stage: 'second-factor' | 'enrol';
  secret?: string;
  next: string;
}

function pendingOf(request: FastifyRequest): PendingLogin | undefined {
  const data = request.sessionData as Partial<PendingLogin>;
  return data.pendingUserId && data.stage ? (data as PendingLogin) : undefined;
}

export async function authRoutes(app: App, ctx: KernelContext): Promise<void> {
  const oidc = new OidcLogin(ctx.config);
  const oidcProvider = oidc.enabled ? ctx.config.OIDC_LABEL : undefined;
  const crumbs = (request: FastifyRequest) => [{ label: request.t('accounts:login.title') }];

  const renderLogin = (request: FastifyRequest, reply: FastifyReply, input: { status?: number; email?: string; errors?: Record<string, string>; next?: string; notice?: string }) =>
    reply.status(input.status ?? 200).html(
      { title: request.t('accounts:login.title'), breadcrumbs: crumbs(request), hasErrors: Boolean(input.errors && Object.keys(input.errors).length) },
      <LoginPage page={request.page} values={{ email: input.email }} errors={input.errors ?? {}} next={safeNext(input.next)} notice={input.notice} oidcProvider={oidcProvider} />,
    );

  app.get('/anmelden', { schema: { querystring: NextQuery } }, async (request, reply) =>
    renderLogin(request, reply, { next: request.query.next, notice: loginNotices[request.query.notice ?? ''] }),
  );

  app.post('/anmelden', { schema: { body: LoginBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const form = readForm<LoginBody>(request);
    if (Object.keys(form.errors).length > 0) return renderLogin(request, reply, { status: 422, email: form.values.email, errors: form.errors, next: form.values.next });
    const result = await checkPassword(ctx, request.body);
    const next = safeNext(request.body.next);
    if (!result.ok) {
      const key = { invalid: 'accounts:errors.loginInvalid', locked: 'accounts:errors.loginLocked', unverified: 'accounts:errors.loginUnverified' }[result.reason];
      return renderLogin(request, reply, { status: 422, email: request.body.email, errors: { email: request.t(key) }, next });
    }
    if (result.next === 'signed-in') {
      await ctx.sessions.establish(request, reply, { userId: result.userId });
      return reply.redirect(next, 303);
    }
    const stage = result.next === 'second-factor' ? 'second-factor' : 'enrol';
    const data: PendingLogin = { pendingUserId: result.userId, stage, next, ...(stage === 'enrol' ? { secret: newTotpSecret() } : {}) };
    await ctx.sessions.establish(request, reply, { userId: null, data: { ...data } });
    return reply.redirect(stage === 'enrol' ? '/anmelden/zweiter-faktor/einrichten' : '/anmelden/zweiter-faktor', 303);
  });

  const secondFactorPage = (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string> = {}) =>
    reply.status(Object.keys(errors).length ? 422 : 200).html(
      { title: request.t('accounts:secondFactor.title'), breadcrumbs: crumbs(request), hasErrors: Object.keys(errors).length > 0 },
      <SecondFactorPage page={request.page} errors={errors} />,
    );
  const enrolPage = (request: FastifyRequest, reply: FastifyReply, pending: PendingLogin, errors: Record<string, string> = {}) =>
    reply.status(Object.keys(errors).length ? 422 : 200).html(
      { title: request.t('accounts:secondFactor.enrolTitle'), breadcrumbs: crumbs(request), hasErrors: Object.keys(errors).length > 0 },
      <EnrolPage page={request.page} errors={errors} secret={pending.secret!} uri={totpUri(pending.secret!, `Stadt ${ctx.config.CITY_NAME}`, pending.pendingUserId)} />,
    );

  app.get('/anmelden/zweiter-faktor', async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'second-factor') return reply.redirect('/anmelden?notice=session-ended', 303);
    return secondFactorPage(request, reply);
  });

  app.post('/anmelden/zweiter-faktor', { schema: { body: CodeBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'second-factor') return reply.redirect('/anmelden?notice=session-ended', 303);
    const result = await checkSecondFactor(ctx, pending.pendingUserId, readForm<CodeBody>(request).values.code ?? '');
    if (!result.ok) return secondFactorPage(request, reply, { code: request.t(result.reason === 'locked' ? 'accounts:errors.loginLocked' : 'accounts:errors.codeInvalid') });
    await ctx.sessions.establish(request, reply, { userId: pending.pendingUserId });
    return reply.redirect(pending.next === '/konto' ? '/verwaltung' : pending.next, 303);
  });

  app.get('/anmelden/zweiter-faktor/einrichten', async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'enrol' || !pending.secret) return reply.redirect('/anmelden?notice=session-ended', 303);
    return enrolPage(request, reply, pending);
  });

  app.post('/anmelden/zweiter-faktor/einrichten', { schema: { body: CodeBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'enrol' || !pending.secret) return reply.redirect('/anmelden?notice=session-ended', 303);
    const result = await enrolSecondFactor(ctx, pending.pendingUserId, pending.secret, readForm<CodeBody>(request).values.code ?? '');
    if (!result.ok) return enrolPage(request, reply, pending, { code: request.t('accounts:errors.codeInvalid') });
    await ctx.sessions.establish(request, reply, { userId: pending.pendingUserId });
    return reply.redirect('/verwaltung', 303);
  });

  app.post('/abmelden', async (request, reply) => {
    await ctx.sessions.end(request, reply);
    return reply.redirect('/anmelden?notice=logged-out', 303);
  });

  const registerPage = (request: FastifyRequest, reply: FastifyReply, values: Partial<RegisterBody>, errors: Record<string, string>) =>
    reply.status(Object.keys(errors).length ? 422 : 200).html(
      { title: request.t('accounts:register.title'), breadcrumbs: [{ label: request.t('accounts:register.title') }], hasErrors: Object.keys(errors).length > 0 },
      <RegisterPage page={request.page} values={values} errors={errors} />,
    );

  app.get('/registrieren', async (request, reply) => registerPage(request, reply, {}, {}));

  app.post('/registrieren', { schema: { body: RegisterBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const form = readForm<RegisterBody>(request);
    if (Object.keys(form.errors).length > 0) return registerPage(request, reply, form.values, form.errors);
    const result = await registerCitizen(ctx, request.t, request.lang, request.body);
    if (!result.ok) return registerPage(request, reply, form.values, result.errors);
    const t = request.t;
    return reply.html(
      { title: t('accounts:register.sentTitle'), breadcrumbs: [{ label: t('accounts:register.title') }] },
      <MessagePage page={request.page} title={t('accounts:register.sentTitle')} kind="success">
        <p class="kern-body">{t('accounts:register.sent', { email: result.email })}</p>
        <p class="kern-body">
          {t('accounts:register.sentHelp')}{' '}
          <a class="kern-link" href="/registrieren/erneut-senden">
            {t('accounts:login.resend')}
          </a>
        </p>
      </MessagePage>,
    );
  });

  app.get('/registrieren/bestaetigen', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const result = request.query.token ? await verifyEmail(ctx, request.query.token) : { ok: false as const };
    if (result.ok) return reply.redirect('/anmelden?notice=verified', 303);
    return invalidLink(request, reply, request.t('accounts:register.verifyFailedTitle'));
  });

  const emailRequestRoutes = [
    { path: '/registrieren/erneut-senden', area: 'resend', intro: 'accounts:register.sentHelp', run: resendVerification },
    { path: '/passwort-vergessen', area: 'reset', intro: 'accounts:reset.intro', run: requestPasswordReset },
  ] as const;
  for (const { path, area, intro, run } of emailRequestRoutes) {
    const page = (request: FastifyRequest, reply: FastifyReply, values: { email?: string }, errors: Record<string, string>) =>
      reply.status(Object.keys(errors).length ? 422 : 200).html(
        { title: request.t(`accounts:${area}.title`), breadcrumbs: [{ label: request.t(`accounts:${area}.title`) }], hasErrors: Object.keys(errors).length > 0 },
        <EmailRequestPage page={request.page} values={values} errors={errors} title={request.t(`accounts:${area}.title`)} intro={request.t(intro)} action={path} submit={request.t(`accounts:${area}.submit`)} />,
      );
    app.get(path, async (request, reply) => page(request, reply, {}, {}));
    app.post(path, { schema: { body: EmailBody }, attachValidation: true, config: strict }, async (request, reply) => {
      const form = readForm<EmailBody>(request);
      if (Object.keys(form.errors).length > 0) return page(request, reply, form.values, form.errors);
      await run(ctx, request.body.email);
      const t = request.t;
      const title = area === 'reset' ? t('accounts:reset.sentTitle') : t('accounts:resend.title');
      return reply.html(
        { title, breadcrumbs: [{ label: t(`accounts:${area}.title`) }] },
        <MessagePage page={request.page} title={title} kind="success">
          <p class="kern-body">{t(area === 'reset' ? 'accounts:reset.sent' : 'accounts:resend.sent')}</p>
        </MessagePage>,
      );
    });
  }

  const tokenForms = [
    { path: '/passwort-neu', purpose: 'reset-password', title: 'accounts:reset.newTitle', intro: undefined },
    { path: '/einladung', purpose: 'invite', title: 'accounts:reset.inviteTitle', intro: 'accounts:reset.inviteIntro' },
  ] as const;
  for (const { path, purpose, title, intro } of tokenForms) {
    const page = (request: FastifyRequest, reply: FastifyReply, token: string, errors: Record<string, string>) =>
      reply.status(Object.keys(errors).length ? 422 : 200).html(
        { title: request.t(title), breadcrumbs: [{ label: request.t(title) }], hasErrors: Object.keys(errors).length > 0 },
        <NewPasswordPage page={request.page} errors={errors} token={token} action={path} title={request.t(title)} intro={intro ? request.t(intro) : undefined} />,
      );
    app.get(path, { schema: { querystring: TokenQuery } }, async (request, reply) => {
      const token = request.query.token ?? '';
      if (!(await isLiveToken(ctx, token, purpose))) return invalidLink(request, reply, request.t(title));
      return page(request, reply, token, {});
    });
    app.post(path, { schema: { body: NewPasswordBody }, attachValidation: true, config: strict }, async (request, reply) => {
      const form = readForm<NewPasswordBody>(request);
      if (Object.keys(form.errors).length > 0) return page(request, reply, form.values.token ?? '', form.errors);
      const result = await setPasswordWithToken(ctx, request.t, purpose, request.body);
      if (result.ok) return reply.redirect('/anmelden?notice=password-set', 303);
      if ('reason' in result) return invalidLink(request, reply, request.t(title));
      return page(request, reply, request.body.token, result.errors);
    });
  }

  app.get('/anmelden/oidc', async (request, reply) => {
    if (!oidc.enabled) return reply.callNotFound();
    const { url, checks } = await oidc.start();
    await ctx.sessions.establish(request, reply, { userId: null, data: { oidc: checks } });
    return reply.redirect(url, 303);
  });

  app.get('/anmelden/oidc/rueckkehr', async (request, reply) => {
    const checks = (request.sessionData as { oidc?: OidcChecks }).oidc;
    if (!oidc.enabled) return reply.callNotFound();
    try {
      if (!checks) throw new Error('No login in progress');
      const claims = await oidc.finish(new URL(request.url, ctx.config.PUBLIC_URL), checks);
      const userId = await accountForIdentity(ctx, claims);
      await ctx.sessions.establish(request, reply, { userId });
      return reply.redirect('/konto', 303);
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect login failed');
      return renderLogin(request, reply, { status: 400, errors: { email: request.t('accounts:errors.oidcFailed', { provider: ctx.config.OIDC_LABEL }) } });
    }
  });
}

function invalidLink(request: FastifyRequest, reply: FastifyReply, title: string) {
  return reply.status(410).html(
    { title, breadcrumbs: [{ label: title }] },
    <MessagePage page={request.page} title={title} kind="danger">
      <p class="kern-body">{request.t('accounts:errors.tokenInvalid')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/passwort-vergessen">
          {request.t('accounts:login.forgot')}
        </a>
      </p>
    </MessagePage>,
  );
}
