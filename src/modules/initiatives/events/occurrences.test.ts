import { describe, expect, it } from 'vitest';
import { checkRule, occurrencesBetween } from './occurrences.ts';

const at = (iso: string) => new Date(iso);
const base = { allDay: false, timeZone: 'Europe/Berlin', exdates: [] as Date[] };

describe('occurrences of an event', () => {
  it('gives a single event once when it overlaps the window, and not otherwise', () => {
    const event = { ...base, startsAt: at('2027-01-05T18:00:00Z'), endsAt: at('2027-01-05T20:00:00Z'), rrule: null };
    expect(occurrencesBetween(event, at('2027-01-01T00:00:00Z'), at('2027-02-01T00:00:00Z'))).toEqual([{ startsAt: event.startsAt, endsAt: event.endsAt }]);
    expect(occurrencesBetween(event, at('2027-01-06T00:00:00Z'), at('2027-02-01T00:00:00Z'))).toEqual([]);
  });

  it('keeps a weekly evening at 19:00 Berlin time across the change to summer time', () => {
    // Tuesdays 19:00 local from 16 March 2027; clocks go forward on 28 March.
    const event = { ...base, startsAt: at('2027-03-16T18:00:00Z'), endsAt: at('2027-03-16T20:00:00Z'), rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' };
    const found = occurrencesBetween(event, at('2027-03-01T00:00:00Z'), at('2027-05-01T00:00:00Z'));
    expect(found.map((o) => o.startsAt.toISOString())).toEqual(['2027-03-16T18:00:00.000Z', '2027-03-23T18:00:00.000Z', '2027-03-30T17:00:00.000Z', '2027-04-06T17:00:00.000Z']);
    expect(found.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 2 * 3_600_000)).toBe(true);
  });

  it('drops the excluded dates and counts COUNT from the first occurrence, not from the window', () => {
    const event = { ...base, startsAt: at('2027-01-02T09:00:00Z'), endsAt: at('2027-01-02T12:00:00Z'), rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1SA;COUNT=6', exdates: [at('2027-03-06T09:00:00Z')] };
    const found = occurrencesBetween(event, at('2027-02-15T00:00:00Z'), at('2028-01-01T00:00:00Z'));
    expect(found.map((o) => o.startsAt.toISOString().slice(0, 10))).toEqual(['2027-04-03', '2027-05-01', '2027-06-05']);
  });

  it('stops an endless rule at the end of the window', () => {
    const event = { ...base, startsAt: at('2027-01-01T10:00:00Z'), endsAt: at('2027-01-01T11:00:00Z'), rrule: 'FREQ=DAILY' };
    expect(occurrencesBetween(event, at('2027-01-01T00:00:00Z'), at('2027-01-11T00:00:00Z'))).toHaveLength(10);
  });

  it('refuses a rule or a zone it cannot read', () => {
    expect(checkRule('FREQ=WEEKLY;BYDAY=MO', 'Europe/Berlin')).toBeNull();
    expect(checkRule('BYDAY=MO', 'Europe/Berlin')).toBe('invalid-rule');
    expect(checkRule('FREQ=WEEKLY', 'Mars/Olympus')).toBe('invalid-zone');
  });
});
