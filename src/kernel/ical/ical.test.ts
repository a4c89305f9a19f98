import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CalendarEvent, type CalendarFileInput, calendarAttachment, calendarFile, calendarFileName, calendarMediaType, cancelled, uidFor } from './ical.ts';

const now = new Date('2026-12-02T10:00:00Z');

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'booking-1@erkelenz.example',
    start: new Date('2027-01-15T08:00:00Z'),
    end: new Date('2027-01-15T08:30:00Z'),
    summary: 'Termin im Bürgerbüro',
    ...overrides,
  };
}

/**
 * Every file a test makes goes through here: the shape RFC 5545 asks of the bytes (CRLF only, no line
 * over 75 octets, CRLF at the end), then ical.js, with the file's own VTIMEZONE registered so that
 * instants are computed from the rules the file carries.
 */
// ical.js 2.2 does not know NAME (RFC 7986) and would hand its value back still escaped; it is TEXT.
const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
properties.name = { defaultType: 'text' };
properties['x-wr-calname'] = { defaultType: 'text' };

function parse(file: string) {
  expect(file.endsWith('\r\n')).toBe(true);
  expect(file).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  for (const line of file.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  const root = new ICAL.Component(ICAL.parse(file) as unknown[]);
  expect(root.name).toBe('vcalendar');
  expect(root.getFirstPropertyValue('version')).toBe('2.0');
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = root.getAllSubcomponents('vevent');
  return { root, events, first: events[0]! };
}

function make(input: Partial<CalendarFileInput> = {}) {
  return calendarFile({ cityName: 'Erkelenz', events: [event()], now, ...input });
}

/** DTSTART or DTEND as written (local time and TZID) and as the instant a calendar computes from it. */
function time(vevent: ICAL.Component, name: 'dtstart' | 'dtend') {
  const property = vevent.getFirstProperty(name)!;
  const value = property.getFirstValue() as ICAL.Time;
  return { tzid: property.getParameter('tzid'), local: value.toString(), instant: value.toJSDate().toISOString() };
}

describe('calendarFile', () => {
  it('writes a calendar with the platform as producer, the Berlin zone and the event', () => {
    const file = make();
    const { root, events, first } = parse(file);
    expect(root.getFirstPropertyValue('prodid')).toBe('-//Stadt Erkelenz//Erkelenz Digital//DE');
    const zone = root.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(zone.getAllSubcomponents('daylight')).toHaveLength(1);
    expect(zone.getAllSubcomponents('standard')).toHaveLength(1);
    // The zone's rules are in the file; nothing sends a calendar program to another server.
    expect(file).not.toContain('TZURL');
    expect(events).toHaveLength(1);
    expect(first.getFirstPropertyValue('uid')).toBe('booking-1@erkelenz.example');
    expect(first.getFirstPropertyValue('sequence')).toBe(0);
    expect(first.getFirstPropertyValue('summary')).toBe('Termin im Bürgerbüro');
    expect(root.getFirstPropertyValue('method')).toBeNull();
    expect(file).toContain('\r\nDTSTAMP:20261202T100000Z\r\n');
  });

  it('names the city it is given', () => {
    const { root } = parse(make({ cityName: 'Hückelhoven' }));
    expect(root.getFirstPropertyValue('prodid')).toBe('-//Stadt Hückelhoven//Hückelhoven Digital//DE');
  });

  it('writes winter and summer appointments in Berlin time with TZID', () => {
    const winter = event({ start: new Date('2027-01-15T08:00:00Z'), end: new Date('2027-01-15T08:30:00Z') });
    const summer = event({ uid: 'booking-2@erkelenz.example', start: new Date('2026-07-01T08:00:00Z'), end: new Date('2026-07-01T08:30:00Z') });
    const { events } = parse(make({ events: [winter, summer] }));
    expect(time(events[0]!, 'dtstart')).toEqual({ tzid: 'Europe/Berlin', local: '2027-01-15T09:00:00', instant: '2027-01-15T08:00:00.000Z' });
    expect(time(events[0]!, 'dtend')).toEqual({ tzid: 'Europe/Berlin', local: '2027-01-15T09:30:00', instant: '2027-01-15T08:30:00.000Z' });
    expect(time(events[1]!, 'dtstart')).toEqual({ tzid: 'Europe/Berlin', local: '2026-07-01T10:00:00', instant: '2026-07-01T08:00:00.000Z' });
    expect(time(events[1]!, 'dtend')).toEqual({ tzid: 'Europe/Berlin', local: '2026-07-01T10:30:00', instant: '2026-07-01T08:30:00.000Z' });
  });

  it('keeps the hour right across the spring change: an event spanning it is two hours on the clock', () => {
    // 29 March 2026: at 02:00 the clocks jump to 03:00.
    const across = event({ start: new Date('2026-03-29T00:30:00Z'), end: new Date('2026-03-29T01:30:00Z') });
    const morning = event({ uid: 'm@erkelenz.example', start: new Date('2026-03-29T07:00:00Z'), end: new Date('2026-03-29T07:15:00Z') });
    const { events } = parse(make({ events: [across, morning] }));
    expect(time(events[0]!, 'dtstart')).toEqual({ tzid: 'Europe/Berlin', local: '2026-03-29T01:30:00', instant: '2026-03-29T00:30:00.000Z' });
    expect(time(events[0]!, 'dtend')).toEqual({ tzid: 'Europe/Berlin', local: '2026-03-29T03:30:00', instant: '2026-03-29T01:30:00.000Z' });
    expect(time(events[1]!, 'dtstart')).toEqual({ tzid: 'Europe/Berlin', local: '2026-03-29T09:00:00', instant: '2026-03-29T07:00:00.000Z' });
  });

  it('keeps the hour right across the autumn change, and writes the hour that happens twice in UTC', () => {
    // 25 October 2026: at 03:00 the clocks go back to 02:00.
    const across = event({ start: new Date('2026-10-24T23:30:00Z'), end: new Date('2026-10-25T02:30:00Z') });
    const morning = event({ uid: 'm@erkelenz.example', start: new Date('2026-10-25T08:00:00Z'), end: new Date('2026-10-25T08:15:00Z') });
    const firstPass = event({ uid: 'f@erkelenz.example', start: new Date('2026-10-25T00:00:00Z'), end: new Date('2026-10-25T00:30:00Z') });
    const secondPass = event({ uid: 's@erkelenz.example', start: new Date('2026-10-25T01:15:00Z'), end: new Date('2026-10-25T01:45:00Z') });
    const { events } = parse(make({ events: [across, morning, firstPass, secondPass] }));
    expect(time(events[0]!, 'dtstart')).toEqual({ tzid: 'Europe/Berlin', local: '2026-10-25T01:30:00', instant: '2026-10-24T23:30:00.000Z' });
    expect(time(events[0]!, 'dtend')).toEqual({ tzid: 'Europe/Berlin', local: '2026-10-25T03:30:00', instant: '2026-10-25T02:30:00.000Z' });
    expect(time(events[1]!, 'dtstart')).toEqual({ tzid: 'Europe/Berlin', local: '2026-10-25T09:00:00', instant: '2026-10-25T08:00:00.000Z' });
    // "02:15" would name either pass, and programs disagree which; UTC names one.
    expect(time(events[2]!, 'dtstart')).toEqual({ tzid: undefined, local: '2026-10-25T00:00:00Z', instant: '2026-10-25T00:00:00.000Z' });
    expect(time(events[3]!, 'dtstart')).toEqual({ tzid: undefined, local: '2026-10-25T01:15:00Z', instant: '2026-10-25T01:15:00.000Z' });
    expect(time(events[3]!, 'dtend')).toEqual({ tzid: undefined, local: '2026-10-25T01:45:00Z', instant: '2026-10-25T01:45:00.000Z' });
  });

  it('gives the same UID with the sequence the caller raised after a rebook', () => {
    const first = parse(make({ events: [event({ sequence: 0 })] })).first;
    const rebooked = parse(make({ events: [event({ sequence: 1, start: new Date('2027-01-16T08:00:00Z'), end: new Date('2027-01-16T08:30:00Z') })] })).first;
    expect(rebooked.getFirstPropertyValue('uid')).toBe(first.getFirstPropertyValue('uid'));
    expect(rebooked.getFirstPropertyValue('sequence')).toBe(1);
    expect(time(rebooked, 'dtstart').local).toBe('2027-01-16T09:00:00');
  });

  it('cancels with the same UID, a higher sequence, METHOD:CANCEL and STATUS:CANCELLED', () => {
    const organizer = { name: 'Bürgerbüro Erkelenz', email: 'buergerbuero@erkelenz.example' };
    const booked = event({ sequence: 2, status: 'CONFIRMED', organizer });
    const request = parse(make({ method: 'REQUEST', events: [booked] }));
    const cancel = parse(make({ method: 'CANCEL', events: [cancelled(booked)] }));
    expect(request.root.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(request.first.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(cancel.root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.first.getFirstPropertyValue('uid')).toBe(request.first.getFirstPropertyValue('uid'));
    expect(cancel.first.getFirstPropertyValue('sequence')).toBe(3);
    expect(cancel.first.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.first.getFirstPropertyValue('organizer')).toBe('mailto:buergerbuero@erkelenz.example');
  });

  it('marks every event of a CANCEL file cancelled and refuses one marked otherwise', () => {
    const organizer = { name: 'Bürgerbüro', email: 'b@erkelenz.example' };
    const { first } = parse(make({ method: 'CANCEL', events: [event({ organizer, sequence: 1 })] }));
    expect(first.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(() => make({ method: 'CANCEL', events: [event({ organizer, status: 'CONFIRMED' })] })).toThrow(/CANCEL but has status CONFIRMED/);
  });

  it('writes organizer and attendees for a request, and refuses a request or cancellation without organizer', () => {
    const { first } = parse(
      make({
        method: 'REQUEST',
        events: [event({ organizer: { name: 'Stadt "Erkelenz", Bürgerbüro', email: 'b@erkelenz.example' }, attendees: [{ name: 'Anna Müller', email: 'anna@example.org' }] })],
      }),
    );
    const organizer = first.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe("Stadt 'Erkelenz', Bürgerbüro");
    const attendee = first.getFirstProperty('attendee')!;
    expect(attendee.getFirstValue()).toBe('MAILTO:anna@example.org');
    expect(attendee.getParameter('cn')).toBe('Anna Müller');
    expect(() => make({ method: 'REQUEST' })).toThrow(/REQUEST needs an organizer/);
    expect(() => make({ method: 'CANCEL' })).toThrow(/CANCEL needs an organizer/);
  });

  it('escapes commas, semicolons, backslashes and line breaks so the text reads back unchanged', () => {
    const summary = 'Ausweis, Pass; Führerschein';
    const description = 'Bitte mitbringen:\n- Ausweis, alt\r\n- Foto; biometrisch\nPfad C:\\Termine';
    const location = 'Johannismarkt 17, 41812 Erkelenz';
    const file = make({ name: 'Termine, Stadt; Erkelenz', events: [event({ summary, description, location })] });
    const { root, first } = parse(file);
    expect(file).toContain('SUMMARY:Ausweis\\, Pass\\; Führerschein\r\n');
    expect(first.getFirstPropertyValue('summary')).toBe(summary);
    expect(first.getFirstPropertyValue('description')).toBe(description.replace('\r\n', '\n'));
    expect(first.getFirstPropertyValue('location')).toBe(location);
    expect(root.getFirstPropertyValue('name')).toBe('Termine, Stadt; Erkelenz');
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Termine, Stadt; Erkelenz');
  });

  it('drops control characters a text property may not hold', () => {
    const { first } = parse(make({ events: [event({ summary: 'Termin\u0000\u0007 heute\u001b' })] }));
    expect(first.getFirstPropertyValue('summary')).toBe('Termin heute');
  });

  it('writes umlauts as UTF-8', () => {
    const file = make({ events: [event({ summary: 'Größenänderung Übergabe ß' })] });
    const bytes = Buffer.from(file, 'utf8');
    expect(bytes.includes(Buffer.from([0xc3, 0xb6]))).toBe(true); // ö
    expect(bytes.includes(Buffer.from([0xc3, 0x9f]))).toBe(true); // ß
    expect(parse(bytes.toString('utf8')).first.getFirstPropertyValue('summary')).toBe('Größenänderung Übergabe ß');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds to the same text', () => {
    const description = `${'Bitte bringen Sie Ihren Personalausweis und die Geburtsurkunde mit. '.repeat(8)}${'äöüß€'.repeat(40)}`;
    const file = make({ events: [event({ description })] });
    const lines = file.split('\r\n');
    const folded = lines.filter((line) => line.startsWith(' '));
    expect(folded.length).toBeGreaterThan(5);
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line, 'utf8')))).toBeGreaterThan(70);
    expect(file).not.toContain('\ufffd');
    expect(parse(file).first.getFirstPropertyValue('description')).toBe(description);
  });

  it('ends every line with CRLF', () => {
    const file = make({ events: [event({ description: 'eins\nzwei' })] });
    expect(file.split('\r\n').length).toBeGreaterThan(20);
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(file.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('writes a reminder as a display alarm the given minutes before the start', () => {
    const { first } = parse(make({ events: [event({ alarms: [30, 24 * 60] })] }));
    const alarms = first.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(2);
    expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-1800);
    expect((alarms[1]!.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-86400);
    expect(alarms[0]!.getFirstPropertyValue('description')).toBe('Termin im Bürgerbüro');
  });

  it('writes url, created and last-modified; a URL keeps its meaning (not text-escaped)', () => {
    const { first } = parse(
      make({
        events: [event({ url: 'https://erkelenz.example/termine/abc?tage=1,2;x', created: new Date('2026-11-01T09:00:00Z'), lastModified: new Date('2026-11-02T09:00:00Z') })],
      }),
    );
    expect(first.getFirstPropertyValue('url')).toBe('https://erkelenz.example/termine/abc?tage=1%2C2%3Bx');
    expect((first.getFirstPropertyValue('created') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect((first.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(() => make({ events: [event({ url: 'javascript:alert(1)' })] })).toThrow(/web addresses/);
  });

  it('writes a whole-day event as Berlin days, and a published feed may be empty', () => {
    // 00:00 Berlin on 16 and 18 January is 23:00 UTC the evening before.
    const { first } = parse(make({ method: 'PUBLISH', events: [event({ allDay: true, start: new Date('2027-01-15T23:00:00Z'), end: new Date('2027-01-17T23:00:00Z') })] }));
    const start = first.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2027-01-16');
    expect((first.getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe('2027-01-18');
    const empty = parse(make({ method: 'PUBLISH', events: [] }));
    expect(empty.events).toHaveLength(0);
  });

  it('refuses what no caller should send', () => {
    expect(() => make({ events: [] })).toThrow(/at least one event/);
    expect(() => make({ events: [event({ end: new Date('2027-01-15T07:00:00Z') })] })).toThrow(/ends before it starts/);
    expect(() => make({ events: [event({ start: new Date('nonsense') })] })).toThrow(/invalid date/);
    expect(() => make({ events: [event({ uid: 'a\r\nSTATUS:CANCELLED' })] })).toThrow(/Unusable iCalendar UID/);
    expect(() => make({ events: [event({ sequence: -1 })] })).toThrow(/sequence -1/);
    expect(() => make({ events: [event({ alarms: [1.5] })] })).toThrow(/alarm 1.5/);
    expect(() => make({ events: [event({ organizer: { name: 'X', email: 'x@y\r\nATTENDEE:z' } })] })).toThrow(/Unusable e-mail address/);
  });
});

describe('helpers', () => {
  it('builds a UID from an id and the public address', () => {
    expect(uidFor('3f2a', 'https://digital.erkelenz.de/')).toBe('3f2a@digital.erkelenz.de');
    expect(uidFor('7', 'http://localhost:3000')).toBe('7@localhost');
  });

  it('names the media type with its method and a file name ending in .ics', () => {
    expect(calendarMediaType('REQUEST')).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(calendarMediaType()).toBe('text/calendar; charset=utf-8');
    expect(calendarFileName('Termin Bürgerbüro 15.01.2027')).toBe('Termin Bürgerbüro 15.01.2027.ics');
    expect(calendarFileName('../Termin/ab.ics')).toBe('Termin_ab.ics');
  });

  it('makes a mail attachment of the file', () => {
    const file = make();
    const attachment = calendarAttachment(file, { name: 'Termin', method: 'PUBLISH' });
    expect(attachment.filename).toBe('Termin.ics');
    expect(attachment.contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(attachment.content.toString('utf8')).toBe(file);
  });
});
