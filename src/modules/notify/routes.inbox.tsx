import type { FastifyRequest } from 'fastify';
import { isSignedIn, type SignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { signedInOnly } from '#kernel/http/guard.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { AttachmentParams, IdParams, NoticeQuery } from './schemas.ts';
import { inbox, markUnread, openMessage, ownAttachment } from './service.inbox.ts';
import { InboxMessagePage, InboxPage } from './views/inbox.tsx';

function signedIn(request: FastifyRequest): SignedIn {
  if (!isSignedIn(request.actor)) throw new Error('Route reached without the sign-in guard');
  return request.actor;
}

const notices: Record<string, string> = { unread: 'notify:inbox.markedUnread' };

/** "Mein Konto → Nachrichten". Visitors are sent to the login and brought back afterwards. */
export async function inboxRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.addHook('onRequest', signedInOnly);
  const crumbs = (request: FastifyRequest) => [
    { label: request.t('accounts:account.title'), href: '/konto' },
    { label: request.t('notify:inbox.title'), href: '/konto/nachrichten' },
  ];

  app.get('/konto/nachrichten', { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const { messages, unread } = await inbox(ctx, signedIn(request));
    const [account, self] = crumbs(request);
    return reply.html(
      { title: request.t('notify:inbox.title'), breadcrumbs: [account!, { label: self!.label }] },
      <InboxPage page={request.page} messages={messages} unread={unread} notice={notices[request.query.notice ?? '']} />,
    );
  });

  app.get('/konto/nachrichten/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const opened = await openMessage(ctx, signedIn(request), request.params.id);
    if (!opened) return reply.callNotFound();
    const title = opened.message.subject ?? request.t('notify:inbox.deleted');
    // Messages carry personal data; no shared cache may keep them.
    return reply.header('cache-control', 'no-store').html({ title, breadcrumbs: [...crumbs(request), { label: title }] }, <InboxMessagePage page={request.page} {...opened} />);
  });

  app.post('/konto/nachrichten/:id/ungelesen', { schema: { params: IdParams } }, async (request, reply) => {
    if (!(await markUnread(ctx, signedIn(request), request.params.id))) return reply.callNotFound();
    return reply.redirect('/konto/nachrichten?notice=unread', 303);
  });

  app.get('/konto/nachrichten/:id/anhaenge/:attachmentId', { schema: { params: AttachmentParams } }, async (request, reply) => {
    const actor = signedIn(request);
    const file = await ownAttachment(ctx, actor, request.params.id, request.params.attachmentId);
    if (!file.ok && file.reason === 'being-moved') throw new HttpProblem(409, 'notify:inbox.attachmentBeingMoved');
    if (!file.ok) return reply.callNotFound();
    return ctx.files.send(reply, { fileId: file.fileId, filename: file.filename, actor, dataSubjectId: actor.userId, action: 'notify.attachment-downloaded' });
  });
}
