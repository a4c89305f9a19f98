import { berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import { columnsUnder, defineDataset, type Row } from '#kernel/declarations/datasets.ts';
import { monthsIn } from '#kernel/declarations/figures.ts';
import { activePlaces, countsPerPlace, placeNames } from './repo.figures.ts';
import { snapshotsDb, snapshotsSince } from './repo.snapshots.ts';
import { appointmentsDb } from './repo.ts';
import { noShowRate, servedPerDay } from './stats.ts';

/*
 * The appointment figures as open data: per place and month, how many bookings were made, served and missed
 * and how long people waited at the counter. Counts and means only; no booking, name or time of a person.
 */

const column = columnsUnder('appointments:figures.openData.columns');

interface Group {
  month: string;
  placeId: string;
  booked: number;
  served: number;
  noShow: number;
  days: number[];
  waited: number;
  waitSum: number;
}

/** How many months back the datasets reach, the current one included. */
export const openDataMonths = 13;

const firstDayOfOpenData = (year: number, month: number) => new Date(Date.UTC(year, month - openDataMonths, 1)).toISOString().slice(0, 10);

export const monthlyFiguresDataset = defineDataset({
  id: 'appointments.monthly-figures',
  title: 'appointments:figures.openData.monthly.title',
  description: 'appointments:figures.openData.monthly.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['GOVE'],
  refresh: '40 4 * * *',
  schema: {
    primaryKey: ['month', 'place_id'],
    fields: [
      column('month', 'yearmonth', { constraints: { required: true } }),
      column('place_id', 'string', { constraints: { required: true } }),
      column('place', 'string', { constraints: { required: true } }),
      column('booked', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
      column('served', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
      column('no_show', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
      column('no_show_rate', 'number', { unit: 'percent', constraints: { minimum: 0, maximum: 100 } }),
      column('served_per_day', 'number', { unit: 'count', constraints: { minimum: 0 } }),
      column('mean_wait_minutes', 'number', { unit: 'minutes', constraints: { minimum: 0 } }),
    ],
  },
  rows: async (db) => {
    const appointments = appointmentsDb(db);
    const today = todayInBerlin();
    const [year, month] = today.split('-').map(Number) as [number, number];
    const first = firstDayOfOpenData(year, month);
    const [names, active, perDay] = await Promise.all([placeNames(appointments), activePlaces(appointments), countsPerPlace(appointments, berlinDay(first).from, berlinDay(today).to, 'day')]);
    // Every month for every place taking bookings, zeros included, so a gap never has to be guessed at; a place
    // no longer taking bookings keeps the months it had bookings in, under its name.
    const months = monthsIn({ from: first.slice(0, 7), to: today.slice(0, 7) });
    const groups = new Map<string, Group>();
    const groupOf = (month: string, placeId: string) => {
      const key = `${month} ${placeId}`;
      const group = groups.get(key) ?? { month, placeId, booked: 0, served: 0, noShow: 0, days: [], waited: 0, waitSum: 0 };
      groups.set(key, group);
      return group;
    };
    for (const place of active) for (const month of months) groupOf(month, place.id);
    for (const row of perDay) {
      const group = groupOf(row.period.slice(0, 7), row.locationId);
      group.booked += row.booked;
      group.served += row.served;
      group.noShow += row.noShow;
      group.days.push(row.served);
      group.waited += row.waited;
      group.waitSum += (row.meanWaitMinutes ?? 0) * row.waited;
    }
    return [...groups.values()]
      .sort((a, b) => a.month.localeCompare(b.month) || a.placeId.localeCompare(b.placeId))
      .map(
        (group): Row => ({
          month: group.month,
          place_id: group.placeId,
          place: names.get(group.placeId) ?? '',
          booked: group.booked,
          served: group.served,
          no_show: group.noShow,
          no_show_rate: noShowRate(group.served, group.noShow),
          served_per_day: servedPerDay(group.days),
          mean_wait_minutes: group.waited === 0 ? null : Math.round((group.waitSum / group.waited) * 10) / 10,
        }),
      );
  },
});

const historyColumn = columnsUnder('appointments:figureStats.openData.columns');

/** The daily snapshots of how far ahead each place's services are booked, from the first day of the months the datasets reach. */
export const availabilityHistoryDataset = defineDataset({
  id: 'appointments.availability-history',
  title: 'appointments:figureStats.openData.title',
  description: 'appointments:figureStats.openData.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['GOVE'],
  refresh: '50 4 * * *',
  schema: {
    primaryKey: ['day', 'place_id', 'service'],
    fields: [
      historyColumn('day', 'date', { constraints: { required: true } }),
      historyColumn('place_id', 'string', { constraints: { required: true } }),
      historyColumn('place', 'string', { constraints: { required: true } }),
      historyColumn('service', 'string', { constraints: { required: true } }),
      historyColumn('days_until_free', 'integer', { unit: 'days', constraints: { minimum: 0 } }),
    ],
  },
  rows: async (db) => {
    const [year, month] = todayInBerlin().split('-').map(Number) as [number, number];
    const [names, snapshots] = await Promise.all([placeNames(appointmentsDb(db)), snapshotsSince(snapshotsDb(db), firstDayOfOpenData(year, month))]);
    return snapshots.map(
      (snapshot): Row => ({
        day: snapshot.day,
        place_id: snapshot.locationId,
        place: names.get(snapshot.locationId) ?? '',
        service: snapshot.serviceSlug,
        days_until_free: snapshot.daysUntilFree,
      }),
    );
  },
});
