import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '#kernel/holidays/holidays.ts';
import { weekdayOf } from '#kernel/calendar.ts';
import { freeSlots, nextFreeDays } from './slots.ts';
import type { Busy, Location, RequestedService, ServiceRules, Slot, SlotQuery } from './types.ts';

/*
 * A Bürgerbüro like Erkelenz's: weekday mornings 08:00–12:00 with a break at 10:00, Thursday afternoons too,
 * closed on North Rhine-Westphalia's holidays. Counter 1 does everything, counter 2 only from 09:00, counter 3
 * registrations and residence permits.
 */
const nw = holidayCalendar('NW');
const services: ServiceRules[] = [
  { id: 'id-card', minutesPerPerson: 15, startInDays: 0, horizonDays: 30 },
  { id: 'registration', minutesPerPerson: 10, startInDays: 0, horizonDays: 30 },
  { id: 'passport', minutesPerPerson: 20, startInDays: 0, horizonDays: 30 },
  { id: 'residence', minutesPerPerson: 30, startInDays: 0, horizonDays: 30 },
];
const weekdays = [1, 2, 3, 4, 5];
const buergerbuero: Location = {
  openOn(date) {
    const weekday = weekdayOf(date);
    if (weekday > 5 || nw.on(date)) return [];
    const morning = { opens: '08:00', closes: '12:00' };
    return weekday === 4 ? [morning, { opens: '14:00', closes: '18:00' }] : [morning];
  },
  breaks: weekdays.map((day) => ({ day, from: '10:00', to: '10:30' })),
  gridMinutes: 10,
  counters: [
    { id: 'c1', services: ['id-card', 'registration', 'passport'] },
    { id: 'c2', services: ['id-card', 'registration'], hours: weekdays.map((day) => ({ day, opens: '09:00', closes: '12:00' })) },
    { id: 'c3', services: ['registration', 'residence'] },
  ],
};
// Monday 9 March 2026, 07:00 in Berlin: before opening.
const mondayEarly = new Date('2026-03-09T06:00:00Z');

const one = (serviceId: string, persons = 1): RequestedService[] => [{ serviceId, persons }];
const query = (request: RequestedService[], more: Partial<SlotQuery> = {}): SlotQuery => ({ location: buergerbuero, services, request, busy: [], now: mondayEarly, ...more });

function slotsOf(q: SlotQuery, date: string): Slot[] {
  const answer = freeSlots(q, { from: date, to: date });
  if (!answer.ok) throw new Error(answer.problem.reason);
  return answer.days[0]?.slots ?? [];
}
const times = (slots: Slot[]) => slots.map((slot) => slot.time);
const counterAt = (slots: Slot[], time: string) => slots.find((slot) => slot.time === time)?.counters;

