import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import { rowProblems } from '#kernel/declarations/check.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { monthlyFiguresDataset } from './opendata.ts';
import { appointmentsDb, type BookingStatus } from './repo.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

let made = 0;
async function booking(place: Awaited<ReturnType<typeof buildLocation>>, startsAt: Date, status: BookingStatus, waited?: number) {
  made += 1;
  const arrived = waited === undefined ? null : new Date(startsAt.getTime() - 5 * 60_000);
  await appointmentsDb(platform.ctx.db)
    .insertInto('appointment_bookings')
    .values({
      reference: `T-OD-${made}`,
      location_id: place.location.id,
      counter_id: place.counters[0]!.id,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 15 * 60_000),
      status,
      services: JSON.stringify([{ serviceId: 'personalausweis', persons: 1 }]),
      channel: 'online',
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      secret_hash: 'd'.repeat(64),
      created_by: 'test',
      arrived_at: arrived,
      called_at: arrived && waited !== undefined ? new Date(arrived.getTime() + waited * 60_000) : null,
    })
    .execute();
}

/** The month `back` months before this one, `YYYY-MM`, and an instant on its given day at the given hour. */
function monthBack(back: number) {
  const [year, month] = todayInBerlin().split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7);
  return { month: first, at: (day: number, hour: number) => new Date(berlinDay(`${first}-${String(day).padStart(2, '0')}`).from.getTime() + hour * 3_600_000) };
}

describe('the open dataset of monthly appointment figures', () => {
  it('gives per place and month the counts, the no-show rate, served per day and the mean wait, and nothing about persons', async () => {
    const place = await buildLocation(platform.ctx, { name: 'Offene-Daten-Bürgerbüro' });
    const last = monthBack(1);
    await booking(place, last.at(5, 8), 'served', 10);
    await booking(place, last.at(5, 9), 'served', 20);
    await booking(place, last.at(5, 10), 'served');
    await booking(place, last.at(5, 11), 'no_show');
    await booking(place, last.at(6, 8), 'served');
    await booking(place, last.at(6, 9), 'no_show');
    await booking(place, last.at(6, 10), 'cancelled');
    await booking(place, last.at(6, 11), 'held');
    // Older than the dataset reaches: thirteen months, this one included.
    await booking(place, monthBack(13).at(10, 8), 'served');

    const rows = await monthlyFiguresDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rowProblems(monthlyFiguresDataset.schema, rows)).toEqual([]);
    const ofPlace = rows.filter((row) => row.place_id === place.location.id);
    // Every month of the thirteen, this one included, the ones without bookings as zeros.
    expect(ofPlace.map((row) => row.month)).toEqual(Array.from({ length: 13 }, (_, index) => monthBack(12 - index).month));
    expect(ofPlace.find((row) => row.month === last.month)).toEqual({
      month: last.month,
      place_id: place.location.id,
      place: 'Offene-Daten-Bürgerbüro',
      booked: 6,
      served: 4,
      no_show: 2,
      no_show_rate: 33.3,
      served_per_day: 2,
      mean_wait_minutes: 15,
    });
    expect(ofPlace.find((row) => row.month === monthBack(3).month)).toMatchObject({ booked: 0, served: 0, no_show: 0, no_show_rate: null, served_per_day: null, mean_wait_minutes: null });
    expect(JSON.stringify(rows)).not.toMatch(/Erika|example\.org|T-OD-/);
  });

  it('keeps the figures of a place that no longer takes bookings, under its name', async () => {
    const place = await buildLocation(platform.ctx, { name: 'Geschlossene Stelle' });
    await booking(place, monthBack(2).at(3, 9), 'no_show');
    await appointmentsDb(platform.ctx.db).updateTable('appointment_locations').set({ active: false }).where('id', '=', place.location.id).execute();
    const rows = await monthlyFiguresDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rows.filter((row) => row.place_id === place.location.id)).toHaveLength(1);
    expect(rows.find((row) => row.place_id === place.location.id)).toMatchObject({ place: 'Geschlossene Stelle', booked: 1, served: 0, no_show: 1, no_show_rate: 100, served_per_day: null, mean_wait_minutes: null });
  });
});
