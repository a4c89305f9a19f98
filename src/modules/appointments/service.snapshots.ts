import Type from 'typebox';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { hasSnapshotsOf, snapshotsDb, upsertSnapshots, type Snapshot } from './repo.snapshots.ts';
import { nextFreeOfPlaces } from './service.next-free.ts';

/*
 * Once a day, how far ahead every active place's services are booked: the days until the first free time for
 * one person (the slot engine over the place's calendar, the catalogue's opening hours included), kept as a
 * history the statistics and open data read without needing the catalogue.
 */

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Writes today's snapshot (Berlin) for every active place × offered service, replacing today's earlier one; returns how many. */
export async function takeAvailabilitySnapshots(ctx: KernelContext, now = new Date()): Promise<number> {
  const today = todayInBerlin(now);
  const answers = await nextFreeOfPlaces(ctx, now);
  const snapshots: Snapshot[] = answers.map((answer) => ({
    day: today,
    locationId: answer.placeId,
    serviceSlug: answer.service,
    daysUntilFree: answer.next ? daysBetween(today, answer.next.date) : null,
  }));
  await upsertSnapshots(snapshotsDb(ctx.db), snapshots, now);
  return snapshots.length;
}

/** Takes today's snapshot unless it was taken already; true when it did. */
export async function snapshotIfMissing(ctx: KernelContext, now = new Date()): Promise<boolean> {
  if (await hasSnapshotsOf(snapshotsDb(ctx.db), todayInBerlin(now))) return false;
  await takeAvailabilitySnapshots(ctx, now);
  return true;
}

/**
 * Hourly, but only the first run of a day writes: shortly after midnight, or, when the platform was not
 * running then, within the hour after it starts.
 */
export const snapshotAvailabilityJob = defineJob({
  name: 'appointments.snapshot-availability',
  payload: Type.Object({}),
  cron: '15 * * * *',
  handler: async (_payload, ctx) => {
    await snapshotIfMissing(ctx);
  },
});
