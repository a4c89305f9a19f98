import { CheckboxGroup, ErrorSummary, FieldError, Heading, PostForm, SubmitButton, TextArea, TextField } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { FormKey, rawText, type Raw } from '#kernel/forms/index.ts';
import type { DaySlots } from '#modules/appointments/calendar/index.ts';
import { needsOptions } from '#modules/appointments/forms.staff.ts';
import type { StaffPlace } from '#modules/appointments/service.staff.ts';
import { clock, longDay, placeHref } from './format.ts';

export interface PhoneProps {
  page: PageContext;
  place: StaffPlace;
  services: { slug: string; title: string }[];
  /** What was asked (the search) and, once asked, the times offered. */
  search: { raw: Raw; errors: FieldErrors };
  offer: { services: string[]; persons: number; days: DaySlots[] } | null;
  book: { raw: Raw; errors: FieldErrors };
}

const listOf = (raw: Raw, name: string): string[] => {
  const value = raw[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [];
};

function SearchForm({ page, place, services, search }: Pick<PhoneProps, 'page' | 'place' | 'services' | 'search'>) {
  const { t } = page;
  return (
    <form method="get" action={`${placeHref(place.id)}/telefon`} class="kern-stack-md">
      <CheckboxGroup name="leistung" label={t('appointments:staff.phone.services')} choices={services.map((service) => ({ value: service.slug, label: service.title }))} values={listOf(search.raw, 'leistung')} error={search.errors.leistung} />
      <TextField name="personen" label={t('appointments:staff.phone.persons')} value={rawText(search.raw, 'personen') ?? '1'} error={search.errors.personen} inputmode="numeric" width={2} />
      <SubmitButton kind="secondary" label={t('appointments:staff.phone.search')} />
    </form>
  );
}

/** The offered times as radio buttons, a group per day; the first carries the field's id for the error summary. */
function Slots({ page, days, chosen, error }: { page: PageContext; days: DaySlots[]; chosen: string | undefined; error: string | undefined }) {
  const { t } = page;
  let first = true;
  return (
    <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} aria-describedby={error ? 'start-error' : undefined}>
      <legend class="kern-label">{t('appointments:staff.phone.slot')}</legend>
      <FieldError name="start" error={error} />
      {days.map((day) => (
        <fieldset class="kern-fieldset" key={day.date}>
          <legend class="kern-label">{longDay(day.date, page.lang)}</legend>
          <div class="kern-fieldset__body kern-fieldset__body--horizontal">
            {day.slots.map((slot) => {
              const value = slot.start.toISOString();
              const id = first ? 'start' : `start-${slot.start.getTime()}`;
              first = false;
              return (
                <div class="kern-form-check" key={value}>
                  <input class="kern-form-check__radio" type="radio" id={id} name="start" value={value} checked={chosen === value} />
                  <label class="kern-label" for={id}>
                    {clock(slot.start)}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

function BookForm({ page, place, offer, book }: Pick<PhoneProps, 'page' | 'place' | 'book'> & { offer: NonNullable<PhoneProps['offer']> }) {
  const { t } = page;
  const { raw, errors } = book;
  return (
    <PostForm page={page} action={`${placeHref(place.id)}/telefon`}>
      <FormKey raw={raw} />
      {offer.services.map((service) => (
        <input type="hidden" name="leistung" value={service} key={service} />
      ))}
      <input type="hidden" name="personen" value={String(offer.persons)} />
      <Slots page={page} days={offer.days} chosen={rawText(raw, 'start')} error={errors.start} />
      <TextField name="name" label={t('appointments:staff.phone.name')} value={rawText(raw, 'name')} error={errors.name} autocomplete="off" maxLength={200} />
      <TextField name="phone" type="tel" label={t('appointments:staff.phone.phone')} hint={t('appointments:staff.phone.contactHint')} value={rawText(raw, 'phone')} error={errors.phone} autocomplete="off" />
      <TextField name="email" type="email" label={t('appointments:staff.phone.email')} value={rawText(raw, 'email')} error={errors.email} autocomplete="off" />
      <CheckboxGroup name="needs" label={t('appointments:staff.needs.label')} choices={needsOptions.map((need) => ({ value: need, label: t(`appointments:staff.needs.${need}`) }))} values={listOf(raw, 'needs')} error={errors.needs} />
      <TextArea name="needsNote" label={t('appointments:staff.needs.note')} optionalLabel={t('appointments:staff.optional')} value={rawText(raw, 'needsNote')} error={errors.needsNote} maxLength={500} rows={3} />
      <SubmitButton label={t('appointments:staff.phone.submit')} />
    </PostForm>
  );
}

/** Booking for a caller: what for and for how many, then a free time of the next days and the caller's details. */
export function PhonePage(props: PhoneProps) {
  const { page, offer } = props;
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('appointments:staff.phone.lead')}>{t('appointments:staff.phone.title', { place: props.place.name })}</Heading>
      <ErrorSummary page={page} errors={{ ...props.search.errors, ...props.book.errors }} />
      <SearchForm page={page} place={props.place} services={props.services} search={props.search} />
      {offer ? (
        <section class="kern-stack-md" aria-labelledby="offer-title">
          <h2 class="kern-heading-medium" id="offer-title">
            {t('appointments:staff.phone.offerTitle')}
          </h2>
          {offer.days.length === 0 ? <p class="kern-body">{t('appointments:staff.phone.nothingFree')}</p> : <BookForm page={page} place={props.place} offer={offer} book={props.book} />}
        </section>
      ) : null}
    </div>
  );
}
