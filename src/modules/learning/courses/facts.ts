import type { Language } from '#kernel/auth/actor.ts';
import { formatEuros } from '#kernel/forms/index.ts';
import type { Course, Meeting, Session } from './tables.ts';

/*
 * A session in words, the same in every notice, on the pages and in the calendar file: where, when (each
 * meeting), and the fee. Times are the city's (Europe/Berlin), whatever the server's zone.
 */

const zone = 'Europe/Berlin';
const dayFormats = {
  de: new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
};
const timeFormats = {
  de: new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: zone }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }),
};

export const dayText = (value: Date, language: Language) => dayFormats[language].format(value);
export const timeText = (value: Date, language: Language) => timeFormats[language].format(value);

/** "Dienstag, 2. Februar 2027, 10:00 bis 12:00 Uhr". */
export function meetingText(meeting: Pick<Meeting, 'starts_at' | 'ends_at'>, language: Language): string {
  const day = dayText(meeting.starts_at, language);
  const from = timeText(meeting.starts_at, language);
  const to = timeText(meeting.ends_at, language);
  return language === 'de' ? `${day}, ${from} bis ${to} Uhr` : `${day}, ${from} to ${to}`;
}

/** The place with its address, or the online meeting, or both. */
export function whereText(session: Pick<Session, 'place' | 'address' | 'online_url'>, language: Language): string {
  const place = [session.place, session.address].filter(Boolean).join(', ');
  const online = language === 'de' ? 'online (den Zugang erhalten Sie mit der Anmeldung)' : 'online (you receive the access with your registration)';
  return session.online_url ? (place ? `${place}; ${online}` : online) : place;
}

export function feeText(course: Pick<Course, 'price_cents'>, language: Language): string {
  if (course.price_cents === 0) return language === 'de' ? 'kostenlos' : 'free of charge';
  const amount = `${formatEuros(course.price_cents)} €`;
  return language === 'de' ? `${amount}, zu zahlen vor Ort` : `${amount}, paid at the venue`;
}

/** The hours of all meetings together, for the certificate: to the half hour. */
export function totalHours(meetings: readonly Pick<Meeting, 'starts_at' | 'ends_at'>[]): number {
  const minutes = meetings.reduce((sum, meeting) => sum + (meeting.ends_at.getTime() - meeting.starts_at.getTime()) / 60_000, 0);
  return Math.round(minutes / 30) / 2;
}
