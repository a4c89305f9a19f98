import type { Language } from '../auth/actor.ts';

// Built once: constructing an Intl formatter costs far more than formatting with it, and tables format many dates.
const dateTimeOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' } as const;
const dateTimes = { de: new Intl.DateTimeFormat('de-DE', dateTimeOptions), en: new Intl.DateTimeFormat('en-GB', dateTimeOptions) };

/** Dates are stored in UTC and always shown in the city's time zone, whatever the server's zone is. */
export function formatDateTime(value: Date | string, language: Language): string {
  return dateTimes[language].format(new Date(value));
}

/** A machine-readable timestamp for `<time datetime>`. */
export function isoString(value: Date | string): string {
  return new Date(value).toISOString();
}

/** A phone number as a `tel:` link, so a phone dials it with one tap ("02431 85-0" → tel:02431850). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}
