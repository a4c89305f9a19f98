import { describe, expect, it } from 'vitest';
import { limits, parseFeed } from './parse.ts';
import { calendar, vevent } from './test/server.ts';
import { ianaZone } from './zones.ts';

/* Reading feeds without the database: zones as programs name them, durations, duplicates, limits, refusals. */

const only = (text: string) => {
  const parsed = parseFeed(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed;
};

describe('reading an iCalendar feed', () => {
  it('reads the zone names of Outlook, Thunderbird and IANA, and refuses to guess an unknown one', () => {
    expect(ianaZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZone('/mozilla.org/20050126_1/Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(ianaZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(ianaZone('Vereinszeit')).toBeNull();
    expect(ianaZone('+01:00')).toBeNull();
  });

  it('takes a zone only the feed defines from its VTIMEZONE, and keeps UTC series in UTC', () => {
    const ownZone = [
      'BEGIN:VTIMEZONE', 'TZID:Vereinszeit',
      'BEGIN:STANDARD', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const parsed = only(calendar(ownZone, vevent(['UID:a', 'SUMMARY:Sommer', 'DTSTART;TZID=Vereinszeit:20270701T100000']), vevent(['UID:b', 'SUMMARY:Weltweit', 'DTSTART:20270105T150000Z', 'DURATION:PT90M', 'RRULE:FREQ=MONTHLY;COUNT=3'])));
    const [summer, world] = parsed.events;
    expect([summer!.startsAt.toISOString(), summer!.endsAt.toISOString(), summer!.timeZone]).toEqual(['2027-07-01T08:00:00.000Z', '2027-07-01T08:00:00.000Z', 'Europe/Berlin']);
    expect([world!.timeZone, world!.rrule, world!.endsAt.toISOString()]).toEqual(['UTC', 'FREQ=MONTHLY;COUNT=3', '2027-01-05T16:30:00.000Z']);
  });

  it('reads floating times and whole days in Berlin, a whole day’s DURATION on the calendar', () => {
    const parsed = only(calendar(vevent(['UID:f', 'SUMMARY:Schwebend', 'DTSTART:20270328T120000']), vevent(['UID:d', 'SUMMARY:Wochenende', 'DTSTART;VALUE=DATE:20270327', 'DURATION:P2D'])));
    const [floating, weekend] = parsed.events;
    expect(floating!.startsAt.toISOString()).toBe('2027-03-28T10:00:00.000Z');
    // Two days across the change to summer time are 47 hours, from midnight to midnight.
    expect([weekend!.allDay, weekend!.startsAt.toISOString(), weekend!.endsAt.toISOString()]).toEqual([true, '2027-03-26T23:00:00.000Z', '2027-03-28T22:00:00.000Z']);
  });

  it('keeps the higher SEQUENCE of a UID given twice, caps texts, drops a URL that is no web address, and skips what cannot be an event', () => {
    const long = 'Ä'.repeat(300);
    const parsed = only(
      calendar(
        vevent(['UID:x', 'SEQUENCE:3', `SUMMARY:${long}`, 'URL:javascript:alert(1)', 'DTSTART:20270301T100000Z']),
        vevent(['UID:x', 'SEQUENCE:2', 'SUMMARY:Älter', 'DTSTART:20270301T100000Z']),
        vevent(['SUMMARY:Ohne UID', 'DTSTART:20270301T100000Z']),
        vevent(['UID:ohne-beginn', 'SUMMARY:Ohne Beginn']),
        vevent(['UID:rueckwaerts', 'SUMMARY:Endet vor Beginn', 'DTSTART:20270301T100000Z', 'DTEND:20270301T090000Z']),
      ),
    );
    expect(parsed.skipped).toBe(3);
    expect(parsed.events).toHaveLength(1);
    expect([...parsed.events[0]!.title]).toHaveLength(limits.title);
    expect([parsed.events[0]!.sequence, parsed.events[0]!.url]).toEqual([3, null]);
  });

  it('refuses a web page, a cut-off file and a file that is no iCalendar as a whole', () => {
    expect(parseFeed('<!DOCTYPE html><html></html>')).toEqual({ ok: false, reason: 'not-ical' });
    expect(parseFeed('')).toEqual({ ok: false, reason: 'not-ical' });
    expect(parseFeed(calendar(vevent(['UID:a', 'DTSTART:20270301T100000Z'])).slice(0, 60))).toEqual({ ok: false, reason: 'truncated' });
    expect(parseFeed('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n')).toEqual({ ok: false, reason: 'parse-error' });
    expect(parseFeed(`\uFEFF${calendar()}`)).toEqual({ ok: true, events: [], skipped: 0 });
  });
});
