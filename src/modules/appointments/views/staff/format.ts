import type { Language } from '#kernel/auth/actor.ts';
import { berlinTime } from '#modules/catalog/index.ts';

const longDays = {
  de: new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A calendar day as people say it: "Dienstag, 2. März 2027". */
export const longDay = (day: string, language: Language) => longDays[language].format(new Date(`${day}T12:00:00Z`));

/** The Berlin wall-clock time of an instant, `HH:MM`. */
export const clock = (instant: Date | string) => berlinTime(new Date(instant)).time;

/** The base address of a place's pages for staff. */
export const placeHref = (placeId: string) => `/verwaltung/termine/${placeId}`;

/** The back office's breadcrumbs down to the appointments area, and to a place when one is given. */
export const staffCrumbs = (page: { t: (key: string) => string }, place?: { id: string; name: string }) => [
  { label: page.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
  { label: page.t('appointments:staff.places.title'), href: '/verwaltung/termine' },
  ...(place ? [{ label: place.name, href: placeHref(place.id) }] : []),
];
