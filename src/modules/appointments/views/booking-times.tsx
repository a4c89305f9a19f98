import { Alert, Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { FreeDay, Slot } from '../calendar/index.ts';
import { dayText, timeText } from '../service.facts.ts';
import { BackLink } from './booking-parts.tsx';

export interface TimesProps {
  page: PageContext;
  placeName: string;
  /** "Personalausweis (2 Personen)", one per requested service. */
  lines: readonly string[];
  durationMinutes: number;
  nextDays: readonly FreeDay[];
  /** The day whose times are listed: the first free day unless the person chose another. */
  day: { date: string; slots: readonly Slot[] } | null;
  /** This page's path: links and the form for another day keep the request (`hidden`) and add `tag`. */
  path: string;
  /** Where choosing a time posts: hold it for a new booking, or move an existing one to it. */
  action: string;
  /** The request's fields (place, persons per service), in every link and form of the page. */
  hidden: Record<string, string>;
  submitLabel: string;
  backHref: string;
  backLabel: string;
  /** A notice at the top: the time chosen was taken meanwhile, a day typed wrongly. */
  problem: string | null;
  waitlistHref: string | null;
  /** The day typed into "another day", shown again. */
  typedDay: string;
}

const dayHref = (props: TimesProps, date: string) => `${props.path}?${new URLSearchParams({ ...props.hidden, tag: date }).toString()}`;

/**
 * The free days at once, then the free times of one day as a plain list of choices: no calendar widget to
 * learn, the same with a keyboard, a screen reader and without JavaScript.
 */
export function BookingTimesPage(props: TimesProps) {
  const { t, lang } = props.page;
  return (
    <div class="kern-stack-lg">
      <BackLink href={props.backHref} label={props.backLabel} />
      <Heading lead={t('appointments:times.lead', { place: props.placeName, what: props.lines.join(', '), minutes: props.durationMinutes })}>{t('appointments:times.title')}</Heading>
      {props.problem ? (
        <Alert kind="warning" title={t('appointments:times.problemTitle')}>
          <p>{props.problem}</p>
        </Alert>
      ) : null}
      {props.nextDays.length === 0 ? (
        <Alert kind="info" title={t('appointments:times.noneTitle')}>
          <p>{t('appointments:times.none')}</p>
          {props.waitlistHref ? (
            <p>
              <a class="kern-link" href={props.waitlistHref}>
                {t('appointments:times.waitlist')}
              </a>
            </p>
          ) : null}
        </Alert>
      ) : (
        <nav aria-labelledby="next-days" class="kern-stack-sm">
          <h2 id="next-days" class="kern-heading-medium">
            {t('appointments:times.nextDays')}
          </h2>
          <ul class="booking-days">
            {props.nextDays.map((free) => (
              <li key={free.date}>
                <a class="kern-link" href={dayHref(props, free.date)} aria-current={props.day?.date === free.date ? 'date' : undefined}>
                  <strong>{dayText(free.first.start, lang)}</strong>
                  <span class="booking-days__detail">{t('appointments:times.dayDetail', { time: timeText(free.first.start, lang), count: free.free })}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {props.day ? <DayTimes {...props} day={props.day} /> : null}
      <form method="get" action={props.path} class="kern-stack-sm form booking-other-day" novalidate>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div class="kern-form-input">
          <label class="kern-label" for="tag">
            {t('appointments:times.otherDay')}
          </label>
          <div class="kern-hint" id="tag-hint">
            {t('appointments:times.otherDayHint')}
          </div>
          <input class="kern-form-input__input" id="tag" name="tag" type="text" inputmode="numeric" autocomplete="off" value={props.typedDay} aria-describedby="tag-hint" />
        </div>
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('appointments:times.showDay')}</span>
        </button>
      </form>
      {props.waitlistHref && props.nextDays.length > 0 ? (
        <p class="kern-body--small">
          <a class="kern-link" href={props.waitlistHref}>
            {t('appointments:times.waitlistLater')}
          </a>
        </p>
      ) : null}
    </div>
  );
}

function DayTimes(props: TimesProps & { day: { date: string; slots: readonly Slot[] } }) {
  const { t, lang } = props.page;
  const { day } = props;
  // Noon UTC is the same calendar day in Berlin all year.
  const heading = t('appointments:times.dayTitle', { day: dayText(new Date(`${day.date}T12:00:00Z`), lang) });
  if (day.slots.length === 0) {
    return (
      <section aria-labelledby="day-times" class="kern-stack-sm">
        <h2 id="day-times" class="kern-heading-medium">
          {heading}
        </h2>
        <p>{t('appointments:times.dayFull')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="day-times" class="kern-stack-sm">
      <h2 id="day-times" class="kern-heading-medium">
        {heading}
      </h2>
      <form method="post" action={props.action} class="kern-stack-md form" novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrfToken()} />
        {Object.entries(props.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('appointments:times.legend', { count: day.slots.length })}</legend>
          <div class="kern-fieldset__body booking-slots">
            {day.slots.map((slot, index) => {
              const id = index === 0 ? 'beginn' : `beginn-${index}`;
              return (
                <div class="kern-form-check" key={slot.start.toISOString()}>
                  <input class="kern-form-check__radio" type="radio" id={id} name="beginn" value={slot.start.toISOString()} checked={index === 0} />
                  <label class="kern-label" for={id}>
                    {t('appointments:times.slot', { from: timeText(slot.start, lang) })}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <p class="kern-body--small">{t('appointments:times.holdNote')}</p>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{props.submitLabel}</span>
        </button>
      </form>
    </section>
  );
}
