import { describe, expect, it } from 'vitest';
import type { ServiceRules } from './types.ts';
import { bookingWindow } from './window.ts';

const service = (overrides: Partial<ServiceRules>): ServiceRules => ({ id: 's', minutesPerPerson: 10, startInDays: 0, horizonDays: 14, ...overrides });
// Monday 9 March 2026, 08:00 in Berlin (CET).
const monday8 = new Date('2026-03-09T07:00:00Z');

describe('booking window', () => {
  it('runs from the earliest day to the horizon, counted from today in Berlin', () => {
    expect(bookingWindow([service({ startInDays: 1 })], monday8)).toMatchObject({ first: '2026-03-10', last: '2026-03-23' });
    // 00:30 in Berlin is already Tuesday, though UTC still says Monday.
    expect(bookingWindow([service({})], new Date('2026-03-09T23:30:00Z'))).toMatchObject({ first: '2026-03-10', last: '2026-03-24' });
  });

  it("opens the horizon's last day only at the release time", () => {
    const released = service({ release: { time: '10:00' } });
    expect(bookingWindow([released], monday8)?.last).toBe('2026-03-22');
    expect(bookingWindow([released], new Date('2026-03-09T08:59:00Z'))?.last).toBe('2026-03-22');
    expect(bookingWindow([released], new Date('2026-03-09T09:00:00Z'))?.last).toBe('2026-03-23');
    // In summer 10:00 in Berlin is 08:00 UTC.
    expect(bookingWindow([released], new Date('2026-06-01T07:59:00Z'))?.last).toBe('2026-06-14');
    expect(bookingWindow([released], new Date('2026-06-01T08:00:00Z'))?.last).toBe('2026-06-15');
  });

  it("is the intersection of the services' windows, or none", () => {
    const later = service({ id: 'later', startInDays: 2, horizonDays: 30 });
    const sooner = service({ id: 'sooner', startInDays: 0, horizonDays: 14 });
    expect(bookingWindow([later, sooner], monday8)).toMatchObject({ first: '2026-03-11', last: '2026-03-23' });
    expect(bookingWindow([service({ startInDays: 20, horizonDays: 30 }), sooner], monday8)).toBeNull();
  });

  it('starts slots no sooner than the longest lead time of the services', () => {
    const window = bookingWindow([service({ leadMinutes: 30 }), service({ leadMinutes: 120 }), service({})], monday8);
    expect(window?.earliestStart.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(bookingWindow([service({})], monday8)?.earliestStart).toEqual(monday8);
  });
});