describe('free slots of a day', () => {
  it('starts on the grid, never across the break or past closing, each time once with its free counters', () => {
    const slots = slotsOf(query(one('registration')), '2026-03-09');
    expect(times(slots).slice(0, 3)).toEqual(['08:00', '08:10', '08:20']);
    expect(times(slots)).toContain('09:50');
    expect(times(slots)).not.toContain('10:00');
    expect(times(slots)).not.toContain('10:20');
    expect(times(slots).at(-1)).toBe('11:50');
    expect(slots).toHaveLength(21);
    expect(counterAt(slots, '08:00')).toEqual(['c1', 'c3']);
    expect(counterAt(slots, '09:00')).toEqual(['c1', 'c2', 'c3']);
    expect(slots[0]?.start.toISOString()).toBe('2026-03-09T07:00:00.000Z');
  });

  it('rounds the duration up to the grid, and a visit must fit before the break', () => {
    const answer = freeSlots(query(one('id-card')), { from: '2026-03-09', to: '2026-03-09' });
    expect(answer).toMatchObject({ ok: true, durationMinutes: 20 });
    const slots = answer.ok ? (answer.days[0]?.slots ?? []) : [];
    expect(times(slots)).toContain('09:40');
    expect(times(slots)).not.toContain('09:50');
    expect(times(slots).at(-1)).toBe('11:40');
    expect(slots[0] && slots[0].end.getTime() - slots[0].start.getTime()).toBe(20 * 60_000);
  });

  it("counts the grid from each period's opening", () => {
    const odd: Location = { ...buergerbuero, openOn: () => [{ opens: '08:05', closes: '09:00' }], breaks: [], gridMinutes: 15 };
    expect(times(slotsOf(query(one('registration'), { location: odd }), '2026-03-09'))).toEqual(['08:05', '08:20', '08:35']);
  });

  it('sums several services and persons, and offers only counters serving all of them', () => {
    const request = [{ serviceId: 'id-card', persons: 4 }, { serviceId: 'registration', persons: 1 }];
    const answer = freeSlots(query(request), { from: '2026-03-09', to: '2026-03-09' });
    expect(answer).toMatchObject({ ok: true, durationMinutes: 70 });
    const slots = answer.ok ? (answer.days[0]?.slots ?? []) : [];
    // 70 minutes: 08:50 is the last start before the break; counter 2 (from 09:00) has only an hour then.
    expect(times(slots)).toEqual(['08:00', '08:10', '08:20', '08:30', '08:40', '08:50', '10:30', '10:40', '10:50']);
    expect(counterAt(slots, '08:00')).toEqual(['c1']);
    expect(counterAt(slots, '10:30')).toEqual(['c1', 'c2']);
    expect(freeSlots(query([...one('passport'), ...one('residence')]))).toEqual({ ok: false, problem: { reason: 'not-combinable', serviceIds: ['passport', 'residence'] } });
  });

  it("uses the counter's own hours: counter 2 opens at 09:00, and Thursday afternoon not at all", () => {
    const thursday = slotsOf(query(one('id-card')), '2026-03-12');
    expect(counterAt(thursday, '08:30')).toEqual(['c1']);
    expect(counterAt(thursday, '09:30')).toEqual(['c1', 'c2']);
    expect(counterAt(thursday, '14:00')).toEqual(['c1']);
  });

  it('has nothing on a holiday or a weekend, where the hours give no period', () => {
    // Karfreitag, 3 April 2026, and the Saturday after.
    expect(slotsOf(query(one('registration')), '2026-04-03')).toEqual([]);
    expect(slotsOf(query(one('registration')), '2026-04-04')).toEqual([]);
    expect(slotsOf(query(one('registration')), '2026-04-07')).toHaveLength(21);
  });

  it("takes a counter's busy times from it alone, and the location's from every counter", () => {
    const own: Busy[] = [{ counterId: 'c1', from: new Date('2026-03-09T07:00:00Z'), to: new Date('2026-03-09T07:30:00Z') }];
    const slots = slotsOf(query(one('registration'), { busy: own }), '2026-03-09');
    expect(counterAt(slots, '08:00')).toEqual(['c3']);
    expect(counterAt(slots, '08:30')).toEqual(['c1', 'c3']);
    const whole: Busy[] = [{ counterId: null, from: new Date('2026-03-09T07:00:00Z'), to: new Date('2026-03-09T07:30:00Z') }];
    expect(times(slotsOf(query(one('registration'), { busy: whole }), '2026-03-09'))[0]).toBe('08:30');
  });
});

describe('window and lead time', () => {
  // Monday 9 March, 09:05 in Berlin.
  const mondayMorning = new Date('2026-03-09T08:05:00Z');

  it('offers nothing sooner than now plus the lead time', () => {
    const leading = services.map((service) => (service.id === 'registration' ? { ...service, leadMinutes: 30 } : service));
    const slots = slotsOf(query(one('registration'), { services: leading, now: mondayMorning }), '2026-03-09');
    expect(times(slots)[0]).toBe('09:40');
    expect(times(slotsOf(query(one('registration'), { now: mondayMorning }), '2026-03-09'))[0]).toBe('09:10');
  });

  it('keeps to the earliest day, the horizon and its release time', () => {
    const rules = services.map((service) => ({ ...service, startInDays: 1, horizonDays: 14, release: { time: '07:30' } }));
    const before = freeSlots(query(one('registration'), { services: rules }), { from: '2026-03-01', to: '2026-04-30' });
    expect(before.ok && [before.days[0]?.date, before.days.at(-1)?.date]).toEqual(['2026-03-10', '2026-03-22']);
    const after = freeSlots(query(one('registration'), { services: rules, now: mondayMorning }), { from: '2026-03-20' });
    expect(after.ok && [after.days[0]?.date, after.days.at(-1)?.date]).toEqual(['2026-03-20', '2026-03-23']);
    expect(after.ok && after.days.at(-1)?.slots.length).toBe(21);
  });
});

describe('next free days', () => {
  // Wednesday 1 April 2026, 08:00 in Berlin (summer time): today and Thursday are fully booked, then Easter.
  const wednesday = new Date('2026-04-01T06:00:00Z');
  const full: Busy[] = [{ counterId: null, from: new Date('2026-03-31T22:00:00Z'), to: new Date('2026-04-02T22:00:00Z') }];

  it('skips full and closed days and gives the first free slot of each', () => {
    const answer = nextFreeDays(query(one('registration'), { now: wednesday, busy: full }), { limit: 3 });
    expect(answer.ok && answer.days.map((day) => day.date)).toEqual(['2026-04-07', '2026-04-08', '2026-04-09']);
    expect(answer.ok && answer.days[0]).toMatchObject({ first: { time: '08:00', counters: ['c1', 'c3'] }, free: 21 });
    expect(answer.ok && answer.days[0]?.first.start.toISOString()).toBe('2026-04-07T06:00:00.000Z');
    expect(answer.ok && answer.days[2]?.free).toBe(45);
  });

  it('stops at the end of the window, though fewer days than asked were found', () => {
    const short = services.map((service) => ({ ...service, horizonDays: 7 }));
    const answer = nextFreeDays(query(one('registration'), { now: wednesday, busy: full, services: short }), { limit: 5 });
    expect(answer.ok && answer.days.map((day) => day.date)).toEqual(['2026-04-07', '2026-04-08']);
  });

  it('refuses a limit of none or of too many days', () => {
    expect(nextFreeDays(query(one('registration')), { limit: 0 })).toEqual({ ok: false, problem: { reason: 'invalid-limit', limit: 0 } });
    expect(nextFreeDays(query(one('registration')), { limit: 61 })).toMatchObject({ ok: false, problem: { reason: 'invalid-limit' } });
  });
});

