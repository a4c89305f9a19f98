import { Alert, ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { DateField, type Raw } from '#kernel/forms/index.ts';
import type { DayRow, StaffPlace } from '#modules/appointments/service.staff.ts';
import { BlockForm, BlockList, type BlockRow } from './blocks.tsx';
import { clock, longDay, placeHref } from './format.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';

export interface Notice {
  kind: 'success' | 'warning' | 'danger';
  text: string;
  /** References a refused block would have fallen on. */
  items?: string[];
}

export interface DayProps {
  page: PageContext;
  place: StaffPlace;
  day: string;
  previous: string;
  next: string;
  counters: { id: string; name: string }[];
  rows: DayRow[];
  blocks: BlockRow[];
  dayErrors: FieldErrors;
  dayRaw: Raw;
  block: { raw: Raw; errors: FieldErrors };
  notice?: Notice | undefined;
}

const stepSlugs = { arrived: 'angekommen', served: 'erledigt', 'no-show': 'nicht-erschienen' } as const;

function Needs({ page, row }: { page: PageContext; row: DayRow }) {
  const { t } = page;
  if (row.needs.length === 0 && !row.needs_note) return <>{t('appointments:staff.needs.none')}</>;
  return (
    <ul class="kern-list">
      {row.needs.map((need) => (
        <li key={need}>
          <strong>{t(`appointments:staff.needs.${need}`)}</strong>
        </li>
      ))}
      {row.needs_note ? <li>{row.needs_note}</li> : null}
    </ul>
  );
}

function Actions({ page, place, row, day }: { page: PageContext; place: StaffPlace; row: DayRow; day: string }) {
  const { t } = page;
  if (row.actions.length === 0) return null;
  return (
    <div class="kern-stack-sm">
      {row.actions.map((step) => (
        <PostForm key={step} page={page} action={`${placeHref(place.id)}/buchungen/${row.id}/${stepSlugs[step]}?tag=${day}`}>
          <button type="submit" class={`kern-btn kern-btn--${step === 'no-show' ? 'tertiary' : 'secondary'}`}>
            <span class="kern-label">
              {t(`appointments:staff.steps.${step}`)}
              <span class="kern-sr-only"> – {row.reference}</span>
            </span>
          </button>
        </PostForm>
      ))}
    </div>
  );
}

function CounterTable({ page, place, counter, rows, day }: { page: PageContext; place: StaffPlace; counter: { id: string; name: string }; rows: DayRow[]; day: string }) {
  const { t } = page;
  return (
    <section class="kern-stack-sm" aria-labelledby={`counter-${counter.id}`}>
      <h2 class="kern-heading-medium" id={`counter-${counter.id}`}>
        {counter.name}
      </h2>
      {rows.length === 0 ? (
        <p class="kern-body">{t('appointments:staff.day.noBookings')}</p>
      ) : (
        <StaffTable caption={t('appointments:staff.day.caption', { counter: counter.name })} columns={['time', 'reference', 'name', 'services', 'channel', 'needs', 'status', 'actions'].map((column) => t(`appointments:staff.day.columns.${column}`))}>
          {rows.map((row) => (
            <tr key={row.id}>
              <td class="kern-table__cell">
                <time datetime={row.starts_at.toISOString()}>{clock(row.starts_at)}</time>–{clock(row.ends_at)}
              </td>
              <th scope="row" class="kern-table__cell">
                {row.reference}
              </th>
              <td class="kern-table__cell">{row.name ?? t('appointments:staff.day.noName')}</td>
              <td class="kern-table__cell">
                <ul class="kern-list">
                  {row.lines.map((line) => (
                    <li key={line.title}>{t('appointments:staff.day.serviceLine', { title: line.title, count: line.persons })}</li>
                  ))}
                </ul>
              </td>
              <td class="kern-table__cell">{t(`appointments:personalData.values.channel.${row.channel}`)}</td>
              <td class="kern-table__cell">
                <Needs page={page} row={row} />
              </td>
              <td class="kern-table__cell">
                {t(`appointments:personalData.values.status.${row.status}`)}
                {row.arrived_at ? <div class="kern-hint">{t('appointments:staff.day.arrivedAt', { time: clock(row.arrived_at) })}</div> : null}
              </td>
              <td class="kern-table__cell">
                <Actions page={page} place={place} row={row} day={day} />
              </td>
            </tr>
          ))}
        </StaffTable>
      )}
    </section>
  );
}

/** A place's day, counter by counter, with the blocked times and the form to block more. */
export function DayPage(props: DayProps) {
  const { page, place, day } = props;
  const { t } = page;
  const base = placeHref(place.id);
  return (
    <div class="kern-stack-lg">
      <Heading lead={longDay(day, page.lang)}>{t('appointments:staff.day.title', { place: place.name })}</Heading>
      {props.notice ? (
        <Alert kind={props.notice.kind} title={props.notice.text}>
          {props.notice.items ? (
            <ul class="kern-list">
              {props.notice.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <ErrorSummary page={page} errors={{ ...props.dayErrors, ...props.block.errors }} />
      <nav class="kern-stack-sm" aria-label={t('appointments:staff.day.navigation')}>
        <ul class="kern-list">
          <li>
            <a class="kern-link" href={`${base}?tag=${props.previous}`} rel="prev">
              {t('appointments:staff.day.previous', { day: longDay(props.previous, page.lang) })}
            </a>
          </li>
          <li>
            <a class="kern-link" href={`${base}?tag=${props.next}`} rel="next">
              {t('appointments:staff.day.next', { day: longDay(props.next, page.lang) })}
            </a>
          </li>
          <li>
            <a class="kern-link" href={`${base}/warteschlange`}>
              {t('appointments:staff.places.queue')}
            </a>
          </li>
        </ul>
        <form method="get" action={base} class="kern-stack-sm">
          <DateField page={page} name="tag" label={t('appointments:staff.day.field')} value={typeof props.dayRaw.tag === 'string' ? props.dayRaw.tag : day} error={props.dayErrors.tag} />
          <SubmitButton kind="secondary" label={t('appointments:staff.day.show')} />
        </form>
      </nav>
      {props.counters.map((counter) => (
        <CounterTable key={counter.id} page={page} place={place} counter={counter} rows={props.rows.filter((row) => row.counter_id === counter.id)} day={day} />
      ))}
      <BlockList page={page} place={place} day={day} counters={props.counters} blocks={props.blocks} />
      <BlockForm page={page} place={place} day={day} counters={props.counters} raw={props.block.raw} errors={props.block.errors} />
    </div>
  );
}
