import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalAlarmType, ICalCalendar, ICalCalendarMethod, type ICalEventData, ICalEventStatus, escape } from 'ical-generator';
import { DateTime } from 'luxon';
import { downloadName } from '../files/disposition.ts';
import type { MailAttachment } from '../mail.ts';

/*
 * iCalendar files (RFC 5545) for appointments, courses and events: what a person adds to their calendar
 * from a mail or a download. Times are written as Berlin wall-clock time with the zone's rules inside the
 * file (VTIMEZONE), so a calendar anywhere shows the hour the person was told, on both sides of a clock
 * change. ical-generator escapes and folds; this file decides what goes in and refuses what cannot.
 */

export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';
export type CalendarEventStatus = 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEvent {
  /** Stable across every file about the same thing (see `uidFor`): calendars replace by UID. */
  uid: string;
  /** Raised by the caller with each change it sends about the same UID (a rebook, a cancellation). */
  sequence?: number;
  start: Date;
  end: Date;
  /** A whole-day event: written as DATE values, the Berlin days from `start` up to (not including) `end`'s. */
  allDay?: boolean;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: CalendarEventStatus;
  organizer?: CalendarPerson;
  attendees?: readonly CalendarPerson[];
  /** Reminders, each in minutes before the start. */
  alarms?: readonly number[];
  created?: Date;
  lastModified?: Date;
}

export interface CalendarFileInput {
  /** The municipality (`CITY_NAME`), named in PRODID as the producer of the file. */
  cityName: string;
  /** Calendar name a program shows when it subscribes to or imports the file. */
  name?: string;
  method?: CalendarMethod;
  events: readonly CalendarEvent[];
  /** DTSTAMP: when the file was made. */
  now?: Date;
}

export const calendarTimeZone = 'Europe/Berlin';

// TEXT may hold tabs and line breaks (escaped by the library) but no other control characters.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const forbiddenInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex -- a UID or address with a control character would break the line
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** `<id>@<host>`: unique worldwide as RFC 5545 asks, and the same every time the same thing is sent. */
export function uidFor(id: string, publicUrl: string): string {
  return `${id}@${new URL(publicUrl).hostname}`;
}

/** The event as a cancellation of what was sent with `event.sequence`: same UID, next sequence. */
export function cancelled(event: CalendarEvent): CalendarEvent {
  return { ...event, sequence: (event.sequence ?? 0) + 1, status: 'CANCELLED' };
}

/**
 * The text of an iCalendar file: CRLF line endings, lines folded at 75 octets, UTF-8 when encoded.
 * Throws on input no caller should send (an end before the start, a UID with a line break, a
 * cancellation of an event not marked cancelled): those are mistakes in code, not in what a person typed.
 */
export function calendarFile(input: CalendarFileInput): string {
  // A published feed may be empty for a while (a filter that finds nothing); a mail's file never is.
  if (input.events.length === 0 && input.method !== 'PUBLISH') throw new Error('An iCalendar file needs at least one event.');
  const calendar = new ICalCalendar({
    prodId: `//Stadt ${oneLine(input.cityName)}//${oneLine(input.cityName)} Digital//DE`,
    method: input.method ? ICalCalendarMethod[input.method] : null,
    // No calendar-wide zone name: with one, the library writes DTSTAMP and CREATED as local time where
    // RFC 5545 wants UTC. The generator still writes the VTIMEZONE of the zone each event names.
    timezone: { name: null, generator: berlinZone },
  });
  // The library writes NAME unescaped; a comma or line break in it would change the file's meaning.
  if (input.name) calendar.name(escape(text(input.name), false));
  const now = input.now ?? new Date();
  for (const event of input.events) calendar.createEvent(eventData(event, input.method, now));
  // RFC 5545 ends every line with CRLF, the last one too; the library stops short of it.
  return `${calendar.toString()}\r\n`;
}

function eventData(event: CalendarEvent, method: CalendarMethod | undefined, now: Date): ICalEventData {
  check(event, method);
  // Berlin time from 02:00 to 03:00 on the last Sunday of October happens twice. RFC 5545 reads such a
  // time as the first pass, ical.js as the second; an event touching that hour is written in UTC instead,
  // which every program reads alike.
  const inUtc = !event.allDay && (isRepeatedHour(event.start) || isRepeatedHour(event.end));
  return {
    allDay: event.allDay ?? false,
    id: event.uid,
    sequence: event.sequence ?? 0,
    stamp: now,
    start: inUtc ? event.start : berlin(event.start),
    end: inUtc ? event.end : berlin(event.end),
    timezone: inUtc || event.allDay ? null : calendarTimeZone,
    summary: text(event.summary),
    description: event.description === undefined ? null : text(event.description),
    location: event.location ? text(event.location) : null,
    url: event.url === undefined ? null : uri(event.url),
    status: event.status ? ICalEventStatus[event.status] : method === 'CANCEL' ? ICalEventStatus.CANCELLED : null,
    organizer: event.organizer ? person(event.organizer) : null,
    attendees: (event.attendees ?? []).map((attendee) => ({ ...person(attendee), rsvp: false })),
    alarms: (event.alarms ?? []).map((minutes) => ({ type: ICalAlarmType.display, trigger: minutes * 60 })),
    created: event.created ?? null,
    lastModified: event.lastModified ?? null,
  };
}

