import type { Language } from '../auth/actor.ts';

/** Dates are stored in UTC and always shown in the city's time zone, whatever the server's zone is. */
export function formatDateTime(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(new Date(value));
}

/** A machine-readable timestamp for `<time datetime>`. */
export function isoString(value: Date | string): string {
  return new Date(value).toISOString();
}
