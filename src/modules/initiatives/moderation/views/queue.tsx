import { Heading, PostForm, SubmitButton, StatusNote } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { ModerationQueue } from '../service.moderation.ts';

/** "wartet seit 3 Tagen": whole days since, today counted as none. */
export function daysSince(since: Date | null, now: Date): number {
  return since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000)) : 0;
}

function Since(props: { page: PageContext; since: Date | null; now: Date; key_: string }) {
  const days = daysSince(props.since, props.now);
  return <span>{days === 0 ? props.page.t(`initiatives:moderation.queue.${props.key_}Today`) : props.page.t(`initiatives:moderation.queue.${props.key_}`, { count: days })}</span>;
}

function Section(props: { id: string; title: string; count: number; empty: string; children: preact.ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 class="kern-heading-medium" id={props.id}>
        {props.title} ({props.count})
      </h2>
      {props.count === 0 ? <p>{props.empty}</p> : props.children}
    </section>
  );
}

type Row = { id: string; name: string; since: Date | null };

function EntryList(props: { page: PageContext; rows: Row[]; now: Date; sinceKey: string }) {
  return (
    <ul class="kern-stack-sm">
      {props.rows.map((row) => (
        <li key={row.id}>
          <a class="kern-link" href={`/verwaltung/initiativen/${row.id}`}>
            {row.name}
          </a>{' '}
          – <Since page={props.page} since={row.since} now={props.now} key_={props.sinceKey} />
          {row.since ? (
            <>
              {' '}
              (<time datetime={row.since.toISOString()}>{formatDateTime(row.since, props.page.lang)}</time>)
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The moderators' queue: what waits and for how long, oldest first in each section. */
export function QueuePage(props: { page: PageContext; queue: ModerationQueue; now: Date; notice?: string | undefined }) {
  const { t } = props.page;
  const { queue, now } = props;
  return (
    <>
      <Heading lead={t('initiatives:moderation.queue.lead')}>{t('initiatives:moderation.queue.title')}</Heading>
      {props.notice ? (
        <StatusNote>
          <p>{props.notice}</p>
        </StatusNote>
      ) : null}
      <Section id="vorschlaege" title={t('initiatives:moderation.queue.proposals')} count={queue.proposals.length} empty={t('initiatives:moderation.queue.none')}>
        <EntryList page={props.page} rows={queue.proposals} now={now} sinceKey="waiting" />
      </Section>
      <Section id="rueckfragen" title={t('initiatives:moderation.queue.questions')} count={queue.questions.length} empty={t('initiatives:moderation.queue.none')}>
        <EntryList page={props.page} rows={queue.questions} now={now} sinceKey="asked" />
      </Section>
      <Section id="aenderungen" title={t('initiatives:moderation.queue.edits')} count={queue.edits.length} empty={t('initiatives:moderation.queue.none')}>
        <ul class="kern-stack-sm">
          {queue.edits.map((row) => (
            <li key={row.id}>
              <a class="kern-link" href={`/initiativen/${row.slug}`}>
                {row.name}
              </a>{' '}
              – <Since page={props.page} since={row.since} now={now} key_="edited" />{' '}
              <a class="kern-link" href={`/verwaltung/initiativen/${row.id}`}>
                {t('initiatives:moderation.queue.details', { name: row.name })}
              </a>
              <PostForm page={props.page} action={`/verwaltung/initiativen/${row.id}/gesehen`}>
                <SubmitButton kind="secondary" label={t('initiatives:moderation.queue.seen')} />
              </PostForm>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="betreuende" title={t('initiatives:moderation.queue.maintainers')} count={queue.maintainers.length} empty={t('initiatives:moderation.queue.none')}>
        <ul class="kern-stack-sm">
          {queue.maintainers.map((row) => (
            <li key={row.id}>
              {t('initiatives:moderation.queue.maintainerLine', { name: row.name ?? '', email: row.email ?? '', initiative: row.initiative })} –{' '}
              <Since page={props.page} since={row.since} now={now} key_="waiting" />
              {row.email_confirmed_at ? null : <> ({t('initiatives:moderation.queue.unconfirmedAddress')})</>}
              <PostForm page={props.page} action={`/verwaltung/initiativen/betreuende/${row.id}/freigeben`}>
                <SubmitButton kind="secondary" label={t('initiatives:moderation.queue.approve', { name: row.name ?? row.email ?? '' })} />
              </PostForm>
              <PostForm page={props.page} action={`/verwaltung/initiativen/betreuende/${row.id}/ablehnen`}>
                <SubmitButton kind="tertiary" label={t('initiatives:moderation.queue.refuse', { name: row.name ?? row.email ?? '' })} />
              </PostForm>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="veraltet" title={t('initiatives:moderation.queue.stale')} count={queue.stale.length} empty={t('initiatives:moderation.queue.none')}>
        <EntryList page={props.page} rows={queue.stale} now={now} sinceKey="confirmed" />
      </Section>
      <section aria-labelledby="zurueckgehalten">
        <h2 class="kern-heading-medium" id="zurueckgehalten">
          {t('initiatives:moderation.queue.held')} ({queue.held})
        </h2>
        <p>
          <a class="kern-link" href="/verwaltung/initiativen/termine-zurueckgehalten">
            {t('initiatives:moderation.queue.heldLink', { count: queue.held })}
          </a>
        </p>
      </section>
    </>
  );
}
