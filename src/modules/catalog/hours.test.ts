import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '#kernel/holidays/holidays.ts';
import { berlinInstant, berlinTime, hoursOn, openingStatus, type Hours } from './hours.ts';

/** The Bürgerbüro's published hours: Mon, Wed, Thu 07:30–12:30 and 13:30–16:00; Tue until 16:30; Fri mornings. */
const buergerbuero: Hours = {
  hours: [
    ...[1, 2, 3, 4, 5].map((day) => ({ day, opens: '07:30', closes: '12:30' })),
    ...[1, 3, 4].map((day) => ({ day, opens: '13:30', closes: '16:00' })),
    { day: 2, opens: '13:30', closes: '16:30' },
  ],
  exceptions: [{ date: '2026-02-16', periods: [], note: 'Rosenmontag' }],
  closedOnHolidays: true,
};

const at = (iso: string) => new Date(iso);
const nw = holidayCalendar('NW');
const status = (hours: Hours, instant: Date) => openingStatus(hours, instant, nw);

describe('opening hours in Europe/Berlin', () => {
  it('says open until the end of the current period', () => {
    // Tuesday 10 March 2026, 10:00 in Berlin (CET, UTC+1).
    expect(status(buergerbuero, at('2026-03-10T09:00:00Z'))).toEqual({ open: true, closesAt: '12:30', reason: undefined });
    // Tuesday afternoon runs to 16:30, the other afternoons to 16:00.
    expect(status(buergerbuero, at('2026-03-10T15:15:00Z'))).toMatchObject({ open: true, closesAt: '16:30' });
  });

  it('finds the next period: later today, tomorrow, after the weekend', () => {
    // Monday 12:45: lunch break.
    expect(status(buergerbuero, at('2026-03-09T11:45:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-09', time: '13:30', daysAhead: 0 } });
    // Wednesday 16:00 exactly: closed, the period ends at 16:00.
    expect(status(buergerbuero, at('2026-03-11T15:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-12', time: '07:30', daysAhead: 1 } });
    // Friday 13:00: next opening Monday.
    expect(status(buergerbuero, at('2026-03-13T12:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-16', time: '07:30', daysAhead: 3 } });
  });

  it('keeps closed over Easter: Good Friday and Easter Monday are holidays', () => {
    // Thursday 2 April 2026, 17:00 (CEST): Friday is Karfreitag, Monday Ostermontag, so Tuesday 7 April.
    expect(status(buergerbuero, at('2026-04-02T15:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-04-07', time: '07:30', daysAhead: 5 } });
    expect(status(buergerbuero, at('2026-04-03T08:00:00Z'))).toMatchObject({ open: false, todayReason: { kind: 'holiday', holiday: 'karfreitag' } });
  });

  it('applies announced exceptions before the week', () => {
    expect(hoursOn(buergerbuero, '2026-02-16', nw)).toEqual({ periods: [], reason: { kind: 'exception', text: 'Rosenmontag' } });
    // Rosenmontag 09:00: closed, opens Tuesday.
    expect(status(buergerbuero, at('2026-02-16T08:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-02-17', time: '07:30' } });
  });

  it('ignores holidays for an office that opens on them', () => {
    const museum: Hours = { hours: [{ day: 5, opens: '10:00', closes: '17:00' }], exceptions: [], closedOnHolidays: false };
    expect(status(museum, at('2026-04-03T09:00:00Z'))).toMatchObject({ open: true, closesAt: '17:00' });
  });

  it('follows the clocks across the spring switch to summer time', () => {
    // Friday 27 March 2026, 07:29 CET = 06:29 UTC: closed, opens at 07:30.
    expect(status(buergerbuero, at('2026-03-27T06:29:00Z'))).toMatchObject({ open: false, next: { time: '07:30', daysAhead: 0 } });
    // Monday 30 March 2026, after the switch: 07:29 CEST = 05:29 UTC, still a minute before opening.
    expect(berlinTime(at('2026-03-30T05:29:00Z'))).toEqual({ date: '2026-03-30', time: '07:29', weekday: 1 });
    expect(status(buergerbuero, at('2026-03-30T05:29:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-30', time: '07:30' } });
    // 06:29 UTC that Monday is 08:29 in Berlin: open. A fixed UTC+1 would say 07:29 and closed.
    expect(status(buergerbuero, at('2026-03-30T06:29:00Z'))).toMatchObject({ open: true });
    expect(berlinInstant('2026-03-30', '07:30').toISOString()).toBe('2026-03-30T05:30:00.000Z');
    expect(berlinInstant('2026-03-27', '07:30').toISOString()).toBe('2026-03-27T06:30:00.000Z');
  });

  it('follows the clocks across the autumn switch back to winter time', () => {
    // Sunday 25 October 2026 the clocks go back at 03:00. Monday 26 October 07:30 CET = 06:30 UTC.
    expect(berlinInstant('2026-10-26', '07:30').toISOString()).toBe('2026-10-26T06:30:00.000Z');
    expect(status(buergerbuero, at('2026-10-26T06:15:00Z'))).toMatchObject({ open: false, next: { date: '2026-10-26', time: '07:30' } });
    expect(status(buergerbuero, at('2026-10-26T06:31:00Z'))).toMatchObject({ open: true, closesAt: '12:30' });
    // Saturday before the switch, in CEST: the next opening is Monday, two calendar days ahead.
    expect(status(buergerbuero, at('2026-10-24T10:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-10-26', daysAhead: 2 } });
  });

  it('says when no opening is in sight', () => {
    expect(status({ hours: [], exceptions: [], closedOnHolidays: true }, at('2026-03-10T09:00:00Z'))).toEqual({ open: false, next: null, todayReason: undefined });
  });
});

