import { DateTime } from 'luxon';
import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { EventRow, FeedRow, InitiativeRow, InitiativesTables } from '../tables.ts';
import type { Selectable } from 'kysely';
import { entryForm, eventForm, feedForm, linkRequestForm, maintainerForm } from './forms.ts';
import { repeatOf } from './service.events.ts';
import { logoPath } from '../logo.ts';
import type { MapTiles } from '../resources/settings.ts';
import { MapIsland } from '../views/map.tsx';

/* The maintenance pages: asking for a link, opening it, the entry with its events, feeds and maintainers. */

const when = (page: PageContext, date: Date | null) => (date ? DateTime.fromJSDate(date, { zone: 'Europe/Berlin' }).setLocale(page.lang).toFormat('dd.MM.yyyy, HH:mm') : '–');

export interface Shown {
  raw: Raw;
  errors: FieldErrors;
}

export function LinkRequestPage(props: { page: PageContext; shown: Shown }) {
  const { t } = props.page;
  return (
    <>
      <Heading lead={t('initiatives:maintenance.request.lead')}>{t('initiatives:maintenance.request.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.shown.errors} />
      <PostForm page={props.page} action="/initiativen/pflegen">
        <FormFields page={props.page} form={linkRequestForm} raw={props.shown.raw} errors={props.shown.errors} />
        <SubmitButton label={t('initiatives:maintenance.request.submit')} />
      </PostForm>
      <p>{t('initiatives:maintenance.request.account')}</p>
      <p>
        <a class="kern-link" href="/konto/initiativen">
          {t('initiatives:maintenance.mine.title')}
        </a>
      </p>
    </>
  );
}


/** What a mailed link opens: a button, since mail scanners follow links; signed in, a second one that binds the account. */
export function LinkPage(props: { page: PageContext; name: string; action: string; signedIn: boolean }) {
  const { t } = props.page;
  return (
    <>
      <Heading>{t('initiatives:maintenance.link.title', { name: props.name })}</Heading>
      <p>{t('initiatives:maintenance.link.text')}</p>
      <PostForm page={props.page} action={props.action}>
        <SubmitButton label={t('initiatives:maintenance.link.open')} />
      </PostForm>
      {props.signedIn ? (
        <>
          <p>{t('initiatives:maintenance.link.attachText')}</p>
          <PostForm page={props.page} action={`${props.action}/konto`}>
            <SubmitButton kind="secondary" label={t('initiatives:maintenance.link.attach')} />
          </PostForm>
        </>
      ) : null}
    </>
  );
}

// Nothing to remove while the entry has no logo.
const { removeLogo: _remove, ...fieldsWithoutRemove } = entryForm.fields;
const withoutRemoveLogo = { ...entryForm, fields: fieldsWithoutRemove };

/** The logo as it shows on the public page, or a note while the entry waits for publication. */
function CurrentLogo({ page, initiative }: { page: PageContext; initiative: InitiativeRow }) {
  if (!initiative.logo_file_id) return null;
  if (initiative.status !== 'published') return <p class="kern-body">{page.t('initiatives:maintenance.entry.logoAwaits')}</p>;
  return (
    <p class="kern-body initiatives-logo-current">
      {page.t('initiatives:maintenance.entry.currentLogo')} <img src={logoPath(initiative.slug, initiative.logo_file_id)} alt={initiative.logo_alt ?? ''} class="initiatives-logo" />
    </p>
  );
}

export type MaintainerRow = Selectable<InitiativesTables['initiative_maintainers']>;

export interface EntryPageProps {
  page: PageContext;
  initiative: InitiativeRow;
  events: EventRow[];
  feeds: FeedRow[];
  maintainers: MaintainerRow[];
  currentMaintainerId: string;
  notice?: string | undefined;
  entry: Shown;
  feed: Shown;
  maintainer: Shown;
  tiles: MapTiles;
}

export function EntryPage(props: EntryPageProps) {
  const { page, initiative } = props;
  const { t } = page;
  const base = `/initiativen/pflegen/${initiative.id}`;
  const errors = { ...props.entry.errors, ...props.feed.errors, ...props.maintainer.errors };
  return (
    <>
      <Heading lead={t('initiatives:maintenance.entry.lead')}>{t('initiatives:maintenance.entry.title', { name: initiative.name })}</Heading>
      {props.notice ? <Alert kind="success" title={props.notice} /> : null}
      <ErrorSummary page={page} errors={errors} />
      <p>
        <a class="kern-link" href={`/initiativen/${initiative.slug}`}>
          {t('initiatives:maintenance.entry.publicPage')}
        </a>
      </p>

      <h2 class="kern-heading-medium">{t('initiatives:maintenance.current.title')}</h2>
      <p>{t('initiatives:maintenance.current.text', { when: when(page, initiative.confirmed_current_at) })}</p>
      <PostForm page={page} action={`${base}/aktuell`}>
        <SubmitButton kind="secondary" label={t('initiatives:maintenance.current.button')} />
      </PostForm>

      <h2 class="kern-heading-medium">{t('initiatives:maintenance.entry.fields')}</h2>
      <p>{t('initiatives:maintenance.entry.live')}</p>
      <PostForm page={page} action={base} files>
        <FormFields
          page={page}
          form={initiative.logo_file_id ? entryForm : withoutRemoveLogo}
          raw={props.entry.raw}
          errors={props.entry.errors}
          after={{ longitude: <MapIsland page={page} points={[]} tiles={props.tiles} pick={{ latitudeField: 'latitude', longitudeField: 'longitude' }} id="pflege-karte" />, logo: <CurrentLogo page={page} initiative={initiative} /> }}
        />
        <SubmitButton label={t('initiatives:maintenance.entry.save')} />
      </PostForm>

      <h2 class="kern-heading-medium">{t('initiatives:maintenance.events.title')}</h2>
      <p>
        <a class="kern-link" href={`${base}/termine/neu`}>
          {t('initiatives:maintenance.events.add')}
        </a>
      </p>
      {props.events.length === 0 ? (
        <p>{t('initiatives:maintenance.events.none')}</p>
      ) : (
        <ul class="kern-list">
          {props.events.map((event) => (
            <li key={event.id}>
              <strong>{event.title}</strong>, {when(page, event.starts_at)} ({t(`initiatives:maintenance.event.repeats.${repeatOf(event.rrule)}`)})
              {event.status === 'cancelled' ? (
                <> – {t('initiatives:maintenance.events.cancelled')}</>
              ) : (
                <>
                  {' '}
                  <a class="kern-link" href={`${base}/termine/${event.id}`}>
                    {t('initiatives:maintenance.events.edit', { title: event.title })}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2 class="kern-heading-medium">{t('initiatives:maintenance.feed.title')}</h2>
      {props.feeds.length > 0 ? (
        <table class="kern-table">
          <caption class="kern-table__caption">{t('initiatives:maintenance.feed.caption')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">{t('initiatives:maintenance.feed.url')}</th>
              <th class="kern-table__header" scope="col">{t('initiatives:maintenance.feed.lastOk')}</th>
              <th class="kern-table__header" scope="col">{t('initiatives:maintenance.feed.lastError')}</th>
              <th class="kern-table__header" scope="col">{t('initiatives:maintenance.feed.events')}</th>
              <th class="kern-table__header" scope="col">{t('initiatives:maintenance.feed.held')}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.feeds.map((feed) => (
              <tr key={feed.id} class="kern-table__row">
                <td class="kern-table__cell">
                  {feed.url}
                  {feed.active ? null : <strong> ({t('initiatives:maintenance.feed.paused')})</strong>}
                </td>
                <td class="kern-table__cell">{when(page, feed.last_ok_at)}</td>
                <td class="kern-table__cell">{feed.last_error ?? '–'}</td>
                <td class="kern-table__cell">{feed.event_count}</td>
                <td class="kern-table__cell">{feed.held_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('initiatives:maintenance.feed.none')}</p>
      )}
      {props.feeds.some((feed) => !feed.active) ? <p>{t('initiatives:maintenance.feed.pausedHint')}</p> : null}
      <PostForm page={page} action={`${base}/feeds`}>
        <FormFields page={page} form={feedForm} raw={props.feed.raw} errors={props.feed.errors} />
        <SubmitButton kind="secondary" label={t('initiatives:maintenance.feed.submit')} />
      </PostForm>

      <h2 class="kern-heading-medium">{t('initiatives:maintenance.maintainers.title')}</h2>
      <ul class="kern-list">
        {props.maintainers.map((maintainer) => (
          <li key={maintainer.id}>
            {maintainer.name ?? '–'} ({maintainer.email ?? '–'}): {t(`initiatives:maintenance.maintainers.status.${maintainer.status}`)}
            {maintainer.id === props.currentMaintainerId ? <> – {t('initiatives:maintenance.maintainers.you')}</> : null}
            <PostForm page={page} action={`${base}/betreuende/${maintainer.id}/entfernen`}>
              <SubmitButton kind="tertiary" label={t('initiatives:maintenance.maintainers.remove', { name: maintainer.name ?? maintainer.email ?? '' })} />
            </PostForm>
          </li>
        ))}
      </ul>
      <p>{t('initiatives:maintenance.maintainers.addText')}</p>
      <PostForm page={page} action={`${base}/betreuende`}>
        <FormFields page={page} form={maintainerForm} raw={props.maintainer.raw} errors={props.maintainer.errors} />
        <SubmitButton kind="secondary" label={t('initiatives:maintenance.maintainers.add')} />
      </PostForm>
    </>
  );
}

export function EventPage(props: { page: PageContext; initiative: InitiativeRow; event?: EventRow; action: string; shown: Shown }) {
  const { page } = props;
  const { t } = page;
  const title = props.event ? t('initiatives:maintenance.events.editTitle', { title: props.event.title }) : t('initiatives:maintenance.events.addTitle');
  return (
    <>
      <Heading lead={props.initiative.name}>{title}</Heading>
      <ErrorSummary page={page} errors={props.shown.errors} />
      <PostForm page={page} action={props.action}>
        <FormFields page={page} form={eventForm} raw={props.shown.raw} errors={props.shown.errors} />
        <SubmitButton label={t('initiatives:maintenance.events.save')} />
      </PostForm>
      {props.event ? (
        <>
          <h2 class="kern-heading-medium">{t('initiatives:maintenance.events.cancelTitle')}</h2>
          <p>{t('initiatives:maintenance.events.cancelText')}</p>
          <PostForm page={page} action={`${props.action}/absagen`}>
            <SubmitButton kind="secondary" label={t('initiatives:maintenance.events.cancel')} />
          </PostForm>
        </>
      ) : null}
      <p>
        <a class="kern-link" href={`/initiativen/pflegen/${props.initiative.id}`}>
          {t('initiatives:maintenance.events.back')}
        </a>
      </p>
    </>
  );
}

export function MinePage(props: { page: PageContext; entries: { id: string; name: string; slug: string; confirmed_current_at: Date | null }[] }) {
  const { t } = props.page;
  return (
    <>
      <Heading>{t('initiatives:maintenance.mine.title')}</Heading>
      {props.entries.length === 0 ? (
        <p>{t('initiatives:maintenance.mine.none')}</p>
      ) : (
        <ul class="kern-list">
          {props.entries.map((entry) => (
            <li key={entry.id}>
              <a class="kern-link" href={`/initiativen/pflegen/${entry.id}`}>
                {entry.name}
              </a>{' '}
              ({t('initiatives:maintenance.mine.confirmed', { when: when(props.page, entry.confirmed_current_at) })})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
