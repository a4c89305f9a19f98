import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { checkRule } from '../events/occurrences.ts';
import { defaultZone, ianaZone } from './zones.ts';

/*
 * Reads an iCalendar feed (RFC 5545) into the events the hub stores: one per VEVENT, a recurring one with
 * its rule and exclusions, an overridden occurrence (RECURRENCE-ID) as an exclusion of its series plus an
 * event of its own. A feed that is not iCalendar, ends mid-way or cannot be read at all is refused as a
 * whole, so the import never mistakes a broken download for a calendar whose events were all deleted; a
 * single event that cannot be read is skipped and counted.
 */

export const limits = { title: 200, description: 5000, location: 500, url: 2000, uid: 500, events: 2000 } as const;

export interface FeedEvent {
  /** The UID; an overridden occurrence's is `UID#<instant of its RECURRENCE-ID>`. */
  sourceUid: string;
  /** Empty when the feed gives none; the import names it. */
  title: string;
  description: string;
  location: string | null;
  url: string | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  timeZone: string;
  rrule: string | null;
  exdates: Date[];
  cancelled: boolean;
  sequence: number;
}

export type FeedProblem = 'not-ical' | 'truncated' | 'parse-error';
export type ParsedFeed = { ok: true; events: FeedEvent[]; skipped: number } | { ok: false; reason: FeedProblem };

type Zones = ReadonlyMap<string, ICAL.Timezone>;

// ical.js refuses the whole file for one rule it cannot read; renamed, the rule reaches us as text, and
// the event alone is skipped (checkRule decides, as it does for rules typed on the maintenance pages).
const ruleName = 'X-FEED-RRULE';

/** Control characters other than line breaks and tabs have no place in a calendar's text. */
function clean(text: string, max: number, oneLine: boolean): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
  const stripped = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').normalize('NFC');
  const shaped = (oneLine ? stripped.replace(/\s+/g, ' ') : stripped.replace(/\r\n?/g, '\n')).trim();
  return [...shaped].slice(0, max).join('');
}

function textOf(event: ICAL.Component, name: string): string {
  const value = event.getFirstPropertyValue(name);
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(value);
}

function webAddress(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= limits.url ? url.href : null;
  } catch {
    return null;
  }
}

/** An instant and the IANA zone its wall-clock time was read in. */
interface Read {
  at: Date;
  zone: string;
}

function readTime(time: ICAL.Time, tzid: string | null, zones: Zones): Read {
  const fields = { year: time.year, month: time.month, day: time.day };
  if (time.isDate) return { at: DateTime.fromObject(fields, { zone: defaultZone }).toJSDate(), zone: defaultZone };
  const clock = { ...fields, hour: time.hour, minute: time.minute, second: time.second };
  if (time.zone === ICAL.Timezone.utcTimezone) return { at: new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second)), zone: 'UTC' };
  const iana = tzid ? ianaZone(tzid) : null;
  if (iana) return { at: DateTime.fromObject(clock, { zone: iana }).toJSDate(), zone: iana };
  const own = tzid ? zones.get(tzid) : undefined;
  // A zone only the feed defines has no IANA name to walk a rule in; its instant comes from its own
  // definition, and its rule is walked in the city's zone, which is right for every feed read here.
  if (own) return { at: new Date(ICAL.Time.fromData(clock, own).toUnixTime() * 1000), zone: defaultZone };
  return { at: DateTime.fromObject(clock, { zone: defaultZone }).toJSDate(), zone: defaultZone };
}

function readProperty(event: ICAL.Component, name: string, zones: Zones): { time: ICAL.Time; read: Read } | null {
  const property = event.getFirstProperty(name);
  const value = property?.getFirstValue();
  if (!property || !(value instanceof ICAL.Time)) return null;
  const tzid = property.getParameter('tzid');
  return { time: value, read: readTime(value, typeof tzid === 'string' ? tzid : null, zones) };
}

function endOf(event: ICAL.Component, start: { time: ICAL.Time; read: Read }, zones: Zones): Date {
  const end = readProperty(event, 'dtend', zones);
  if (end) return end.read.at;
  const duration = event.getFirstPropertyValue('duration');
  const startsAt = DateTime.fromJSDate(start.read.at, { zone: start.read.zone });
  if (duration instanceof ICAL.Duration) {
    // Whole days are counted on the calendar (a day across the clock change has 23 or 25 hours).
    const days = duration.weeks * 7 + duration.days;
    const seconds = duration.hours * 3600 + duration.minutes * 60 + duration.seconds;
    const sign = duration.isNegative ? -1 : 1;
    return startsAt.plus({ days: sign * days, seconds: sign * seconds }).toJSDate();
  }
  return start.time.isDate ? startsAt.plus({ days: 1 }).toJSDate() : start.read.at;
}

function exdatesOf(event: ICAL.Component, zones: Zones): Date[] {
  const found: Date[] = [];
  for (const property of event.getAllProperties('exdate')) {
    const tzid = property.getParameter('tzid');
    for (const value of property.getValues()) {
      if (value instanceof ICAL.Time) found.push(readTime(value, typeof tzid === 'string' ? tzid : null, zones).at);
    }
  }
  return [...new Map(found.map((day) => [day.getTime(), day])).values()].sort((a, b) => a.getTime() - b.getTime());
}

