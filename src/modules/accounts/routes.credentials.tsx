import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { isSignedIn, type SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { readForm } from '#kernel/http/forms.ts';
import type { App } from '#kernel/module.ts';
import { ChangeEmailBody, ChangePasswordBody, TokenBody, TokenQuery } from './schemas.ts';
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

/** Field problems as i18n keys, in words; the confirmation word and a delay are the values some take. */
function messages(t: TFunction, problems: Record<string, string | undefined>): FieldErrors {
  const values = { word: t('accounts:emailChange.confirmWord') };
  return Object.fromEntries(Object.entries(problems).flatMap(([field, key]) => (key ? [[field, t(key, values)]] : [])));
}

/** A delay is told in whole minutes, rounded up, as at sign-in. */
const waitMessage = (t: TFunction, seconds: number) => t('accounts:errors.tooManyAttempts', { count: Math.max(1, Math.ceil(seconds / 60)) });

/** Password and e-mail address of the signed-in person; registered inside the "Mein Konto" scope and its guard. */
export async function credentialRoutes(app: App, ctx: KernelContext, accountCrumb: (request: FastifyRequest) => { label: string; href: string }): Promise<void> {
  const page = (request: FastifyRequest, reply: FastifyReply, title: string, errors: FieldErrors, status?: number) => ({
    reply: reply.status(status ?? (Object.keys(errors).length ? 422 : 200)),
    head: { title: request.t(title), breadcrumbs: [accountCrumb(request), { label: request.t(title) }], hasErrors: Object.keys(errors).length > 0 },
  });

  const passwordPage = async (request: FastifyRequest, reply: FastifyReply, errors: FieldErrors, endOtherSessions: boolean, status?: number) => {
    const user = await profileOf(ctx, signedIn(request));
    if (!user.password_hash) {
      const { reply: answer, head } = page(request, reply, 'accounts:password.setTitle', {});
      return answer.html(head, <NoPasswordPage page={request.page} />);
    }
    const { reply: answer, head } = page(request, reply, 'accounts:password.title', errors, status);
    return answer.html(head, <ChangePasswordPage page={request.page} errors={errors} endOtherSessions={endOtherSessions} />);
  };

  app.get('/konto/passwort', async (request, reply) => passwordPage(request, reply, {}, true));

  app.post('/konto/passwort', { schema: { body: ChangePasswordBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const form = readForm<ChangePasswordBody>(request);
    // An unticked box is not sent at all: absent means the person chose to keep the other sessions.
    const endOtherSessions = form.values.endOtherSessions === 'on';
    if (Object.keys(form.errors).length > 0) return passwordPage(request, reply, form.errors, endOtherSessions);
    const result = await changePassword(ctx, signedIn(request), { ...request.body, endOtherSessions, client: clientOf(request) });
    if (result.ok) return reply.redirect(`/konto?notice=${result.otherSessionsEnded === null ? 'password-changed' : 'password-changed-signed-out'}`, 303);
    if (result.reason === 'no-password') return passwordPage(request, reply, {}, true);
    if (result.reason === 'throttled') {
      reply.header('retry-after', String(result.waitSeconds));
      return passwordPage(request, reply, { currentPassword: waitMessage(request.t, result.waitSeconds) }, endOtherSessions, 429);
    }
    return passwordPage(request, reply, messages(request.t, result.problems), endOtherSessions);
  });

  const emailPage = async (request: FastifyRequest, reply: FastifyReply, values: { email?: string }, errors: FieldErrors, status?: number) => {
    const user = await profileOf(ctx, signedIn(request));
    const { reply: answer, head } = page(request, reply, 'accounts:emailChange.title', errors, status);
    return answer.html(
      head,
      <ChangeEmailPage page={request.page} values={values} errors={errors} currentEmail={user.email} pendingEmail={user.pending_email} hasPassword={user.password_hash !== null} />,
    );
  };

  app.get('/konto/e-mail', async (request, reply) => emailPage(request, reply, {}, {}));

  app.post('/konto/e-mail', { schema: { body: ChangeEmailBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const form = readForm<ChangeEmailBody>(request);
    if (Object.keys(form.errors).length > 0) return emailPage(request, reply, form.values, form.errors);
    const result = await requestEmailChange(ctx, signedIn(request), { ...request.body, client: clientOf(request) });
    const t = request.t;
    if (!result.ok) {
      if (result.reason === 'staff-account') return emailPage(request, reply, form.values, { email: t('accounts:errors.staffEmail') }, 403);
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.waitSeconds));
        return emailPage(request, reply, form.values, { password: waitMessage(t, result.waitSeconds) }, 429);
      }
      return emailPage(request, reply, form.values, messages(t, result.problems));
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

  app.post('/e-mail-bestaetigen', { schema: { body: TokenBody }, attachValidation: true, config: strict }, async (request, reply) => {
    const token = readForm<TokenBody>(request).values.token ?? '';
    const result = request.validationError ? ({ ok: false, reason: 'invalid-token' } as const) : await confirmEmailChange(ctx, token);
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
