import { Alert, CheckboxGroup, Heading, PostForm, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { QueueEntry, QueueTicket } from '#modules/appointments/service.staff-queue.ts';
import type { StaffPlace } from '#modules/appointments/service.staff.ts';
import type { Notice } from './day.tsx';
import { clock, placeHref } from './format.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';

export interface QueueProps {
  page: PageContext;
  place: StaffPlace;
  queue: QueueEntry[];
  counters: { id: string; name: string }[];
  tickets: QueueTicket[];
  /** Booked people called and not yet marked served. */
  called: { id: string; label: string; called_at: Date | null; called_counter_id: string | null }[];
  services: { slug: string; title: string }[];
  titles: Map<string, string>;
  notice?: Notice | undefined;
}

function CallForm({ page, place, counters }: Pick<QueueProps, 'page' | 'place' | 'counters'>) {
  const { t } = page;
  return (
    <PostForm page={page} action={`${placeHref(place.id)}/aufrufen`}>
      <Select name="counter" label={t('appointments:staff.queue.counter')} choices={counters.map((counter) => ({ value: counter.id, label: counter.name }))} />
      <SubmitButton label={t('appointments:staff.queue.callNext')} />
    </PostForm>
  );
}

function IssueForm({ page, place, services }: Pick<QueueProps, 'page' | 'place' | 'services'>) {
  const { t } = page;
  return (
    <PostForm page={page} action={`${placeHref(place.id)}/wartenummern`}>
      <CheckboxGroup name="services" label={t('appointments:staff.queue.services')} choices={services.map((service) => ({ value: service.slug, label: service.title }))} values={[]} />
      <SubmitButton kind="secondary" label={t('appointments:staff.queue.issue')} />
    </PostForm>
  );
}

function TicketActions({ page, place, ticket }: { page: PageContext; place: StaffPlace; ticket: QueueTicket }) {
  const { t } = page;
  const slugs = { served: 'erledigt', gone: 'gegangen' } as const;
  return (
    <>
      {ticket.ends.map((end) => (
        <PostForm key={end} page={page} action={`${placeHref(place.id)}/wartenummern/${ticket.id}/${slugs[end]}`}>
          <button type="submit" class="kern-btn kern-btn--tertiary">
            <span class="kern-label">
              {t(`appointments:staff.queue.end.${slugs[end]}`)}
              <span class="kern-sr-only"> – {ticket.label}</span>
            </span>
          </button>
        </PostForm>
      ))}
    </>
  );
}

/** Booked people who were called: marking them served here ends their visit. */
function CalledBookings({ page, place, called, counters }: Pick<QueueProps, 'page' | 'place' | 'called' | 'counters'>) {
  const { t } = page;
  if (called.length === 0) return null;
  return (
    <section class="kern-stack-sm" aria-labelledby="called-title">
      <h2 class="kern-heading-medium" id="called-title">
        {t('appointments:staff.queue.calledTitle')}
      </h2>
      <StaffTable caption={t('appointments:staff.queue.calledTitle')} columns={[t('appointments:staff.queue.columns.number'), t('appointments:staff.queue.counter'), t('appointments:staff.queue.calledAt'), t('appointments:staff.day.columns.actions')]}>
        {called.map((booking) => (
          <tr key={booking.id}>
            <th scope="row" class="kern-table__cell">
              {booking.label}
            </th>
            <td class="kern-table__cell">{counters.find((counter) => counter.id === booking.called_counter_id)?.name ?? ''}</td>
            <td class="kern-table__cell">{booking.called_at ? clock(booking.called_at) : ''}</td>
            <td class="kern-table__cell">
              <PostForm page={page} action={`${placeHref(place.id)}/buchungen/${booking.id}/erledigt?zurueck=warteschlange`}>
                <button type="submit" class="kern-btn kern-btn--tertiary">
                  <span class="kern-label">
                    {t('appointments:staff.steps.served')}
                    <span class="kern-sr-only"> – {booking.label}</span>
                  </span>
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </StaffTable>
    </section>
  );
}

/** Today's queue at a place: who waits in the order they will be called, calling the next, issuing numbers. */
export function QueuePage(props: QueueProps) {
  const { page, place, queue, counters } = props;
  const { t } = page;
  const titlesOf = (slugs: string[]) => slugs.map((slug) => props.titles.get(slug) ?? slug).join(', ');
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:staff.queue.lead')}>{t('appointments:staff.queue.title', { place: place.name })}</Heading>
      {props.notice ? <Alert kind={props.notice.kind} title={props.notice.text} /> : null}
      <p class="kern-body">
        <a class="kern-link" href={`${placeHref(place.id)}/warteschlange`}>
          {t('appointments:staff.queue.refresh')}
        </a>{' '}
        ·{' '}
        <a class="kern-link" href={`/termine/anzeige/${place.id}`}>
          {t('appointments:staff.places.display')}
        </a>
      </p>
      <section class="kern-stack-sm" aria-labelledby="call-title">
        <h2 class="kern-heading-medium" id="call-title">
          {t('appointments:staff.queue.callTitle')}
        </h2>
        {counters.length > 0 ? <CallForm page={page} place={place} counters={counters} /> : null}
      </section>
      <section class="kern-stack-sm" aria-labelledby="waiting-title">
        <h2 class="kern-heading-medium" id="waiting-title">
          {t('appointments:staff.queue.waitingTitle', { count: queue.length })}
        </h2>
        {queue.length === 0 ? (
          <p class="kern-body">{t('appointments:staff.queue.empty')}</p>
        ) : (
          <StaffTable caption={t('appointments:staff.queue.caption')} columns={[t('appointments:staff.queue.columns.position'), t('appointments:staff.queue.columns.number'), t('appointments:staff.queue.columns.kind'), t('appointments:staff.queue.columns.since'), t('appointments:staff.queue.columns.services')]}>
            {queue.map((entry, index) => (
              <tr key={entry.id}>
                <td class="kern-table__cell">{index + 1}</td>
                <th scope="row" class="kern-table__cell">
                  {entry.label}
                </th>
                <td class="kern-table__cell">{entry.startsAt ? t('appointments:staff.queue.booked', { time: clock(entry.startsAt) }) : t('appointments:staff.queue.walkIn')}</td>
                <td class="kern-table__cell">{clock(entry.since)}</td>
                <td class="kern-table__cell">{titlesOf(entry.services)}</td>
              </tr>
            ))}
          </StaffTable>
        )}
      </section>
      <CalledBookings page={page} place={place} called={props.called} counters={counters} />
      <section class="kern-stack-sm" aria-labelledby="issue-title">
        <h2 class="kern-heading-medium" id="issue-title">
          {t('appointments:staff.queue.issueTitle')}
        </h2>
        <IssueForm page={page} place={place} services={props.services} />
      </section>
      <section class="kern-stack-sm" aria-labelledby="tickets-title">
        <h2 class="kern-heading-medium" id="tickets-title">
          {t('appointments:staff.queue.ticketsTitle')}
        </h2>
        {props.tickets.length === 0 ? (
          <p class="kern-body">{t('appointments:staff.queue.noTickets')}</p>
        ) : (
          <StaffTable caption={t('appointments:staff.queue.ticketsTitle')} columns={[t('appointments:staff.queue.columns.number'), t('appointments:staff.queue.columns.since'), t('appointments:staff.queue.columns.status'), t('appointments:staff.day.columns.actions')]}>
            {props.tickets.map((ticket) => (
              <tr key={ticket.id}>
                <th scope="row" class="kern-table__cell">
                  {ticket.label}
                </th>
                <td class="kern-table__cell">{clock(ticket.created_at)}</td>
                <td class="kern-table__cell">
                  {t(`appointments:staff.queue.status.${ticket.status}`)}
                  {ticket.counter_id ? ` (${counters.find((counter) => counter.id === ticket.counter_id)?.name ?? ''})` : ''}
                </td>
                <td class="kern-table__cell">
                  <TicketActions page={page} place={place} ticket={ticket} />
                </td>
              </tr>
            ))}
          </StaffTable>
        )}
      </section>
    </div>
  );
}