/** One VEVENT as the hub stores it, or null when it lacks what an event needs or its rule is refused. */
function readEvent(event: ICAL.Component, zones: Zones): (FeedEvent & { uid: string; recurrenceId: Date | null }) | null {
  const uid = clean(textOf(event, 'uid'), limits.uid, true);
  const start = readProperty(event, 'dtstart', zones);
  if (!uid || !start) return null;
  const endsAt = endOf(event, start, zones);
  const allDay = start.time.isDate;
  const fixedEnd = allDay && endsAt <= start.read.at ? DateTime.fromJSDate(start.read.at, { zone: start.read.zone }).plus({ days: 1 }).toJSDate() : endsAt;
  if (fixedEnd < start.read.at) return null;
  const rule = clean(textOf(event, ruleName.toLowerCase()), 1000, true).replace(/^RRULE:/i, '').toUpperCase();
  const rrule = rule === '' ? null : rule;
  if (rrule && checkRule(rrule, start.read.zone)) return null;
  const recurrence = readProperty(event, 'recurrence-id', zones);
  const sequence = Number(textOf(event, 'sequence'));
  return {
    uid,
    recurrenceId: recurrence?.read.at ?? null,
    sourceUid: recurrence ? `${uid}#${recurrence.read.at.toISOString()}` : uid,
    title: clean(textOf(event, 'summary'), limits.title, true),
    description: clean(textOf(event, 'description'), limits.description, false),
    location: clean(textOf(event, 'location'), limits.location, true) || null,
    url: webAddress(textOf(event, 'url')),
    startsAt: start.read.at,
    endsAt: fixedEnd,
    allDay,
    timeZone: start.read.zone,
    rrule,
    exdates: exdatesOf(event, zones),
    cancelled: textOf(event, 'status').toUpperCase() === 'CANCELLED',
    sequence: Number.isInteger(sequence) && sequence >= 0 && sequence < 2 ** 31 ? sequence : 0,
  };
}

/** Renames the events' RRULE lines only: a VTIMEZONE's rules are the zone's changes to summer time. */
function renameEventRules(body: string): string {
  let inEvent = false;
  return body
    .split(/\r?\n/)
    .map((line) => {
      if (/^BEGIN:VEVENT\s*$/i.test(line)) inEvent = true;
      else if (/^END:VEVENT\s*$/i.test(line)) inEvent = false;
      return inEvent ? line.replace(/^RRULE(?=[:;])/i, ruleName) : line;
    })
    .join('\r\n');
}

function calendarOf(text: string): ICAL.Component | FeedProblem {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!/^BEGIN:VCALENDAR\r?\n/i.test(body)) return 'not-ical';
  if (!/\nEND:VCALENDAR\s*$/i.test(body)) return 'truncated';
  try {
    const parsed: unknown = ICAL.parse(renameEventRules(body));
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return 'parse-error';
    const calendar = new ICAL.Component(parsed);
    return calendar.name === 'vcalendar' ? calendar : 'not-ical';
  } catch {
    return 'parse-error';
  }
}

/** Reads a feed's text; never throws for anything the feed can contain. */
export function parseFeed(text: string): ParsedFeed {
  const calendar = calendarOf(text);
  if (typeof calendar === 'string') return { ok: false, reason: calendar };
  const zones = new Map<string, ICAL.Timezone>();
  for (const component of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = textOf(component, 'tzid');
    try {
      if (tzid) zones.set(tzid, new ICAL.Timezone({ component, tzid }));
    } catch {
      // A zone that cannot be read leaves its events to the city's zone.
    }
  }
  const components = calendar.getAllSubcomponents('vevent');
  let skipped = Math.max(0, components.length - limits.events);
  const read: NonNullable<ReturnType<typeof readEvent>>[] = [];
  for (const component of components.slice(0, limits.events)) {
    let event: ReturnType<typeof readEvent>;
    try {
      event = readEvent(component, zones);
    } catch {
      event = null;
    }
    if (event) read.push(event);
    else skipped += 1;
  }
  // The same UID twice (a program that writes every change as a new VEVENT): the higher SEQUENCE, then the later one.
  const byUid = new Map<string, (typeof read)[number]>();
  for (const event of read) {
    const earlier = byUid.get(event.sourceUid);
    if (!earlier || event.sequence >= earlier.sequence) byUid.set(event.sourceUid, event);
  }
  // An overridden occurrence leaves its series: its own event says when (and whether) it takes place.
  for (const event of byUid.values()) {
    const series = event.recurrenceId ? byUid.get(event.uid) : undefined;
    if (series?.rrule && event.recurrenceId && !series.exdates.some((day) => day.getTime() === event.recurrenceId!.getTime())) {
      series.exdates = [...series.exdates, event.recurrenceId].sort((a, b) => a.getTime() - b.getTime());
    }
  }
  const events = [...byUid.values()].map(({ uid: _uid, recurrenceId: _recurrenceId, ...event }) => event);
  return { ok: true, events, skipped };
}
