import type { Actor, Language } from '#kernel/auth/actor.ts';
import { addDays, berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineFigure, densePerMonth, rangeInstants, type MonthRange } from '#kernel/declarations/figures.ts';
import type { Db } from '#kernel/db/database.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { appointmentsPermissions } from './permissions.ts';
import { activePlaces, countsPerPlace, meanWaitPerMonth, type PlaceCounts, type PlaceWithServices } from './repo.figures.ts';
import { latestSnapshots, snapshotsDb } from './repo.snapshots.ts';
import { appointmentsDb } from './repo.ts';
import { nextFreeOfPlaces } from './service.next-free.ts';

/*
 * The appointment figures: for statistics (per month, all places together) and for the staff who serve the
 * counters (their own places, as things stand and over the last weeks). Counts only, no person's data.
 */

const day = 86_400_000;

/** Missed among the bookings whose time came and whose outcome is known, in percent with one decimal. */
export const noShowRate = (served: number, noShow: number) => (served + noShow === 0 ? null : Math.round((noShow / (served + noShow)) * 1000) / 10);

/** Served bookings per day on which anyone was served, with one decimal. */
export const servedPerDay = (perDay: readonly number[]) => {
  const days = perDay.filter((served) => served > 0);
  return days.length === 0 ? null : Math.round((days.reduce((sum, served) => sum + served, 0) / days.length) * 10) / 10;
};

/** Counts per Berlin day, gathered per month of the range. */
async function monthsOfDays(db: Db, range: MonthRange) {
  const { from, to } = rangeInstants(range);
  const perDay = await countsPerPlace(appointmentsDb(db), from, to, 'day');
  const months = new Map<string, { served: number; noShow: number; days: Map<string, number> }>();
  for (const row of perDay) {
    const month = months.get(row.period.slice(0, 7)) ?? { served: 0, noShow: 0, days: new Map<string, number>() };
    month.served += row.served;
    month.noShow += row.noShow;
    month.days.set(row.period, (month.days.get(row.period) ?? 0) + row.served);
    months.set(row.period.slice(0, 7), month);
  }
  return months;
}

export const noShowRateFigure = defineFigure({
  id: 'appointments.no-show-rate',
  title: 'appointments:figures.stats.noShowRate.title',
  definition: 'appointments:figures.stats.noShowRate.definition',
  unit: 'percent',
  period: 'month',
  values: async (db, range) => {
    const months = await monthsOfDays(db, range);
    return densePerMonth(range, undefined, [...months].map(([month, counts]) => ({ month, value: noShowRate(counts.served, counts.noShow) ?? 0 })));
  },
});

export const servedPerDayFigure = defineFigure({
  id: 'appointments.served-per-day',
  title: 'appointments:figures.stats.servedPerDay.title',
  definition: 'appointments:figures.stats.servedPerDay.definition',
  unit: 'count',
  period: 'month',
  values: async (db, range) => {
    const months = await monthsOfDays(db, range);
    return densePerMonth(range, undefined, [...months].map(([month, counts]) => ({ month, value: servedPerDay([...counts.days.values()]) ?? 0 })));
  },
});

export const meanWaitFigure = defineFigure({
  id: 'appointments.mean-wait',
  title: 'appointments:figureStats.meanWait.title',
  definition: 'appointments:figureStats.meanWait.definition',
  unit: 'minutes',
  period: 'month',
  values: async (db, range) => {
    const { from, to } = rangeInstants(range);
    const months = await meanWaitPerMonth(appointmentsDb(db), from, to);
    return densePerMonth(range, undefined, months.map(({ month, minutes }) => ({ month, value: minutes })));
  },
});

/**
 * Per service, the earliest days until a free time over the places offering it (a person may go to any), from
 * the latest daily snapshot; the mean over the services with a free time, with one decimal.
 */
export function meanDaysUntilFree(snapshots: readonly { serviceSlug: string; daysUntilFree: number | null }[]): number | null {
  const earliest = new Map<string, number | null>();
  for (const { serviceSlug, daysUntilFree } of snapshots) {
    const held = earliest.get(serviceSlug);
    if (held === undefined || held === null || (daysUntilFree !== null && daysUntilFree < held)) earliest.set(serviceSlug, daysUntilFree ?? held ?? null);
  }
  const free = [...earliest.values()].filter((days) => days !== null);
  return free.length === 0 ? null : Math.round((free.reduce((sum, days) => sum + days, 0) / free.length) * 10) / 10;
}

