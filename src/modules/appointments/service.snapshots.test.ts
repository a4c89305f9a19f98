import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDay } from '#kernel/calendar.ts';
import { rowProblems } from '#kernel/declarations/check.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { availabilityHistoryDataset } from './opendata.ts';
import { snapshotsDb } from './repo.snapshots.ts';
import { appointmentsDb } from './repo.ts';
import { snapshotAvailabilityJob, snapshotIfMissing, takeAvailabilitySnapshots } from './service.snapshots.ts';
import { daysUntilFreeFigure } from './stats.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

// Saturday, 6 March 2027, 10:00 in Berlin: the weekday places next open on Monday, two days on.
const saturday = new Date('2027-03-06T09:00:00Z');
const at = (day: string, hour: number, minute = 0) => new Date(berlinDay(day).from.getTime() + (hour * 60 + minute) * 60_000);

async function rowsOf(day: string) {
  const rows = await snapshotsDb(platform.ctx.db)
    .selectFrom('appointment_availability_snapshots')
    .select(['location_id', 'service_slug', 'days_until_free', 'computed_at'])
    .where('day', '=', day)
    .orderBy('location_id')
    .orderBy('service_slug')
    .execute();
  return rows;
}

let weekdays: Awaited<ReturnType<typeof buildLocation>>;
let wednesdays: Awaited<ReturnType<typeof buildLocation>>;
let tiny: Awaited<ReturnType<typeof buildLocation>>;

describe('the daily availability snapshot', () => {
  it('writes one row per active place and offered service: the days until the first free time for one person', async () => {
    weekdays = await buildLocation(platform.ctx, { name: 'Werktags-Büro', services: ['personalausweis', 'reisepass'] });
    // Reisepass only from the third day on: Tuesday.
    await appointmentsDb(platform.ctx.db).updateTable('appointment_services').set({ start_in_days: 3 }).where('location_id', '=', weekdays.location.id).where('service_slug', '=', 'reisepass').execute();
    wednesdays = await buildLocation(platform.ctx, { name: 'Mittwochs-Büro', hours: [{ day: 3, opens: '09:00', closes: '11:00' }] });
    const closed = await buildLocation(platform.ctx, { name: 'Geschlossenes Büro' });
    await appointmentsDb(platform.ctx.db).updateTable('appointment_locations').set({ active: false }).where('id', '=', closed.location.id).execute();

    expect(await takeAvailabilitySnapshots(platform.ctx, saturday)).toBe(3);
    const rows = await rowsOf('2027-03-06');
    const of = (placeId: string) => rows.filter((row) => row.location_id === placeId).map((row) => [row.service_slug, row.days_until_free]);
    expect(of(weekdays.location.id)).toEqual([
      ['personalausweis', 2],
      ['reisepass', 3],
    ]);
    expect(of(wednesdays.location.id)).toEqual([['personalausweis', 4]]);
    expect(of(closed.location.id)).toEqual([]);
    expect(rows.every((row) => row.computed_at.getTime() === saturday.getTime())).toBe(true);
  });

  it('is null for a service whose whole window is booked, and a second run the same day replaces the day’s rows', async () => {
    // Open Mondays 8:00–8:30 on one counter, bookable a week ahead: two times in the window, both booked.
    tiny = await buildLocation(platform.ctx, { name: 'Kleines Büro', services: ['fuehrungszeugnis'], hours: [{ day: 1, opens: '08:00', closes: '08:30' }] });
    await appointmentsDb(platform.ctx.db).updateTable('appointment_services').set({ horizon_days: 7 }).where('location_id', '=', tiny.location.id).execute();
    const later = new Date(saturday.getTime() + 3_600_000);
    await takeAvailabilitySnapshots(platform.ctx, saturday);
    expect((await rowsOf('2027-03-06')).find((row) => row.location_id === tiny.location.id)?.days_until_free).toBe(2);

    for (const [index, minute] of [0, 15].entries()) {
      await appointmentsDb(platform.ctx.db)
        .insertInto('appointment_bookings')
        .values({
          reference: `T-SNAP-${index}`,
          location_id: tiny.location.id,
          counter_id: tiny.counters[0]!.id,
          starts_at: at('2027-03-08', 8, minute),
          ends_at: at('2027-03-08', 8, minute + 15),
          status: 'booked',
          services: JSON.stringify([{ serviceId: 'fuehrungszeugnis', persons: 1 }]),
          channel: 'online',
          secret_hash: 'e'.repeat(64),
          created_by: 'test',
        })
        .execute();
    }
    await takeAvailabilitySnapshots(platform.ctx, later);
    const rows = await rowsOf('2027-03-06');
    // Still one row per place and service: the day's rows were replaced, not added to.
    expect(rows).toHaveLength(4);
    expect(rows.find((row) => row.location_id === tiny.location.id)).toMatchObject({ days_until_free: null, computed_at: later });
    expect(rows.find((row) => row.location_id === wednesdays.location.id)).toMatchObject({ days_until_free: 4, computed_at: later });
  });

  it('is taken by the hourly job only when the day has none yet', async () => {
    expect(snapshotAvailabilityJob.cron).toBe('15 * * * *');
    expect(await snapshotIfMissing(platform.ctx, saturday)).toBe(false);
    const sunday = new Date(saturday.getTime() + 86_400_000);
    expect(await snapshotIfMissing(platform.ctx, sunday)).toBe(true);
    expect(await snapshotIfMissing(platform.ctx, sunday)).toBe(false);
    // Sunday: Monday is one day on, Reisepass (from the third day on) Wednesday; the small place's Monday is still booked.
    const rows = await rowsOf('2027-03-07');
    expect(rows.map((row) => [row.location_id, row.service_slug, row.days_until_free])).toEqual(
      expect.arrayContaining([
        [weekdays.location.id, 'personalausweis', 1],
        [weekdays.location.id, 'reisepass', 3],
        [wednesdays.location.id, 'personalausweis', 3],
        [tiny.location.id, 'fuehrungszeugnis', null],
      ]),
    );
    expect(rows).toHaveLength(4);
  });
});

describe('the declarations read from the snapshots', () => {
  it('the figure: per service the earliest over the places, the mean over the services with a free time, from the latest day', async () => {
    // Sunday: Personalausweis 1 (Werktags-Büro) or 3 (Mittwochs-Büro) → 1; Reisepass 3; Führungszeugnis none.
    expect(await daysUntilFreeFigure.values(platform.ctx.db, { from: '2027-03', to: '2027-03' })).toEqual([{ value: 2 }]);
  });

  it('the open dataset: every day, place and service since the first day of the months it reaches, without persons', async () => {
    // The snapshots above lie in the future; a day within the dataset's reach is written for today.
    await takeAvailabilitySnapshots(platform.ctx);
    const rows = await availabilityHistoryDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rowProblems(availabilityHistoryDataset.schema, rows)).toEqual([]);
    expect(rows.filter((row) => row.day === '2027-03-06')).toHaveLength(4);
    expect(rows).toContainEqual({ day: '2027-03-06', place_id: tiny.location.id, place: 'Kleines Büro', service: 'fuehrungszeugnis', days_until_free: null });
    expect(rows).toContainEqual({ day: '2027-03-07', place_id: weekdays.location.id, place: 'Werktags-Büro', service: 'reisepass', days_until_free: 3 });
    expect(JSON.stringify(rows)).not.toMatch(/T-SNAP/);
  });
});
