import { DateField, rawText, type FormState } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { ErrorSummary, Heading, PostForm, Select, SubmitButton, TextField } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { LetterBlock } from '#kernel/pdf/letter.ts';
import type { PostalAddress } from '#modules/accounts/index.ts';
import { deliveryStatuses, type Channel, type Delivery, type DeliveryStatus, type Message } from '../tables.ts';
import { MessageBody, NoticeBanner, StaffNav, StatusBadge } from './parts.tsx';

export const staffLinks = [
  { href: '/verwaltung/nachrichten', label: 'notify:staff.messagesTitle' },
  { href: '/verwaltung/nachrichten/fehler', label: 'notify:staff.failuresTitle' },
  { href: '/verwaltung/druck', label: 'notify:print.title' },
  { href: '/verwaltung/vorlagen', label: 'notify:templates.title' },
];

interface MessageRow {
  id: string;
  reference: string;
  purpose: string;
  recipient_name: string | null;
  created_at: Date;
  channel: Channel;
  status: DeliveryStatus;
  last_error: string | null;
}

/** A filter form shows what was asked for as typed, or the day the list shows. */
type Filter = Pick<FormState, 'raw' | 'errors'>;

export function MessagesPage({ page, rows, filter, form }: { page: PageContext; rows: MessageRow[]; filter: { day: string }; form: Filter }) {
  const { t } = page;
  const { raw, errors } = form;
  const any = { value: '', label: t('notify:staff.any') };
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('notify:staff.messagesIntro')}>{t('notify:staff.messagesTitle')}</Heading>
      <StaffNav page={page} links={staffLinks} />
      <ErrorSummary page={page} errors={errors} />
      <form method="get" action="/verwaltung/nachrichten" class="kern-stack-sm filter-form">
        <DateField page={page} name="day" label={t('notify:staff.day')} value={rawText(raw, 'day') ?? filter.day} error={errors.day} />
        <Select name="status" label={t('notify:staff.status')} value={rawText(raw, 'status') ?? ''} error={errors.status} choices={[any, ...deliveryStatuses.map((status) => ({ value: status, label: t(`notify:status.${status}`) }))]} />
        <Select name="channel" label={t('notify:staff.channel')} value={rawText(raw, 'channel') ?? ''} error={errors.channel} choices={[any, ...(['email', 'letter', 'inbox'] as const).map((channel) => ({ value: channel, label: t(`notify:channels.${channel}`) }))]} />
        <SubmitButton kind="secondary" label={t('notify:staff.filter')} />
      </form>
      <DeliveryTable page={page} rows={rows} empty={t('notify:staff.none')} />
    </div>
  );
}