describe('days the clocks change', () => {
  // A video consultation every day 08:00–12:00, and a night line 01:00–04:00.
  const video: Location = { openOn: () => [{ opens: '08:00', closes: '12:00' }], breaks: [], gridMinutes: 30, counters: [{ id: 'v1', services: ['registration'] }] };
  const night: Location = { ...video, openOn: () => [{ opens: '01:00', closes: '04:00' }] };
  const friday = new Date('2026-03-27T12:00:00Z');

  it('puts 08:00 an hour earlier in UTC from the last Sunday of March, and takes busy instants at their true time', () => {
    const q = query(one('registration'), { location: video, now: friday });
    expect(slotsOf(q, '2026-03-28')[0]?.start.toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(slotsOf(q, '2026-03-29')[0]?.start.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    const busy: Busy[] = [{ counterId: 'v1', from: new Date('2026-03-29T06:00:00Z'), to: new Date('2026-03-29T06:10:00Z') }];
    expect(times(slotsOf({ ...q, busy }, '2026-03-29'))).toEqual(['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(times(slotsOf({ ...q, busy }, '2026-03-28'))[0]).toBe('08:00');
  });

  it('offers no start the clocks skip, and a visit lasts its minutes in real time', () => {
    const slots = slotsOf(query(one('registration'), { location: night, now: friday }), '2026-03-29');
    expect(times(slots)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(slots[1]?.end.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('gets the last Sunday of October right', () => {
    const q = query(one('registration'), { location: video, now: new Date('2026-10-23T12:00:00Z') });
    expect(slotsOf(q, '2026-10-24')[0]?.start.toISOString()).toBe('2026-10-24T06:00:00.000Z');
    expect(slotsOf(q, '2026-10-25')[0]?.start.toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(slotsOf(q, '2026-10-25')).toHaveLength(8);
  });
});

describe('bad input', () => {
  it('answers with a typed problem and throws nothing', () => {
    expect(freeSlots(query(one('fishing-licence')))).toEqual({ ok: false, problem: { reason: 'unknown-service', serviceId: 'fishing-licence' } });
    expect(freeSlots(query(one('id-card', 0)))).toEqual({ ok: false, problem: { reason: 'invalid-persons', serviceId: 'id-card', persons: 0 } });
    expect(nextFreeDays(query(one('id-card', 40)), { limit: 3 })).toMatchObject({ ok: false, problem: { reason: 'too-many-persons', persons: 40 } });
    expect(freeSlots(query(one('id-card')), { from: '2026-02-31' })).toEqual({ ok: false, problem: { reason: 'invalid-day', day: '2026-02-31' } });
  });
});

describe('a whole horizon', () => {
  it('over 60 days, six counters and hundreds of busy times, drops exactly the starts that overlap one', () => {
    const six: Location = { ...buergerbuero, counters: Array.from({ length: 6 }, (_, n) => ({ id: `k${n}`, services: ['id-card', 'registration'] })) };
    const long = services.map((service) => ({ ...service, horizonDays: 60 }));
    let seed = 11;
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const start = mondayEarly.getTime();
    const busy: Busy[] = Array.from({ length: 400 }, () => {
      const from = start + next(60 * 24 * 60) * 60_000;
      return { counterId: next(10) === 0 ? null : `k${next(6)}`, from: new Date(from), to: new Date(from + (5 + next(90)) * 60_000) };
    });
    const base = query(one('registration'), { location: six, services: long });
    const all = freeSlots(base);
    const some = freeSlots({ ...base, busy });
    if (!all.ok || !some.ok) throw new Error('expected an answer');
    expect(all.days).toHaveLength(61);
    const pairs = (days: typeof all.days) => new Set(days.flatMap((day) => day.slots.flatMap((slot) => slot.counters.map((counter) => `${slot.start.getTime()} ${counter}`))));
    const free = pairs(some.days);
    let dropped = 0;
    for (const pair of pairs(all.days)) {
      const [at = '', counter] = pair.split(' ');
      const from = new Date(Number(at));
      const to = new Date(Number(at) + 10 * 60_000);
      const overlaps = busy.some((b) => (b.counterId === null || b.counterId === counter) && b.from < to && from < b.to);
      expect(free.has(pair), pair).toBe(!overlaps);
      if (overlaps) dropped += 1;
    }
    expect(dropped).toBeGreaterThan(200);
  });
});
