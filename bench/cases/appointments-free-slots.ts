import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import { addDays, todayInBerlin, weekdayOf } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { hoursOn } from '#modules/catalog/index.ts';
import { freeSlots, roundUpToGrid, type Break, type RequestedService, type WeeklyPeriod } from '#modules/appointments/calendar/index.ts';
import { dayClock } from '#modules/appointments/calendar/clock.ts';
import { counterRanges, locationRanges } from '#modules/appointments/calendar/periods.ts';
import { appointmentsDb, busyInWindow, findPlace, type AppointmentTables, type BookingStatus } from '#modules/appointments/repo.ts';
import { placeCalendar } from '#modules/appointments/service.calendar.ts';
import { Timings, type BenchCase } from '../case.ts';

/*
 * A citizen's "show me the free times": for one place and one request, the place's calendar read from the
 * database and the free slots of its whole 90-day window computed, against the one statement a plain
 * implementation would send for the same answer's data (the busy bookings and blocks of the place's counters
 * over the window), alternating turns in the same run.
 */

const places = 10;
const horizonDays = 90;
const warmUp = 30;
const rounds = 300;
/** The chance that a booking starts at a grid step where the counter is free; books about 60 % of the open time. */
const bookingChance = 0.5;

const weekdays = (days: number[], opens: string, closes: string): WeeklyPeriod[] => days.map((day) => ({ day, opens, closes }));

/** Opening weeks as offices keep them: mornings with some afternoons and a long Thursday; days with a lunch break; a Saturday morning. */
const weeks: { hours: WeeklyPeriod[]; breaks: Break[]; grid: number }[] = [
  { hours: [...weekdays([1, 2, 3, 4, 5], '08:00', '12:00'), ...weekdays([1, 2], '14:00', '16:00'), ...weekdays([4], '14:00', '18:00')], breaks: [], grid: 10 },
  { hours: [...weekdays([1, 2, 3], '07:30', '15:30'), ...weekdays([4], '07:30', '18:00'), ...weekdays([5], '07:30', '12:30')], breaks: weekdays([1, 2, 3, 4], '12:00', '12:30').map(({ day, opens, closes }) => ({ day, from: opens, to: closes })), grid: 15 },
  { hours: [...weekdays([1, 2, 4, 5], '08:30', '12:30'), ...weekdays([3], '13:00', '18:00'), ...weekdays([6], '09:00', '12:00')], breaks: [], grid: 10 },
];

/** The services every place offers (minutes per person) and those only some do. */
const common = { personalausweis: 15, reisepass: 20, ummeldung: 15, meldebescheinigung: 10 };
const extra = { fuehrungszeugnis: 10, beglaubigung: 10, fuehrerschein: 20 };

/** What citizens ask for, in turn: one or two services, one to three persons. */
const requests: RequestedService[][] = [
  [{ serviceId: 'personalausweis', persons: 1 }],
  [{ serviceId: 'reisepass', persons: 2 }],
  [{ serviceId: 'ummeldung', persons: 1 }, { serviceId: 'meldebescheinigung', persons: 1 }],
  [{ serviceId: 'personalausweis', persons: 3 }],
  [{ serviceId: 'personalausweis', persons: 1 }, { serviceId: 'reisepass', persons: 1 }],
  [{ serviceId: 'meldebescheinigung', persons: 2 }],
  [{ serviceId: 'ummeldung', persons: 3 }],
];

