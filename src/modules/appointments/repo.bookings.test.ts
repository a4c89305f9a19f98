import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { expireHolds, holdFreeCounter } from './repo.bookings.ts';
import { appointmentsDb } from './repo.ts';
import { buildHold, buildLocation, holdAt } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => appointmentsDb(platform.ctx.db);
const at = (iso: string) => new Date(iso);

describe('holding a time', () => {
  it('gives each counter’s time once, however many ask at the same moment', async () => {
    const { location, counters } = await buildLocation(platform.ctx, { counters: 2 });
    const ids = counters.map((counter) => counter.id);
    const start = at('2027-03-01T08:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => holdFreeCounter(db(), holdAt(location.id, start, 15), ids)));
    const held = results.filter((result) => result !== undefined);
    expect(held).toHaveLength(2);
    expect(new Set(held.map((booking) => booking?.counter_id))).toEqual(new Set(ids));
  });

  it('gives one counter’s time to exactly one of 50 clients racing for it', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const start = at('2027-03-04T08:00:00Z');
    const results = await Promise.all(Array.from({ length: 50 }, () => holdFreeCounter(db(), holdAt(location.id, start, 15), [counters[0]!.id])));
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    const rows = await db().selectFrom('appointment_bookings').select('id').where('location_id', '=', location.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a time that overlaps one held on the counter, and takes the time right after it', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const ids = [counters[0]!.id];
    await buildHold(platform.ctx, ids, holdAt(location.id, at('2027-03-01T09:00:00Z'), 30));
    expect(await holdFreeCounter(db(), holdAt(location.id, at('2027-03-01T09:15:00Z'), 15), ids)).toBeUndefined();
    expect(await holdFreeCounter(db(), holdAt(location.id, at('2027-03-01T08:45:00Z'), 30), ids)).toBeUndefined();
    expect(await holdFreeCounter(db(), holdAt(location.id, at('2027-03-01T09:30:00Z'), 15), ids)).toBeDefined();
    expect(await holdFreeCounter(db(), holdAt(location.id, at('2027-03-01T08:45:00Z'), 15), ids)).toBeDefined();
  });

  it('is refused by the database itself, not only by the check before the insert', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const first = await buildHold(platform.ctx, [counters[0]!.id], holdAt(location.id, at('2027-03-02T08:00:00Z'), 30));
    const direct = sql`insert into appointment_bookings (reference, location_id, counter_id, starts_at, ends_at, status, services, channel, secret_hash, created_by)
      values ('T-TEST-DIRECT-1', ${location.id}, ${first.counter_id}, ${at('2027-03-02T08:10:00Z')}, ${at('2027-03-02T08:20:00Z')}, 'booked', '[]'::jsonb, 'phone', 'x', 'test')`;
    await expect(direct.execute(platform.ctx.db)).rejects.toMatchObject({ code: '23P01' });
  });

  it('honours blocked times of the counter and of the whole place', async () => {
    const { location, counters } = await buildLocation(platform.ctx, { counters: 2 });
    const [one, two] = counters.map((counter) => counter.id) as [string, string];
    await db().insertInto('appointment_blocks').values({ location_id: location.id, counter_id: one, starts_at: at('2027-03-03T08:00:00Z'), ends_at: at('2027-03-03T12:00:00Z'), created_by: 'test' }).execute();
    const held = await holdFreeCounter(db(), holdAt(location.id, at('2027-03-03T09:00:00Z'), 15), [one, two]);
    expect(held?.counter_id).toBe(two);
    await db().insertInto('appointment_blocks').values({ location_id: location.id, counter_id: null, starts_at: at('2027-03-03T13:00:00Z'), ends_at: at('2027-03-03T14:00:00Z'), created_by: 'test' }).execute();
    expect(await holdFreeCounter(db(), holdAt(location.id, at('2027-03-03T13:30:00Z'), 15), [one, two])).toBeUndefined();
  });

  it('gives back the time of a hold nobody completed once it has run out', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const ids = [counters[0]!.id];
    const start = at('2027-03-04T08:00:00Z');
    const stale = await buildHold(platform.ctx, ids, holdAt(location.id, start, 15, { holdExpiresAt: new Date(Date.now() - 60_000) }));
    expect(await holdFreeCounter(db(), holdAt(location.id, start, 15), ids)).toBeUndefined();
    expect(await expireHolds(db(), ids, new Date())).toBe(1);
    expect(await holdFreeCounter(db(), holdAt(location.id, start, 15), ids)).toBeDefined();
    expect((await db().selectFrom('appointment_bookings').select('status').where('id', '=', stale.id).executeTakeFirstOrThrow()).status).toBe('expired');
  });
});