export const daysUntilFreeFigure = defineFigure({
  id: 'appointments.days-until-free',
  title: 'appointments:figureStats.daysUntilFree.title',
  definition: 'appointments:figureStats.daysUntilFree.definition',
  unit: 'days',
  period: 'now',
  values: async (db) => [{ value: meanDaysUntilFree(await latestSnapshots(snapshotsDb(db))) ?? 0 }],
});

/** How far back the staff page looks for served, missed and waiting. */
export const figuresPeriodDays = 30;

export interface ServiceNextFree {
  slug: string;
  title: string;
  date: string | null;
  /** Whole days from today (Berlin) to the next free day: 0 is today. */
  daysUntil: number | null;
}

export interface PlaceFigures {
  id: string;
  name: string;
  services: ServiceNextFree[];
  booked: number;
  served: number;
  noShow: number;
  noShowRate: number | null;
  servedPerDay: number | null;
  meanWaitMinutes: number | null;
  /** Served per Berlin day of the period, days with bookings only, newest first. */
  days: { date: string; booked: number; served: number }[];
}

/** The places whose figures the person may see: those of their offices (a place without an office is shown to no clerk yet, as on the counter pages). */
async function visiblePlaces(ctx: KernelContext, actor: Actor, places: readonly PlaceWithServices[]): Promise<PlaceWithServices[]> {
  const visible: PlaceWithServices[] = [];
  for (const place of places) {
    const office = place.officeSlug ? await publishedOffice(ctx, place.officeSlug) : null;
    const scope = office ? { kind: 'office', id: office.id } : undefined;
    if (ctx.permissions.can(actor, appointmentsPermissions.serveCounters, scope)) visible.push(place);
  }
  return visible;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / day);

function summed(rows: readonly PlaceCounts[]) {
  const served = rows.reduce((sum, row) => sum + row.served, 0);
  const noShow = rows.reduce((sum, row) => sum + row.noShow, 0);
  const waited = rows.reduce((sum, row) => sum + row.waited, 0);
  const waitSum = rows.reduce((sum, row) => sum + (row.meanWaitMinutes ?? 0) * row.waited, 0);
  return {
    booked: rows.reduce((sum, row) => sum + row.booked, 0),
    served,
    noShow,
    noShowRate: noShowRate(served, noShow),
    servedPerDay: servedPerDay(rows.map((row) => row.served)),
    meanWaitMinutes: waited === 0 ? null : Math.round((waitSum / waited) * 10) / 10,
    days: rows.map((row) => ({ date: row.period, booked: row.booked, served: row.served })).reverse(),
  };
}

/**
 * The figures of the places the person serves: per service the next free day for one person, and over the
 * last `figuresPeriodDays` days bookings, served, missed, the no-show rate, served per day and the mean wait
 * between arrival and call. Counts only, nothing to audit.
 */
export async function placeFigures(ctx: KernelContext, actor: Actor, language: Language, now = new Date()): Promise<PlaceFigures[]> {
  ctx.permissions.require(actor, appointmentsPermissions.serveCounters, 'anywhere');
  const places = await visiblePlaces(ctx, actor, await activePlaces(appointmentsDb(ctx.db)));
  const ids = new Set(places.map((place) => place.id));
  const today = todayInBerlin(now);
  const [nextFree, counts] = await Promise.all([
    nextFreeOfPlaces(ctx, now, ids),
    countsPerPlace(appointmentsDb(ctx.db), berlinDay(addDays(today, -figuresPeriodDays)).from, berlinDay(today).to, 'day'),
  ]);
  const titleOf = async (slug: string) => {
    const service = await publishedService(ctx, slug);
    if (!service) return slug;
    return language === 'en' && service.content.en?.title ? service.content.en.title : service.content.title;
  };
  return Promise.all(
    places.map(async (place) => ({
      id: place.id,
      name: place.name,
      services: await Promise.all(
        nextFree
          .filter((answer) => answer.placeId === place.id)
          .map(async (answer) => ({ slug: answer.service, title: await titleOf(answer.service), date: answer.next?.date ?? null, daysUntil: answer.next ? daysBetween(today, answer.next.date) : null })),
      ),
      ...summed(counts.filter((row) => row.locationId === place.id)),
    })),
  );
}
