import { describe, expect, it } from 'vitest';
import { addDays, berlinDay, isCalendarDay, todayInBerlin } from './calendar.ts';

describe('calendar days in Berlin', () => {
  it('spans 24 hours on an ordinary day, 23 and 25 on the days the clocks change', () => {
    const hours = (day: string) => (berlinDay(day).to.getTime() - berlinDay(day).from.getTime()) / 3_600_000;
    expect(hours('2026-11-26')).toBe(24);
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(berlinDay('2026-11-26').from.toISOString()).toBe('2026-11-25T23:00:00.000Z');
    expect(berlinDay('2026-07-01').from.toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('knows real calendar days only', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const day of ['2026-02-29', '2026-02-31', '2026-13-01', '26-11-2026', '2026-11-26T00:00', '']) expect(isCalendarDay(day), day).toBe(false);
  });

  it('counts days across months and years, and tells today in Berlin', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // 23:30 UTC on 26 November is already the 27th in Berlin.
    expect(todayInBerlin(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
  });
});
