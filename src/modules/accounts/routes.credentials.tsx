import type { FastifyReply, FastifyRequest } from 'fastify';
import { isSignedIn, type SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formState, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import type { App } from '#kernel/module.ts';
import { changeEmailForm, changePasswordForm, tokenForm } from './forms.ts';
import { TokenQuery } from './schemas.ts';
import { confirmEmailChange, isLiveEmailChangeLink, requestEmailChange } from './service.email-change.ts';
import type { Client } from './service.login.ts';
import { changePassword } from './service.password.ts';
import { profileOf } from './service.profile.ts';
import { MessagePage } from './views/auth.tsx';
import { ChangeEmailPage, ChangePasswordPage, ConfirmEmailChangePage, NoPasswordPage } from './views/credentials.tsx';

const strict = { rateLimit: { max: 10, timeWindow: '5 minutes' } };

function signedIn(request: FastifyRequest): SignedIn {
  if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
  return request.actor;
}

const clientOf = (request: FastifyRequest): Client => ({ address: request.ip, userAgent: request.headers['user-agent'] });

/** A delay is told in whole minutes, rounded up, as at sign-in. */
const waitProblem = (seconds: number) => ({ code: 'accounts:errors.tooManyAttempts', values: { count: Math.max(1, Math.ceil(seconds / 60)) } });

type Shown = { raw: Raw; errors?: FormErrors };

/** Password and e-mail address of the signed-in person; registered inside the "Mein Konto" scope and its guard. */
export async function credentialRoutes(app: App, ctx: KernelContext, accountCrumb: (request: FastifyRequest) => { label: string; href: string }): Promise<void> {
  const page = (request: FastifyRequest, reply: FastifyReply, title: string, hasErrors: boolean, status?: number) => ({
    reply: reply.status(status ?? (hasErrors ? 422 : 200)),
    head: { title: request.t(title), breadcrumbs: [accountCrumb(request), { label: request.t(title) }], hasErrors },
  });

  const passwordPage = async (request: FastifyRequest, reply: FastifyReply, read: Shown, status?: number) => {
    const user = await profileOf(ctx, signedIn(request));
    if (!user.password_hash) {
      const { reply: answer, head } = page(request, reply, 'accounts:password.setTitle', false);
      return answer.html(head, <NoPasswordPage page={request.page} />);
    }
    const state = formState(request.page, read, changePasswordForm);
    const { reply: answer, head } = page(request, reply, 'accounts:password.title', state.hasErrors, status);
    return answer.html(head, <ChangePasswordPage page={request.page} state={state} />);
  };

  // Ticked at first: whoever knew the old password should be signed out unless the person says otherwise.
  app.get('/konto/passwort', async (request, reply) => passwordPage(request, reply, { raw: { endOtherSessions: 'on' } }));

  app.post('/konto/passwort', { schema: { body: formBody(changePasswordForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const read = readForm(changePasswordForm, request);
    if (!read.ok) return passwordPage(request, reply, read);
    const result = await changePassword(ctx, signedIn(request), { ...read.value, client: clientOf(request) });
    if (result.ok) return reply.redirect(`/konto?notice=${result.otherSessionsEnded === null ? 'password-changed' : 'password-changed-signed-out'}`, 303);
    if (result.reason === 'no-password') return passwordPage(request, reply, { raw: {} });
    if (result.reason === 'throttled') {
      reply.header('retry-after', String(result.waitSeconds));
      return passwordPage(request, reply, withErrors(read, { currentPassword: waitProblem(result.waitSeconds) }), 429);
    }
    return passwordPage(request, reply, withErrors(read, result.problems));
  });

  const emailPage = async (request: FastifyRequest, reply: FastifyReply, read: Shown, status?: number) => {
    const user = await profileOf(ctx, signedIn(request));
    const state = formState(request.page, read, changeEmailForm);
    const { reply: answer, head } = page(request, reply, 'accounts:emailChange.title', state.hasErrors, status);
    return answer.html(
      head,
      <ChangeEmailPage page={request.page} state={state} currentEmail={user.email} pendingEmail={user.pending_email} hasPassword={user.password_hash !== null} />,
    );
  };

  app.get('/konto/e-mail', async (request, reply) => emailPage(request, reply, { raw: {} }));

  app.post('/konto/e-mail', { schema: { body: formBody(changeEmailForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const read = readForm(changeEmailForm, request);
    if (!read.ok) return emailPage(request, reply, read);
    const result = await requestEmailChange(ctx, signedIn(request), { ...read.value, client: clientOf(request) });
    const t = request.t;
    if (!result.ok) {
      if (result.reason === 'staff-account') return emailPage(request, reply, withErrors(read, { email: { code: 'accounts:errors.staffEmail' } }), 403);
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.waitSeconds));
        return emailPage(request, reply, withErrors(read, { password: waitProblem(result.waitSeconds) }), 429);
      }
      return emailPage(request, reply, withErrors(read, result.problems));
    }
    const title = t('accounts:emailChange.sentTitle');
    return reply.html(
      { title, breadcrumbs: [accountCrumb(request), { label: t('accounts:emailChange.title') }] },
      <MessagePage page={request.page} title={title} kind="success">
        <p class="kern-body">{t('accounts:emailChange.sent', { email: result.email })}</p>
        <p class="kern-body">{t('accounts:emailChange.sentOld')}</p>
      </MessagePage>,
    );
  });
}

/**
 * The link mailed to a new address. It needs no session: following it from the new mailbox is the proof,
 * on whichever device the mail is read. Opening it only shows the button, as confirmation links do.
 */
export async function emailConfirmationRoutes(app: App, ctx: KernelContext): Promise<void> {
  const invalid = (request: FastifyRequest, reply: FastifyReply, message: string) => {
    const title = request.t('accounts:emailChange.confirmFailedTitle');
    return reply.status(410).html(
      { title, breadcrumbs: [{ label: title }] },
      <MessagePage page={request.page} title={title} kind="danger">
        <p class="kern-body">{request.t(message)}</p>
      </MessagePage>,
    );
  };

  app.get('/e-mail-bestaetigen', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token ?? '';
    if (!token || !(await isLiveEmailChangeLink(ctx, token))) return invalid(request, reply, 'accounts:emailChange.linkInvalid');
    const title = request.t('accounts:emailChange.confirmTitle');
    return reply.html({ title, breadcrumbs: [{ label: title }] }, <ConfirmEmailChangePage page={request.page} token={token} />);
  });

  app.post('/e-mail-bestaetigen', { schema: { body: formBody(tokenForm) }, attachValidation: true, config: strict }, async (request, reply) => {
    const read = readForm(tokenForm, request);
    const result = read.ok ? await confirmEmailChange(ctx, read.value.token) : ({ ok: false, reason: 'invalid-token' } as const);
    if (!result.ok) return invalid(request, reply, result.reason === 'taken' ? 'accounts:emailChange.taken' : 'accounts:emailChange.linkInvalid');
    const t = request.t;
    const title = t('accounts:emailChange.doneTitle');
    return reply.html(
      { title, breadcrumbs: [{ label: title }] },
      <MessagePage page={request.page} title={title} kind="success">
        <p class="kern-body">{t('accounts:emailChange.done', { email: result.email })}</p>
        <p class="kern-body">
          <a class="kern-link" href="/konto">
            {t('accounts:account.title')}
          </a>
        </p>
      </MessagePage>,
    );
  });
}
