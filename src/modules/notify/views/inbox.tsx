import type { PageContext } from '#kernel/html/page.ts';
import { Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { LetterBlock } from '#kernel/pdf/letter.ts';
import type { Delivery, Message } from '../tables.ts';
import { MessageBody, NoticeBanner, StatusBadge } from './parts.tsx';

interface InboxRow {
  id: string;
  reference: string;
  subject: string | null;
  created_at: Date;
  read_at: Date | null;
}

export function InboxPage({ page, messages, unread, notice }: { page: PageContext; messages: InboxRow[]; unread: number; notice?: string }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('notify:inbox.intro')}>{t('notify:inbox.title')}</Heading>
      <NoticeBanner page={page} notice={notice} />
      <p class="kern-body" role="status">
        {t('notify:inbox.count', { count: messages.length })} {unread > 0 ? t('notify:inbox.unreadCount', { count: unread }) : ''}
      </p>
      {messages.length === 0 ? (
        <p class="kern-body">{t('notify:inbox.empty')}</p>
      ) : (
        <ul class="kern-list inbox">
          {messages.map((message) => (
            <li key={message.id} class={message.read_at ? 'inbox__item' : 'inbox__item inbox__item--unread'}>
              <a class="kern-link" href={`/konto/nachrichten/${message.id}`}>
                {message.read_at ? null : <strong>{t('notify:inbox.new')}: </strong>}
                {message.subject ?? t('notify:inbox.deleted')}
              </a>
              <span class="kern-body kern-body--small">
                {' – '}
                <time datetime={isoString(message.created_at)}>{formatDateTime(message.created_at, lang)}</time>
                {' · '}
                {message.reference}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface AttachmentRow {
  id: string;
  filename: string;
  size: number;
}

export function InboxMessagePage(props: { page: PageContext; message: Message; blocks: LetterBlock[]; attachments: AttachmentRow[]; deliveries: Delivery[]; documentPending: boolean }) {
  const { page, message, blocks, attachments, deliveries, documentPending } = props;
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={`${formatDateTime(message.created_at, lang)} · ${t('notify:inbox.reference')}: ${message.reference}`}>{message.subject ?? t('notify:inbox.deleted')}</Heading>
      {message.content_deleted_at ? <p class="kern-body">{t('notify:inbox.deletedBody')}</p> : <MessageBody blocks={blocks} />}
      {message.link ? (
        <p>
          <a class="kern-link" href={message.link}>
            {t('notify:inbox.openMatter')}
          </a>
        </p>
      ) : null}
      {documentPending ? <p class="kern-body">{t('notify:inbox.documentPending')}</p> : null}
      {attachments.length > 0 ? (
        <section aria-labelledby="attachments-heading">
          <h2 class="kern-heading-small" id="attachments-heading">
            {t('notify:inbox.attachments')}
          </h2>
          <ul class="kern-list">
            {attachments.map((file) => (
              <li key={file.id}>
                <a class="kern-link" href={`/konto/nachrichten/${message.id}/anhaenge/${file.id}`} download={file.filename}>
                  {file.filename}
                </a>{' '}
                ({Math.max(1, Math.round(file.size / 1024))} kB)
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {deliveries.length > 0 ? (
        <section aria-labelledby="delivery-heading">
          <h2 class="kern-heading-small" id="delivery-heading">
            {t('notify:inbox.delivery')}
          </h2>
          <ul class="kern-list">
            {deliveries.map((delivery) => (
              <li key={delivery.id}>
                {t(`notify:channels.${delivery.channel}`)}: <StatusBadge page={page} status={delivery.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <PostForm page={page} action={`/konto/nachrichten/${message.id}/ungelesen`}>
        <SubmitButton kind="secondary" label={t('notify:inbox.markUnread')} />
      </PostForm>
      <p>
        <a class="kern-link" href="/konto/nachrichten">
          {t('notify:inbox.back')}
        </a>
      </p>
    </div>
  );
}
