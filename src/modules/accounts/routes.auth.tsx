import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, readForm, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import { codeForm, loginForm } from './forms.ts';
import { OidcLogin, accountForIdentity, signedInWith, type OidcChecks } from './oidc.ts';
import { NextQuery } from './schemas.ts';
import { checkPassword, type SignInClient } from './service.login.ts';
import { checkSecondFactor, enrolSecondFactor } from './service.second-factor.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { EnrolPage, LoginPage, RecoveryCodesPage, SecondFactorPage } from './views/auth.tsx';

const strict = { rateLimit: { max: 10, timeWindow: '5 minutes' } };

const loginNotices: Record<string, string> = {
  'logged-out': 'accounts:login.loggedOut',
  'password-set': 'accounts:login.passwordSet',
  verified: 'accounts:login.verified',
  'session-ended': 'accounts:login.sessionEnded',
};

/**
 * Only paths on this site: an open redirect would let a phishing link borrow the city's address. The path
 * is read as a browser reads it, against the public address (browsers drop tabs and line breaks and turn
 * backslashes into slashes, so `/\t/evil.example` means `//evil.example`), and must stay on its origin.
 * Control and space characters are refused outright, which also keeps them out of the Location header.
 */
export function safeNext(next: string | undefined, publicUrl: string): string {
  const fallback = '/konto';
  if (!next?.startsWith('/') || /[\p{Cc}\p{Cf}\p{Z}\s]/u.test(next)) return fallback;
  try {
    const url = new URL(next, publicUrl);
    return url.origin === new URL(publicUrl).origin ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
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

const clientOf = (ctx: KernelContext, request: FastifyRequest, reply: FastifyReply): SignInClient => ({
  address: request.ip,
  userAgent: request.headers['user-agent'],
  startSession: (trx, userId) => ctx.sessions.establish(request, reply, { userId }, trx),
});

/** A delay is told in whole minutes, rounded up: seconds would read as more precise than they are. */
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export async function authRoutes(app: App, ctx: KernelContext): Promise<void> {
  const oidc = new OidcLogin(ctx.config);
  const oidcProvider = oidc.enabled ? oidc.label : undefined;
  const crumbs = (request: FastifyRequest) => [{ label: request.t('accounts:login.title') }];
  const safe = (next: string | undefined) => safeNext(next, ctx.config.PUBLIC_URL);

  const renderLogin = (request: FastifyRequest, reply: FastifyReply, input: { status?: number; read?: { raw: Raw; errors?: FormErrors }; next?: string; notice?: string }) => {
    const state = formState(request.page, input.read ?? { raw: {} }, loginForm);
    return reply
      .status(input.status ?? (state.hasErrors ? 422 : 200))
      .html(
        { title: request.t('accounts:login.title'), breadcrumbs: crumbs(request), hasErrors: state.hasErrors },
        <LoginPage page={request.page} state={state} next={safe(input.next)} notice={input.notice} oidcProvider={oidcProvider} />,
      );
  };

  /** 429 with Retry-After, as the platform's rate limits answer; the form stays, for when the wait is over. */
  const renderWait = (request: FastifyRequest, reply: FastifyReply, input: { waitSeconds: number; message: string; raw?: Raw; next?: string }) => {
    reply.header('retry-after', String(input.waitSeconds));
    const errors = { email: { code: input.message, values: { count: minutes(input.waitSeconds) } } };
    return renderLogin(request, reply, { status: 429, read: { raw: input.raw ?? {}, errors }, next: input.next });
  };

  app.get('/anmelden', { schema: { querystring: NextQuery } }, async (request, reply) =>
    renderLogin(request, reply, { next: request.query.next, notice: loginNotices[request.query.notice ?? ''] }),
  );

  app.post('/anmelden', { schema: { body: formBody(loginForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const read = readForm(loginForm, request);
    if (!read.ok) return renderLogin(request, reply, { read, next: typeof read.raw.next === 'string' ? read.raw.next : undefined });
    const result = await checkPassword(ctx, { ...read.value, client: clientOf(ctx, request, reply) });
    const next = safe(read.value.next);
    if (!result.ok) {
      if (result.reason === 'throttled') return renderWait(request, reply, { waitSeconds: result.waitSeconds, message: 'accounts:errors.tooManyAttempts', raw: read.raw, next });
      const code = { invalid: 'accounts:errors.loginInvalid', unverified: 'accounts:errors.loginUnverified' }[result.reason];
      return renderLogin(request, reply, { read: { raw: read.raw, errors: { email: { code } } }, next });
    }
    // Signed in: the session began in the sign-in's transaction.
    if (result.next === 'signed-in') return reply.redirect(next, 303);
    const stage = result.next === 'second-factor' ? 'second-factor' : 'enrol';
    const data: PendingLogin = { pendingUserId: result.userId, stage, next, ...(stage === 'enrol' ? { secret: newTotpSecret() } : {}) };
    await ctx.sessions.establish(request, reply, { userId: null, data: { ...data } });
    return reply.redirect(stage === 'enrol' ? '/anmelden/zweiter-faktor/einrichten' : '/anmelden/zweiter-faktor', 303);
  });

  // A code is never shown again: a wrong one is of no use, and a right one is used up.
  const codeState = (request: FastifyRequest, errors?: FormErrors) => formState(request.page, { raw: {}, errors }, codeForm);
  const secondFactorPage = (request: FastifyRequest, reply: FastifyReply, errors?: FormErrors) => {
    const state = codeState(request, errors);
    return reply
      .status(state.hasErrors ? 422 : 200)
      .html({ title: request.t('accounts:secondFactor.title'), breadcrumbs: crumbs(request), hasErrors: state.hasErrors }, <SecondFactorPage page={request.page} state={state} />);
  };
  const enrolPage = (request: FastifyRequest, reply: FastifyReply, pending: PendingLogin, errors?: FormErrors) => {
    const state = codeState(request, errors);
    return reply
      .status(state.hasErrors ? 422 : 200)
      .html(
        { title: request.t('accounts:secondFactor.enrolTitle'), breadcrumbs: crumbs(request), hasErrors: state.hasErrors },
        <EnrolPage page={request.page} state={state} secret={pending.secret!} uri={totpUri(pending.secret!, `Stadt ${ctx.config.CITY_NAME}`, pending.pendingUserId)} />,
      );
  };
  const wrongCode = { code: { code: 'accounts:errors.codeInvalid' } };

  app.get('/anmelden/zweiter-faktor', async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'second-factor') return reply.redirect('/anmelden?notice=session-ended', 303);
    return secondFactorPage(request, reply);
  });

  app.post('/anmelden/zweiter-faktor', { schema: { body: formBody(codeForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'second-factor') return reply.redirect('/anmelden?notice=session-ended', 303);
    const read = readForm(codeForm, request);
    if (!read.ok) return secondFactorPage(request, reply, read.errors);
    const result = await checkSecondFactor(ctx, { userId: pending.pendingUserId, code: read.value.code, client: clientOf(ctx, request, reply) });
    if (!result.ok && result.reason === 'throttled') {
      // Back to the password: this half-finished sign-in is over.
      await ctx.sessions.end(request, reply);
      return renderWait(request, reply, { waitSeconds: result.waitSeconds, message: 'accounts:errors.tooManyCodes', next: pending.next });
    }
    if (!result.ok) return secondFactorPage(request, reply, wrongCode);
    return reply.redirect(pending.next === '/konto' ? '/verwaltung' : pending.next, 303);
  });

  app.get('/anmelden/zweiter-faktor/einrichten', async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'enrol' || !pending.secret) return reply.redirect('/anmelden?notice=session-ended', 303);
    return enrolPage(request, reply, pending);
  });

  app.post('/anmelden/zweiter-faktor/einrichten', { schema: { body: formBody(codeForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const pending = pendingOf(request);
    if (pending?.stage !== 'enrol' || !pending.secret) return reply.redirect('/anmelden?notice=session-ended', 303);
    const read = readForm(codeForm, request);
    if (!read.ok) return enrolPage(request, reply, pending, read.errors);
    const result = await enrolSecondFactor(ctx, { userId: pending.pendingUserId, secret: pending.secret, code: read.value.code, client: clientOf(ctx, request, reply) });
    if (!result.ok) return enrolPage(request, reply, pending, wrongCode);
    // Shown in this answer and nowhere else: the codes are not kept, so there is no page to come back to.
    const title = request.t('accounts:recoveryCodes.title');
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: [{ label: title }] }, <RecoveryCodesPage page={request.page} codes={result.recoveryCodes} />);
  });

  app.post('/abmelden', async (request, reply) => {
    await ctx.sessions.end(request, reply);
    return reply.redirect('/anmelden?notice=logged-out', 303);
  });

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
      // The level holds for this sign-in only: the next one, by password or another provider, says its own.
      await ctx.sessions.establish(request, reply, { userId, data: claims.assurance ? signedInWith(claims.assurance) : {} });
      return reply.redirect('/konto', 303);
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect login failed');
      return renderLogin(request, reply, { status: 400, read: { raw: {}, errors: { email: { code: 'accounts:errors.oidcFailed', values: { provider: oidc.label } } } } });
    }
  });
}
