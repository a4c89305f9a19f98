import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import { emailForm, newPasswordForm, registerForm, tokenForm } from './forms.ts';
import { TokenQuery } from './schemas.ts';
import { isLiveToken, requestPasswordReset, setPasswordWithToken } from './service.recovery.ts';
import { confirmationLinkState, registerCitizen, resendVerification, verifyEmail } from './service.registration.ts';
import { ConfirmEmailPage, EmailRequestPage, MessagePage, NewPasswordPage, RegisterPage } from './views/auth.tsx';

const strict = { rateLimit: { max: 10, timeWindow: '5 minutes' } };

/** Registration, confirming an address, and the mailed links that set a password (reset, invitation). */
export async function recoveryRoutes(app: App, ctx: KernelContext): Promise<void> {
  const registerPage = (request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) => {
    const state = formState(request.page, read, registerForm);
    return reply
      .status(state.hasErrors ? 422 : 200)
      .html({ title: request.t('accounts:register.title'), breadcrumbs: [{ label: request.t('accounts:register.title') }], hasErrors: state.hasErrors }, <RegisterPage page={request.page} state={state} />);
  };

  app.get('/registrieren', async (request, reply) => registerPage(request, reply, { raw: {} }));

  // A second click, or the form sent again from the browser's history, creates no second account and
  // sends no second mail: it gets the page the first one got.
  app.post('/registrieren', { schema: { body: formBody(registerForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const read = readForm(registerForm, request);
    if (!read.ok) return registerPage(request, reply, read);
    const result = await once(ctx, request, read, () => registerCitizen(ctx, request.lang, read.value));
    if (!result.ok) return registerPage(request, reply, withErrors(read, result.errors));
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

  app.post('/registrieren/bestaetigen', { schema: { body: formBody(tokenForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const read = readForm(tokenForm, request);
    const result = read.ok ? await verifyEmail(ctx, read.value.token) : { ok: false as const };
    if (result.ok) return reply.redirect('/anmelden?notice=verified', 303);
    return confirmation(request, reply, read.ok ? read.value.token : '');
  });

  const emailRequestRoutes = [
    { path: '/registrieren/erneut-senden', area: 'resend', intro: 'accounts:register.sentHelp', run: resendVerification },
    { path: '/passwort-vergessen', area: 'reset', intro: 'accounts:reset.intro', run: requestPasswordReset },
  ] as const;
  for (const { path, area, intro, run } of emailRequestRoutes) {
    const page = (request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) => {
      const state = formState(request.page, read, emailForm);
      const title = request.t(`accounts:${area}.title`);
      return reply
        .status(state.hasErrors ? 422 : 200)
        .html(
          { title, breadcrumbs: [{ label: title }], hasErrors: state.hasErrors },
          <EmailRequestPage page={request.page} state={state} title={title} intro={request.t(intro)} action={path} submit={request.t(`accounts:${area}.submit`)} />,
        );
    };
    app.get(path, async (request, reply) => page(request, reply, { raw: {} }));
    app.post(path, { schema: { body: formBody(emailForm) }, attachValidation: true, config: strict }, async (request, reply) => {
      const read = readForm(emailForm, request);
      if (!read.ok) return page(request, reply, read);
      await run(ctx, read.value.email);
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
    const page = (request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) => {
      const state = formState(request.page, read, newPasswordForm);
      return reply
        .status(state.hasErrors ? 422 : 200)
        .html(
          { title: request.t(title), breadcrumbs: [{ label: request.t(title) }], hasErrors: state.hasErrors },
          <NewPasswordPage page={request.page} state={state} action={path} title={request.t(title)} intro={intro ? request.t(intro) : undefined} />,
        );
    };
    const lost = (request: FastifyRequest, reply: FastifyReply) =>
      invalidLink(request, reply, request.t(title), { href: '/passwort-vergessen', label: request.t('accounts:login.forgot') });
    app.get(path, { schema: { querystring: TokenQuery } }, async (request, reply) => {
      const token = request.query.token ?? '';
      if (!(await isLiveToken(ctx, token, purpose))) return lost(request, reply);
      return page(request, reply, { raw: { token } });
    });
    app.post(path, { schema: { body: formBody(newPasswordForm) }, attachValidation: true, config: strict }, async (request, reply) => {
      const read = readForm(newPasswordForm, request);
      if (!read.ok) return read.errors.token ? lost(request, reply) : page(request, reply, read);
      const result = await setPasswordWithToken(ctx, purpose, read.value);
      if (result.ok) return reply.redirect('/anmelden?notice=password-set', 303);
      if ('reason' in result) return lost(request, reply);
      return page(request, reply, withErrors(read, result.errors));
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
