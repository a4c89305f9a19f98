import { Alert, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { HeldFeed } from '../repo.ts';

export const heldPath = '/verwaltung/initiativen/termine-zurueckgehalten';

export interface HeldNotice {
  kind: 'success' | 'danger';
  text: string;
}

function FeedSection({ page, feed }: { page: PageContext; feed: HeldFeed }) {
  const { t } = page;
  const headingId = `feed-${feed.feedId}`;
  const more = feed.heldCount - feed.events.length;
  return (
    <section class="kern-stack-md" aria-labelledby={headingId}>
      <h2 class="kern-heading-medium" id={headingId}>
        {feed.initiativeName}
      </h2>
      <dl class="kern-stack-sm">
        <dt class="kern-label">{t('initiatives:feeds.held.feed')}</dt>
        <dd class="kern-body">
          {feed.url}
        </dd>
        <dt class="kern-label">{t('initiatives:feeds.held.counts')}</dt>
        <dd class="kern-body">{t('initiatives:feeds.held.countsText', { held: feed.heldCount, shown: feed.shownCount })}</dd>
        {feed.lastFetchedAt ? (
          <>
            <dt class="kern-label">{t('initiatives:feeds.held.fetched')}</dt>
            <dd class="kern-body">
              <time datetime={isoString(feed.lastFetchedAt)}>{formatDateTime(feed.lastFetchedAt, page.lang)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      <ul class="kern-list">
        {feed.events.map((event) => (
          <li key={event.id}>
            <time datetime={isoString(event.startsAt)}>{formatDateTime(event.startsAt, page.lang)}</time>: {event.title}
            {event.rrule ? ` (${t('initiatives:feeds.held.recurring')})` : ''}
          </li>
        ))}
      </ul>
      {more > 0 ? <p class="kern-body">{t('initiatives:feeds.held.more', { count: more })}</p> : null}
      <p class="kern-body">
        <a class="kern-link" href={`/initiativen/${feed.initiativeSlug}`}>
          {t('initiatives:feeds.held.entry', { name: feed.initiativeName })}
        </a>
      </p>
      <div class="kern-stack-sm">
        <PostForm page={page} action={`${heldPath}/${feed.feedId}/freigeben`}>
          <SubmitButton label={t('initiatives:feeds.held.release', { count: feed.heldCount })} />
        </PostForm>
        <PostForm page={page} action={`${heldPath}/${feed.feedId}/verwerfen`}>
          <SubmitButton kind="secondary" label={t('initiatives:feeds.held.discard', { count: feed.heldCount })} />
        </PostForm>
      </div>
    </section>
  );
}

/** The feeds whose new events wait for a moderator, each with what it brought and the two decisions. */
export function HeldPage({ page, feeds, notice }: { page: PageContext; feeds: HeldFeed[]; notice?: HeldNotice | undefined }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('initiatives:feeds.held.lead')}>{t('initiatives:feeds.held.title')}</Heading>
      {notice ? <Alert kind={notice.kind} title={notice.text} /> : null}
      {feeds.length === 0 ? <p class="kern-body">{t('initiatives:feeds.held.none')}</p> : feeds.map((feed) => <FeedSection key={feed.feedId} page={page} feed={feed} />)}
    </div>
  );
}
