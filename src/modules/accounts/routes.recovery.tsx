import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { readForm } from '#kernel/http/forms.ts';
import type { App } from '#kernel/module.ts';
import { EmailBody, NewPasswordBody, RegisterBody, TokenBody, TokenQuery } from './schemas.ts';
import { isLiveToken, requestPasswordReset, setPasswordWithToken } from './service.recovery.ts';
import { confirmationLinkState, registerCitizen, resendVerification, verifyEmail } from './service.registration.ts';
import { ConfirmEmailPage, EmailRequestPage, MessagePage, NewPasswordPage, RegisterPage } from './views/auth.tsx';

const strict = { rateLimit: { max: 10, timeWindow: '5 minutes' } };

/** Registration, confirming an address, and the mailed links that set a password (reset, invitation). */
export async function recoveryRoutes(app: App, ctx: KernelContext): Promise<void> {
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

  /*
   * Opening the mailed link only shows a button: mail scanners that fetch every link would otherwise use the
   * token up before its owner clicks, and the token travels on in the form rather than in more addresses.
   */
  const confirmation = async (request: FastifyRequest, reply: FastifyReply, token: string) => {
    const state = token ? await confirmationLinkState(ctx, token) : 'invalid';
    const t = request.t;
    if (state === 'live') {
      return reply.html({ title: t('accounts:confirm.title'), breadcrumbs: [{ label: t('accounts:confirm.title') }] }, <ConfirmEmailPage page={request.page} token={token} />);
    }
    if (state === 'confirmed') {
      return reply.html(
        { title: t('accounts:confirm.doneTitle'), breadcrumbs: [{ label: t('accounts:confirm.title') }] },
        <MessagePage page={request.page} title={t('accounts:confirm.doneTitle')} kind="success">
          <p class="kern-body">
            {t('accounts:confirm.done')}{' '}
            <a class="kern-link" href="/anmelden">
              {t('accounts:login.submit')}
            </a>
          </p>
        </MessagePage>,
      );
    }
    return invalidLink(request, reply, t('accounts:register.verifyFailedTitle'), { href: '/registrieren/erneut-senden', label: t('accounts:login.resend') });
  };

  app.get('/registrieren/bestaetigen', { schema: { querystring: TokenQuery } }, async (request, reply) => confirmation(request, reply, request.query.token ?? ''));

  app.post('/registrieren/bestaetigen', { schema: { body: TokenBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const token = readForm<TokenBody>(request).values.token ?? '';
    const result = request.validationError ? { ok: false as const } : await verifyEmail(ctx, token);
    if (result.ok) return reply.redirect('/anmelden?notice=verified', 303);
    return confirmation(request, reply, request.validationError ? '' : token);
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
    const lost = (request: FastifyRequest, reply: FastifyReply) =>
      invalidLink(request, reply, request.t(title), { href: '/passwort-vergessen', label: request.t('accounts:login.forgot') });
    app.get(path, { schema: { querystring: TokenQuery } }, async (request, reply) => {
      const token = request.query.token ?? '';
      if (!(await isLiveToken(ctx, token, purpose))) return lost(request, reply);
      return page(request, reply, token, {});
    });
    app.post(path, { schema: { body: NewPasswordBody }, attachValidation: true, config: strict }, async (request, reply) => {
      const form = readForm<NewPasswordBody>(request);
      if (Object.keys(form.errors).length > 0) return page(request, reply, form.values.token ?? '', form.errors);
      const result = await setPasswordWithToken(ctx, request.t, purpose, request.body);
      if (result.ok) return reply.redirect('/anmelden?notice=password-set', 303);
      if ('reason' in result) return lost(request, reply);
      return page(request, reply, request.body.token, result.errors);
    });
  }
}

function invalidLink(request: FastifyRequest, reply: FastifyReply, title: string, help: { href: string; label: string }) {
  return reply.status(410).html(
    { title, breadcrumbs: [{ label: title }] },
    <MessagePage page={request.page} title={title} kind="danger">
      <p class="kern-body">{request.t('accounts:errors.tokenInvalid')}</p>
      <p class="kern-body">
        <a class="kern-link" href={help.href}>
          {help.label}
        </a>
      </p>
    </MessagePage>,
  );
}
