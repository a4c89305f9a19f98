import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { readForm } from '#kernel/http/forms.ts';
import type { App } from '#kernel/module.ts';
import { OidcLogin, accountForIdentity, type OidcChecks } from './oidc.ts';
import { CodeBody, LoginBody, NextQuery } from './schemas.ts';
import { checkPassword, type Client } from './service.login.ts';
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

const clientOf = (request: FastifyRequest): Client => ({ address: request.ip, userAgent: request.headers['user-agent'] });

/** A delay is told in whole minutes, rounded up: seconds would read as more precise than they are. */
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export async function authRoutes(app: App, ctx: KernelContext): Promise<void> {
  const oidc = new OidcLogin(ctx.config);
  const oidcProvider = oidc.enabled ? oidc.label : undefined;
  const crumbs = (request: FastifyRequest) => [{ label: request.t('accounts:login.title') }];
  const safe = (next: string | undefined) => safeNext(next, ctx.config.PUBLIC_URL);

  const renderLogin = (request: FastifyRequest, reply: FastifyReply, input: { status?: number; email?: string; errors?: Record<string, string>; next?: string; notice?: string }) =>
    reply.status(input.status ?? 200).html(
      { title: request.t('accounts:login.title'), breadcrumbs: crumbs(request), hasErrors: Boolean(input.errors && Object.keys(input.errors).length) },
      <LoginPage page={request.page} values={{ email: input.email }} errors={input.errors ?? {}} next={safe(input.next)} notice={input.notice} oidcProvider={oidcProvider} />,
    );

  /** 429 with Retry-After, as the platform's rate limits answer; the form stays, for when the wait is over. */
  const renderWait = (request: FastifyRequest, reply: FastifyReply, input: { waitSeconds: number; message: string; email?: string; next?: string }) => {
    reply.header('retry-after', String(input.waitSeconds));
    return renderLogin(request, reply, { status: 429, email: input.email, next: input.next, errors: { email: request.t(input.message, { count: minutes(input.waitSeconds) }) } });
  };

  app.get('/anmelden', { schema: { querystring: NextQuery } }, async (request, reply) =>
    renderLogin(request, reply, { next: request.query.next, notice: loginNotices[request.query.notice ?? ''] }),
  );

  app.post('/anmelden', { schema: { body: LoginBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const form = readForm<LoginBody>(request);
    if (Object.keys(form.errors).length > 0) return renderLogin(request, reply, { status: 422, email: form.values.email, errors: form.errors, next: form.values.next });
    const result = await checkPassword(ctx, { ...request.body, client: clientOf(request) });
    const next = safe(request.body.next);
    if (!result.ok) {
      if (result.reason === 'throttled') return renderWait(request, reply, { waitSeconds: result.waitSeconds, message: 'accounts:errors.tooManyAttempts', email: request.body.email, next });
      const key = { invalid: 'accounts:errors.loginInvalid', unverified: 'accounts:errors.loginUnverified' }[result.reason];
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
    const code = readForm<CodeBody>(request).values.code ?? '';
    const result = await checkSecondFactor(ctx, { userId: pending.pendingUserId, code, client: clientOf(request) });
    if (!result.ok && result.reason === 'throttled') {
      // Back to the password: this half-finished sign-in is over.
      await ctx.sessions.end(request, reply);
      return renderWait(request, reply, { waitSeconds: result.waitSeconds, message: 'accounts:errors.tooManyCodes', next: pending.next });
    }
    if (!result.ok) return secondFactorPage(request, reply, { code: request.t('accounts:errors.codeInvalid') });
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
    const code = readForm<CodeBody>(request).values.code ?? '';
    const result = await enrolSecondFactor(ctx, { userId: pending.pendingUserId, secret: pending.secret, code, client: clientOf(request) });
    if (!result.ok) return enrolPage(request, reply, pending, { code: request.t('accounts:errors.codeInvalid') });
    await ctx.sessions.establish(request, reply, { userId: pending.pendingUserId });
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
      await ctx.sessions.establish(request, reply, { userId });
      return reply.redirect('/konto', 303);
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect login failed');
      return renderLogin(request, reply, { status: 400, errors: { email: request.t('accounts:errors.oidcFailed', { provider: oidc.label }) } });
    }
  });
}