function check(event: CalendarEvent, method: CalendarMethod | undefined): void {
  if (!event.uid || controlCharacter.test(event.uid)) throw new Error(`Unusable iCalendar UID: ${JSON.stringify(event.uid)}`);
  if (Number.isNaN(event.start.getTime()) || Number.isNaN(event.end.getTime())) throw new Error(`Event ${event.uid} has an invalid date.`);
  if (event.end <= event.start) throw new Error(`Event ${event.uid} ends before it starts.`);
  if (event.sequence !== undefined && !(Number.isInteger(event.sequence) && event.sequence >= 0)) {
    throw new Error(`Event ${event.uid} has sequence ${event.sequence}; it must be a whole number from 0.`);
  }
  for (const minutes of event.alarms ?? []) {
    if (!(Number.isInteger(minutes) && minutes >= 0)) throw new Error(`Event ${event.uid} has an alarm ${minutes} minutes before; whole minutes from 0.`);
  }
  // RFC 5546: a request or cancellation comes from an organizer, and a calendar matches it by that address.
  if ((method === 'REQUEST' || method === 'CANCEL') && !event.organizer) throw new Error(`Event ${event.uid}: ${method} needs an organizer.`);
  if (method === 'CANCEL' && event.status !== undefined && event.status !== 'CANCELLED') {
    throw new Error(`Event ${event.uid} is sent as CANCEL but has status ${event.status}.`);
  }
}

/** The instant as Berlin wall-clock time, which the library writes after TZID=Europe/Berlin. */
function berlin(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: calendarTimeZone });
}

/** Whether the Berlin clock shows the same time an hour before or after: the hour that happens twice. */
function isRepeatedHour(instant: Date): boolean {
  const wallClock = (offset: number) => berlin(new Date(instant.getTime() + offset)).toFormat("yyyyLLdd'T'HHmmss");
  const shown = wallClock(0);
  return shown === wallClock(-3_600_000) || shown === wallClock(3_600_000);
}

function berlinZone(zone: string): string | null {
  // TZURL points calendar programs at a third-party server; the rules in the component are complete.
  return getVtimezoneComponent(zone)?.replace(/^TZURL:.*\n/m, '') ?? null;
}

/**
 * A web address as URL wants it: not escaped like text (RFC 5545 § 3.3.13), so the commas and
 * semicolons the library would escape are percent-encoded, which means the same to a web server.
 */
function uri(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Only web addresses belong in an iCalendar URL: ${value}`);
  return url.href.replace(/,/g, '%2C').replace(/;/g, '%3B');
}

function text(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(forbiddenInText, '');
}

function oneLine(value: string): string {
  return text(value).replace(/\s+/g, ' ').trim();
}

function person(value: CalendarPerson): { name: string; email: string } {
  if (controlCharacter.test(value.email) || !value.email.includes('@')) throw new Error(`Unusable e-mail address in an iCalendar file: ${JSON.stringify(value.email)}`);
  // A parameter value is quoted; quotes inside cannot be escaped there (RFC 5545 § 3.1), so they go.
  return { name: oneLine(value.name).replace(/"/g, "'"), email: value.email };
}

/** The media type for an HTTP response or a mail part; `method` tells a mail program what to do with it. */
export function calendarMediaType(method?: CalendarMethod): string {
  return method ? `text/calendar; charset=utf-8; method=${method}` : 'text/calendar; charset=utf-8';
}

/** A file name safe for a download or attachment, ending in `.ics` (`Termin 12.03.2027.ics`). */
export function calendarFileName(name: string): string {
  return downloadName(name, 'text/calendar', 'ics');
}

/** The file as an attachment for `ctx.mailer`. */
export function calendarAttachment(file: string, options: { name: string; method?: CalendarMethod }): MailAttachment {
  return { filename: calendarFileName(options.name), contentType: calendarMediaType(options.method), content: Buffer.from(file, 'utf8') };
}