describe('the installation’s state', () => {
  it('closes on the holidays of the configured state only', () => {
    // Wednesday 18 November 2026 is Buß- und Bettag: a holiday in Saxony, a working day in NRW.
    const wednesday = at('2026-11-18T09:00:00Z');
    expect(openingStatus(buergerbuero, wednesday, holidayCalendar('SN'))).toMatchObject({ open: false, todayReason: { kind: 'holiday', holiday: 'buss-und-bettag' } });
    expect(status(buergerbuero, wednesday)).toMatchObject({ open: true });
    // Corpus Christi, Thursday 4 June 2026: closed in NRW, open in Lower Saxony.
    expect(status(buergerbuero, at('2026-06-04T08:00:00Z'))).toMatchObject({ open: false, todayReason: { kind: 'holiday', holiday: 'fronleichnam' } });
    expect(openingStatus(buergerbuero, at('2026-06-04T08:00:00Z'), holidayCalendar('NI'))).toMatchObject({ open: true });
  });
});

describe('an office’s own closing days', () => {
  const townHall: Hours = {
    ...buergerbuero,
    exceptions: [],
    closingDays: [{ day: 'weiberfastnacht', from: '12:00' }, { day: 'rosenmontag' }, { day: '12-24', note: 'Heiligabend' }, { day: 'silvester' }, { day: '2027-01-04', note: 'Brückentag' }],
  };

  it('closes all of Rosenmontag, every year, as a rule rather than a date', () => {
    // Monday 16 February 2026 and Monday 8 February 2027, 09:00: closed, open again on Tuesday.
    expect(status(townHall, at('2026-02-16T08:00:00Z'))).toEqual({
      open: false,
      next: { date: '2026-02-17', time: '07:30', daysAhead: 1 },
      todayReason: { kind: 'closing', closing: { day: 'rosenmontag' } },
    });
    expect(status(townHall, at('2027-02-08T08:00:00Z'))).toMatchObject({ open: false, next: { date: '2027-02-09' }, todayReason: { kind: 'closing' } });
    // Seen from the Friday before, the next opening skips the closed Monday.
    expect(status(townHall, at('2027-02-05T12:00:00Z'))).toMatchObject({ open: false, next: { date: '2027-02-09', time: '07:30', daysAhead: 4 } });
  });

  it('closes at noon on Weiberfastnacht: open in the morning, closed in the afternoon', () => {
    // Thursday 12 February 2026: the Bürgerbüro usually opens 07:30–12:30 and 13:30–16:00.
    expect(hoursOn(townHall, '2026-02-12', nw)).toEqual({ periods: [{ opens: '07:30', closes: '12:00' }], reason: { kind: 'closing', closing: { day: 'weiberfastnacht', from: '12:00' } } });
    expect(status(townHall, at('2026-02-12T09:00:00Z'))).toMatchObject({ open: true, closesAt: '12:00', reason: { kind: 'closing' } });
    expect(status(townHall, at('2026-02-12T12:30:00Z'))).toMatchObject({ open: false, next: { date: '2026-02-13', time: '07:30' } });
  });

  it('closes on a day of every year and on one date, whatever the weekday', () => {
    expect(hoursOn(townHall, '2026-12-24', nw)).toMatchObject({ periods: [], reason: { kind: 'closing', closing: { day: '12-24' } } });
    expect(hoursOn(townHall, '2027-12-24', nw)).toMatchObject({ periods: [], reason: { kind: 'closing' } });
    expect(hoursOn(townHall, '2026-12-31', nw)).toMatchObject({ periods: [], reason: { kind: 'closing', closing: { day: 'silvester' } } });
    expect(hoursOn(townHall, '2027-01-04', nw)).toMatchObject({ periods: [], reason: { kind: 'closing', closing: { note: 'Brückentag' } } });
    expect(hoursOn(townHall, '2028-01-04', nw).periods).toHaveLength(2);
  });

  it('lets an announced exception open on a closing day, and names a holiday before a closing day', () => {
    const opensOnChristmasEve: Hours = { ...townHall, exceptions: [{ date: '2026-12-24', periods: [{ opens: '08:00', closes: '11:00' }], note: 'Notdienst' }] };
    expect(hoursOn(opensOnChristmasEve, '2026-12-24', nw)).toEqual({ periods: [{ opens: '08:00', closes: '11:00' }], reason: { kind: 'exception', text: 'Notdienst' } });
    const closedOnNewYear: Hours = { ...townHall, closingDays: [{ day: '01-01', note: 'Neujahr' }] };
    expect(hoursOn(closedOnNewYear, '2027-01-01', nw)).toEqual({ periods: [], reason: { kind: 'holiday', holiday: 'neujahr' } });
    // An office open on holidays still keeps its own closing days.
    expect(hoursOn({ ...townHall, closedOnHolidays: false }, '2026-02-16', nw)).toMatchObject({ periods: [], reason: { kind: 'closing' } });
  });
});