function DeliveryTable({ page, rows, empty }: { page: PageContext; rows: MessageRow[]; empty: string }) {
  const { t, lang } = page;
  if (rows.length === 0) return <p class="kern-body">{empty}</p>;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-title">{t('notify:staff.count', { count: rows.length })}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col">{t('notify:staff.created')}</th>
            <th scope="col">{t('notify:staff.reference')}</th>
            <th scope="col">{t('notify:staff.purpose')}</th>
            <th scope="col">{t('notify:staff.recipient')}</th>
            <th scope="col">{t('notify:staff.channel')}</th>
            <th scope="col">{t('notify:staff.status')}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((row) => (
            <tr key={`${row.id}-${row.channel}`}>
              <td class="kern-table__cell">
                <time datetime={isoString(row.created_at)}>{formatDateTime(row.created_at, lang)}</time>
              </td>
              <td class="kern-table__cell">
                <a class="kern-link" href={`/verwaltung/nachrichten/${row.id}`}>
                  {row.reference}
                </a>
              </td>
              <td class="kern-table__cell">{row.purpose}</td>
              <td class="kern-table__cell">{row.recipient_name ?? '–'}</td>
              <td class="kern-table__cell">{t(`notify:channels.${row.channel}`)}</td>
              <td class="kern-table__cell">
                <StatusBadge page={page} status={row.status} />
                {row.last_error ? <div class="kern-body kern-body--small">{row.last_error}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FailuresPage(props: { page: PageContext; day: string; rows: (Omit<MessageRow, 'id' | 'created_at'> & { message_id: string; updated_at: Date })[]; form: Filter }) {
  const { page, day, rows } = props;
  const { raw, errors } = props.form;
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('notify:staff.failuresIntro', { day })}>{t('notify:staff.failuresTitle')}</Heading>
      <StaffNav page={page} links={staffLinks} />
      <ErrorSummary page={page} errors={errors} />
      <form method="get" action="/verwaltung/nachrichten/fehler" class="kern-stack-sm filter-form">
        <DateField page={page} name="day" label={t('notify:staff.day')} value={rawText(raw, 'day') ?? day} error={errors.day} />
        <SubmitButton kind="secondary" label={t('notify:staff.show')} />
      </form>
      <DeliveryTable page={page} rows={rows.map((row) => ({ ...row, id: row.message_id, created_at: row.updated_at }))} empty={t('notify:staff.noFailures')} />
    </div>
  );
}

interface EventRow {
  channel: Channel;
  at: Date;
  status: string;
  detail: string | null;
  actor_label: string;
}

function address(value: PostalAddress | null): string {
  return value ? `${value.street} ${value.houseNumber}, ${value.postalCode} ${value.city}` : '–';
}

export function MessageDetailPage(props: {
  page: PageContext;
  message: Message;
  blocks: LetterBlock[];
  deliveries: Delivery[];
  events: EventRow[];
  attachments: { id: string; filename: string }[];
  canMarkReturned: boolean;
  notice?: string;
  /** The returned-letter form: its note as typed, and its problem in words. */
  form: Filter;
}) {
  const { page, message } = props;
  const { t, lang } = page;
  const letter = props.deliveries.find((delivery) => delivery.channel === 'letter');
  return (
    <div class="kern-stack-lg">
      <Heading lead={`${message.purpose} · ${t('notify:staff.version', { version: message.template_version })}`}>{message.reference}</Heading>
      <StaffNav page={page} links={staffLinks} />
      <NoticeBanner page={page} notice={props.notice} />
      <ErrorSummary page={page} errors={props.form.errors} />
      <dl class="kern-description-list">
        {[
          [t('notify:staff.recipient'), message.recipient_name ?? '–'],
          [t('notify:staff.email'), message.email ?? '–'],
          [t('notify:staff.postalAddress'), address(message.postal_address)],
          [t('notify:staff.created'), formatDateTime(message.created_at, lang)],
          [t('notify:staff.sender'), message.created_by],
        ].map(([label, value]) => (
          <div class="kern-description-list-item" key={label}>
            <dt class="kern-description-list-item__key">{label}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 class="kern-heading-medium">{t('notify:staff.deliveries')}</h2>
      <ul class="kern-list">
        {props.deliveries.map((delivery) => (
          <li key={delivery.id}>
            {t(`notify:channels.${delivery.channel}`)}: <StatusBadge page={page} status={delivery.status} /> {t('notify:staff.attempts', { count: delivery.attempts })}
          </li>
        ))}
      </ul>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small">
          <caption class="kern-title">{t('notify:staff.history')}</caption>
          <thead class="kern-table__header">
            <tr>
              <th scope="col">{t('notify:staff.when')}</th>
              <th scope="col">{t('notify:staff.channel')}</th>
              <th scope="col">{t('notify:staff.event')}</th>
              <th scope="col">{t('notify:staff.by')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.events.map((event, index) => (
              <tr key={index}>
                <td class="kern-table__cell">
                  <time datetime={isoString(event.at)}>{formatDateTime(event.at, lang)}</time>
                </td>
                <td class="kern-table__cell">{t(`notify:channels.${event.channel}`)}</td>
                <td class="kern-table__cell">
                  {t(`notify:events.${event.status}`, { defaultValue: event.status })}
                  {event.detail ? ` – ${event.detail}` : ''}
                </td>
                <td class="kern-table__cell">{event.actor_label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.canMarkReturned && letter && ['sending', 'printed', 'posted'].includes(letter.status) ? (
        <PostForm page={page} action={`/verwaltung/nachrichten/${message.id}/zurueck`}>
          <TextField name="note" label={t('notify:staff.returnNote')} hint={t('notify:staff.returnHint')} value={rawText(props.form.raw, 'note')} maxLength={500} error={props.form.errors.note} />
          <SubmitButton kind="secondary" label={t('notify:staff.markReturned')} />
        </PostForm>
      ) : null}
      <h2 class="kern-heading-medium">{message.subject ?? t('notify:inbox.deleted')}</h2>
      {message.content_deleted_at ? <p class="kern-body">{t('notify:inbox.deletedBody')}</p> : <MessageBody blocks={props.blocks} />}
      {props.attachments.length > 0 ? <p class="kern-body">{`${t('notify:inbox.attachments')}: ${props.attachments.map((file) => file.filename).join(', ')}`}</p> : null}
    </div>
  );
}