/** A repeatable sequence in [0, 1), so every run books the same times. */
function randomness(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

type NewBooking = Insertable<AppointmentTables['appointment_bookings']>;
type Place = { id: string; counterIds: string[] };

interface Filled {
  places: Place[];
  bookings: number;
  blocks: number;
  /** Share of the counters' open minutes in the window that occupying bookings take. */
  booked: number;
}

/** Ten places with two to four counters each, their services and a 90-day window, filled with 30 days past and 92 to come. */
async function fill(ctx: KernelContext, now: Date): Promise<Filled> {
  const db = appointmentsDb(ctx.db);
  const random = randomness(2027);
  const holidays = holidaysFor(ctx.config);
  const today = todayInBerlin(now);
  const made: Place[] = [];
  let bookings = 0;
  let blocks = 0;
  let openMinutes = 0;
  let bookedMinutes = 0;
  for (let index = 0; index < places; index += 1) {
    const week = weeks[index % weeks.length]!;
    const location = await db
      .insertInto('appointment_locations')
      .values({ kind: 'counter', name: `Benchmark Bürgerbüro ${index + 1}`, hours: JSON.stringify(week.hours), breaks: JSON.stringify(week.breaks), slot_minutes: week.grid })
      .returning('id')
      .executeTakeFirstOrThrow();
    const offered = { ...common, ...Object.fromEntries(Object.entries(extra).filter((_, n) => (index + n) % 2 === 0)) };
    const slugs = Object.keys(offered);
    for (const [slug, minutes] of Object.entries(offered)) {
      await db
        .insertInto('appointment_services')
        .values({ location_id: location.id, service_slug: slug, minutes_per_person: minutes, horizon_days: horizonDays, start_in_days: slug === 'reisepass' ? 1 : 0, lead_minutes: 60, release_time: index % 2 === 0 ? '07:00' : null })
        .execute();
    }
    // Two to four counters: the first serves everything, the others all but the place's extra services; the
    // fourth only on Monday to Wednesday mornings.
    const counters: { id: string; hours: WeeklyPeriod[] | null }[] = [];
    for (let n = 0; n < 2 + (index % 3); n += 1) {
      const hours = n === 3 ? weekdays([1, 2, 3], '07:30', '12:30') : null;
      const counter = await db
        .insertInto('appointment_counters')
        .values({ location_id: location.id, name: `Schalter ${n + 1}`, services: n === 0 ? slugs : Object.keys(common), hours: hours ? JSON.stringify(hours) : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      counters.push({ id: counter.id, hours });
    }
    made.push({ id: location.id, counterIds: counters.map((counter) => counter.id) });

    const rows: NewBooking[] = [];
    for (let ahead = -30; ahead <= horizonDays + 2; ahead += 1) {
      const date = addDays(today, ahead);
      const weekday = weekdayOf(date);
      const open = locationRanges(hoursOn({ hours: week.hours, exceptions: [], closedOnHolidays: true, closingDays: [] }, date, holidays).periods, week.breaks, weekday);
      if (open.length === 0) continue;
      const clock = dayClock(date);
      for (const counter of counters) {
        for (const [from, to] of counterRanges(open, { id: counter.id, services: [], hours: counter.hours ?? undefined }, weekday)) {
          if (ahead >= 0 && ahead < horizonDays) openMinutes += to - from;
          for (let at = from; at + week.grid <= to; ) {
            if (random() >= bookingChance) {
              at += week.grid;
              continue;
            }
            const [slug, minutes] = Object.entries(common)[Math.floor(random() * 4)]!;
            const persons = random() < 0.8 ? 1 : 2;
            const length = roundUpToGrid(minutes * persons, week.grid);
            if (at + length > to) break;
            const status = statusOf(ahead, random());
            const startsAt = new Date(clock.instant(at));
            rows.push({
              reference: `BENCH-${index}-${rows.length}`,
              location_id: location.id,
              counter_id: counter.id,
              starts_at: startsAt,
              ends_at: new Date(clock.instant(at + length)),
              status,
              hold_expires_at: status === 'held' || status === 'confirming' ? new Date(now.getTime() + (status === 'held' ? -5 : 20) * 60_000) : null,
              services: JSON.stringify([{ serviceId: slug, persons }]),
              channel: random() < 0.85 ? 'online' : 'phone',
              user_id: null,
              name: 'Erika Mustermann',
              email: `erika${rows.length}@example.org`,
              phone: null,
              secret_hash: 'a'.repeat(64),
              created_by: 'bench',
              needs_note: null,
              confirmed_by: status === 'booked' ? 'email' : null,
              confirmed_at: null,
              sms_code_hash: null,
              cancelled_at: status === 'cancelled' ? now : null,
              cancel_reason: status === 'cancelled' ? 'person' : null,
              calendar_uid: null,
              rebooked_from: null,
              reminded_at: null,
            });
            if (ahead >= 0 && ahead < horizonDays && status !== 'cancelled' && status !== 'expired' && status !== 'held') bookedMinutes += length;
            // A cancelled time is taken again now and then; otherwise it stays free.
            at += status === 'cancelled' && random() < 0.5 ? 0 : length;
          }
        }
      }
    }
    for (let start = 0; start < rows.length; start += 500) await db.insertInto('appointment_bookings').values(rows.slice(start, start + 500)).execute();
    bookings += rows.length;
    blocks += await addBlocks(ctx, location.id, made.at(-1)!.counterIds, today, random);
  }
  return { places: made, bookings, blocks, booked: bookedMinutes / openMinutes };
}

/** Past visits were served (or missed); to come: mostly booked, some waiting for confirmation, some cancelled, holds run out. */
function statusOf(ahead: number, chance: number): BookingStatus {
  if (ahead < 0) return chance < 0.9 ? 'served' : chance < 0.95 ? 'no_show' : 'cancelled';
  return chance < 0.85 ? 'booked' : chance < 0.9 ? 'confirming' : chance < 0.97 ? 'cancelled' : 'held';
}

/** A staff meeting of the whole place every other Wednesday morning, a week's absence and a few single days per counter. */
async function addBlocks(ctx: KernelContext, locationId: string, counterIds: string[], today: string, random: () => number): Promise<number> {
  const rows: { location_id: string; counter_id: string | null; starts_at: Date; ends_at: Date; reason: string; created_by: string }[] = [];
  const at = (date: string, time: string) => new Date(dayClock(date).instant(Number(time.slice(0, 2)) * 60 + Number(time.slice(3))));
  for (let ahead = 0; ahead <= horizonDays; ahead += 1) {
    const date = addDays(today, ahead);
    if (weekdayOf(date) === 3 && Math.floor(ahead / 7) % 2 === 0) rows.push({ location_id: locationId, counter_id: null, starts_at: at(date, '08:00'), ends_at: at(date, '09:00'), reason: 'Dienstbesprechung', created_by: 'bench' });
  }
  for (const counterId of counterIds) {
    const leave = addDays(today, 10 + Math.floor(random() * 60));
    rows.push({ location_id: locationId, counter_id: counterId, starts_at: at(leave, '00:00'), ends_at: at(addDays(leave, 7), '00:00'), reason: 'Urlaub', created_by: 'bench' });
    for (let n = 0; n < 3; n += 1) {
      const day = addDays(today, Math.floor(random() * horizonDays));
      rows.push({ location_id: locationId, counter_id: counterId, starts_at: at(day, '07:00'), ends_at: at(day, '19:00'), reason: 'Fortbildung', created_by: 'bench' });
    }
  }
  await appointmentsDb(ctx.db).insertInto('appointment_blocks').values(rows).execute();
  return rows.length;
}

/** `busyBetween` written by hand: the occupying bookings (holds until they run out) and blocks of a place between two instants. */
function bareBusy(ctx: KernelContext, locationId: string, from: Date, to: Date, now: Date) {
  return sql<{ counter_id: string | null; starts_at: Date; ends_at: Date }>`
    select counter_id, starts_at, ends_at from appointment_bookings
    where location_id = ${locationId}
      and status in ('held', 'confirming', 'booked', 'arrived', 'served', 'no_show')
      and (hold_expires_at is null or hold_expires_at >= ${now} or status not in ('held', 'confirming'))
      and ends_at > ${from} and starts_at < ${to}
    union all
    select counter_id, starts_at, ends_at from appointment_blocks
    where location_id = ${locationId} and ends_at > ${from} and starts_at < ${to}`.execute(ctx.db);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export const appointmentsFreeSlotsCase: BenchCase = {
  name: 'appointments free slots vs bare SQL',
  async run({ platform, database }) {
    const { ctx } = platform;
    const now = new Date();
    const started = performance.now();
    const filled = await fill(ctx, now);
    await sql`analyze appointment_bookings`.execute(ctx.db);
    await sql`analyze appointment_blocks`.execute(ctx.db);
    console.log(
      `Free slots on ${database}: ${places} places, ${filled.bookings.toLocaleString('en-US')} bookings (30 days past, ${horizonDays} to come), ${filled.blocks} blocks, ` +
        `${Math.round(filled.booked * 100)} % of the counters' open time in the window booked; set up in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    const until = new Date(now.getTime() + (horizonDays + 2) * 86_400_000);
    const measured = new Timings();
    const reading = new Timings();
    const computing = new Timings();
    const baseline = new Timings();
    let slots = 0;
    let rows = 0;
    const search = async (round: number) => {
      const place = filled.places[round % places]!;
      const request = requests[Math.floor(round / places) % requests.length]!;
      await measured.time(async () => {
        const calendar = await reading.time(() => placeCalendar(ctx, place.id, now));
        if (!calendar) throw new Error('A benchmark place takes no bookings');
        const answer = await computing.time(() => freeSlots(calendar.query(request)));
        if (!answer.ok) throw new Error(`A benchmark request was refused: ${JSON.stringify(answer.problem)}`);
        slots += answer.days.reduce((sum, day) => sum + day.slots.length, 0);
      });
    };
    const bare = async (round: number) => {
      const place = filled.places[round % places]!;
      await baseline.time(async () => {
        rows += (await bareBusy(ctx, place.id, now, until, now)).rows.length;
      });
    };
    for (let round = 0; round < warmUp; round += 1) {
      await search(round);
      await bare(round);
    }
    for (const timings of [measured, reading, computing, baseline]) timings.times.length = 0;
    [slots, rows] = [0, 0];
    // Turns alternate, and so does who goes first, so both meet the machine in the same moods.
    for (let round = 0; round < rounds; round += 1) {
      if (round % 2 === 0) {
        await search(round);
        await bare(round);
      } else {
        await bare(round);
        await search(round);
      }
    }
    if (slots === 0) throw new Error('The benchmark’s places offered no free slot at all');
    console.log(
      `  per search: ${Math.round(slots / rounds)} free start times, ${Math.round(rows / rounds)} busy rows; placeCalendar p50 ${ms(reading.p50)}, p95 ${ms(reading.p95)}; ` +
        `freeSlots p50 ${ms(computing.p50)}, p95 ${ms(computing.p95)}\n` +
        `  p95 ratio (goal ≤ 1.5): ${(measured.p95 / baseline.p95).toFixed(2)}; p50 ratio ${(measured.p50 / baseline.p50).toFixed(2)}\n`,
    );
    console.log(`  per part (${rounds / 3} runs each, one at a time):\n${(await profile(ctx, filled.places, now, until)).join('\n')}\n`);
    await removePlaces(ctx, filled.places);
    return {
      measured: { label: `placeCalendar + freeSlots, 90 days, p50 ${ms(measured.p50)}, p95 ${ms(measured.p95)}`, rate: measured.rate },
      baseline: { label: `bare SQL of the busy times, p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}`, rate: baseline.rate },
    };
  },
};

/** Where the time of one search goes: the place's rows, its busy times through the repository and by hand, the engine's answer. */
async function profile(ctx: KernelContext, made: readonly Place[], now: Date, until: Date): Promise<string[]> {
  const db = appointmentsDb(ctx.db);
  const parts = { 'findPlace (place, counters, services)': new Timings(), 'busyInWindow (repository)': new Timings(), 'the same by hand (baseline)': new Timings(), 'freeSlots (engine, 90 days)': new Timings() };
  for (let round = 0; round < rounds / 3; round += 1) {
    const place = made[round % made.length]!;
    await parts['findPlace (place, counters, services)'].time(() => findPlace(db, place.id));
    await parts['busyInWindow (repository)'].time(() => busyInWindow(db, place.id, now));
    await parts['the same by hand (baseline)'].time(() => bareBusy(ctx, place.id, now, until, now));
    const calendar = (await placeCalendar(ctx, place.id, now))!;
    await parts['freeSlots (engine, 90 days)'].time(() => freeSlots(calendar.query(requests[round % requests.length]!)));
  }
  return Object.entries(parts).map(([part, timings]) => `    ${part}: p50 ${ms(timings.p50)}, p95 ${ms(timings.p95)}`);
}

/** So that a PostgreSQL database lent to the benchmark keeps nothing of it. */
async function removePlaces(ctx: KernelContext, made: readonly Place[]) {
  const db = appointmentsDb(ctx.db);
  const ids = made.map((place) => place.id);
  await db.deleteFrom('appointment_bookings').where('location_id', 'in', ids).execute();
  await db.deleteFrom('appointment_locations').where('id', 'in', ids).execute();
}
