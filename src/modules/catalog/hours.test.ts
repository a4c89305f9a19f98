import { describe, expect, it } from 'vitest';
import { addDays, easterSunday, nrwHoliday, nrwHolidays } from './holidays.ts';
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

describe('public holidays in North Rhine-Westphalia', () => {
  it('computes Easter Sunday (check values of the rule set)', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the eleven holidays of § 2 FeiertG NW, Fronleichnam and Allerheiligen included', () => {
    const holidays = nrwHolidays(2026);
    expect(holidays.size).toBe(11);
    expect(holidays.get('2026-04-03')).toBe('Karfreitag');
    expect(holidays.get('2026-04-06')).toBe('Ostermontag');
    expect(holidays.get('2026-05-14')).toBe('Christi Himmelfahrt');
    expect(holidays.get('2026-05-25')).toBe('Pfingstmontag');
    expect(holidays.get('2026-06-04')).toBe('Fronleichnam');
    expect(holidays.get('2026-11-01')).toBe('Allerheiligen');
    expect(nrwHoliday('2025-06-19')).toBe('Fronleichnam');
    expect(nrwHoliday('2027-05-27')).toBe('Fronleichnam');
  });

  it('does not count days that are holidays elsewhere, or carnival', () => {
    for (const date of ['2026-01-06', '2026-08-15', '2026-10-31', '2026-11-18', '2026-02-16']) expect(nrwHoliday(date)).toBeUndefined();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('opening hours in Europe/Berlin', () => {
  it('says open until the end of the current period', () => {
    // Tuesday 10 March 2026, 10:00 in Berlin (CET, UTC+1).
    expect(openingStatus(buergerbuero, at('2026-03-10T09:00:00Z'))).toEqual({ open: true, closesAt: '12:30', reason: undefined });
    // Tuesday afternoon runs to 16:30, the other afternoons to 16:00.
    expect(openingStatus(buergerbuero, at('2026-03-10T15:15:00Z'))).toMatchObject({ open: true, closesAt: '16:30' });
  });

  it('finds the next period: later today, tomorrow, after the weekend', () => {
    // Monday 12:45: lunch break.
    expect(openingStatus(buergerbuero, at('2026-03-09T11:45:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-09', time: '13:30', daysAhead: 0 } });
    // Wednesday 16:00 exactly: closed, the period ends at 16:00.
    expect(openingStatus(buergerbuero, at('2026-03-11T15:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-12', time: '07:30', daysAhead: 1 } });
    // Friday 13:00: next opening Monday.
    expect(openingStatus(buergerbuero, at('2026-03-13T12:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-16', time: '07:30', daysAhead: 3 } });
  });

  it('keeps closed over Easter: Good Friday and Easter Monday are holidays', () => {
    // Thursday 2 April 2026, 17:00 (CEST): Friday is Karfreitag, Monday Ostermontag, so Tuesday 7 April.
    const status = openingStatus(buergerbuero, at('2026-04-02T15:00:00Z'));
    expect(status).toMatchObject({ open: false, next: { date: '2026-04-07', time: '07:30', daysAhead: 5 } });
    expect(openingStatus(buergerbuero, at('2026-04-03T08:00:00Z'))).toMatchObject({ open: false, todayReason: { kind: 'holiday', text: 'Karfreitag' } });
  });

  it('applies announced exceptions before the week', () => {
    expect(hoursOn(buergerbuero, '2026-02-16')).toEqual({ periods: [], reason: { kind: 'exception', text: 'Rosenmontag' } });
    // Rosenmontag 09:00: closed, opens Tuesday.
    expect(openingStatus(buergerbuero, at('2026-02-16T08:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-02-17', time: '07:30' } });
  });

  it('ignores holidays for an office that opens on them', () => {
    const museum: Hours = { hours: [{ day: 5, opens: '10:00', closes: '17:00' }], exceptions: [], closedOnHolidays: false };
    expect(openingStatus(museum, at('2026-04-03T09:00:00Z'))).toMatchObject({ open: true, closesAt: '17:00' });
  });

  it('follows the clocks across the spring switch to summer time', () => {
    // Friday 27 March 2026, 07:29 CET = 06:29 UTC: closed, opens at 07:30.
    expect(openingStatus(buergerbuero, at('2026-03-27T06:29:00Z'))).toMatchObject({ open: false, next: { time: '07:30', daysAhead: 0 } });
    // Monday 30 March 2026, after the switch: 07:29 CEST = 05:29 UTC, still a minute before opening.
    expect(berlinTime(at('2026-03-30T05:29:00Z'))).toEqual({ date: '2026-03-30', time: '07:29', weekday: 1 });
    expect(openingStatus(buergerbuero, at('2026-03-30T05:29:00Z'))).toMatchObject({ open: false, next: { date: '2026-03-30', time: '07:30' } });
    // 06:29 UTC that Monday is 08:29 in Berlin: open. A fixed UTC+1 would say 07:29 and closed.
    expect(openingStatus(buergerbuero, at('2026-03-30T06:29:00Z'))).toMatchObject({ open: true });
    expect(berlinInstant('2026-03-30', '07:30').toISOString()).toBe('2026-03-30T05:30:00.000Z');
    expect(berlinInstant('2026-03-27', '07:30').toISOString()).toBe('2026-03-27T06:30:00.000Z');
  });

  it('follows the clocks across the autumn switch back to winter time', () => {
    // Sunday 25 October 2026 the clocks go back at 03:00. Monday 26 October 07:30 CET = 06:30 UTC.
    expect(berlinInstant('2026-10-26', '07:30').toISOString()).toBe('2026-10-26T06:30:00.000Z');
    expect(openingStatus(buergerbuero, at('2026-10-26T06:15:00Z'))).toMatchObject({ open: false, next: { date: '2026-10-26', time: '07:30' } });
    expect(openingStatus(buergerbuero, at('2026-10-26T06:31:00Z'))).toMatchObject({ open: true, closesAt: '12:30' });
    // Saturday before the switch, in CEST: the next opening is Monday, two calendar days ahead.
    expect(openingStatus(buergerbuero, at('2026-10-24T10:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-10-26', daysAhead: 2 } });
  });

  it('says when no opening is in sight', () => {
    expect(openingStatus({ hours: [], exceptions: [], closedOnHolidays: true }, at('2026-03-10T09:00:00Z'))).toEqual({ open: false, next: null, todayReason: undefined });
  });
});
