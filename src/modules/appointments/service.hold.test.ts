import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { appointmentsDb } from './repo.ts';
import { holdTime, type HoldRequest } from './service.hold.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

// Monday 1 March 2027, 10:00 in Erkelenz (CET, UTC+1).
const now = new Date('2027-03-01T09:00:00Z');
const ask = (locationId: string, start: string, overrides: Partial<HoldRequest> = {}): HoldRequest => ({
  locationId,
  request: [{ serviceId: 'personalausweis', persons: 1 }],
  start: new Date(start),
  channel: 'online',
  userId: null,
  createdBy: 'guest',
  ...overrides,
});

describe('holding a time the calendar offers', () => {
  it('holds an offered time on a counter, for the place’s hold minutes, and keeps only the hash of the link secret', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const held = await holdTime(platform.ctx, ask(location.id, '2027-03-02T08:00:00Z'), now);
    expect(held.ok).toBe(true);
    if (!held.ok) return;
    expect(held.booking).toMatchObject({ status: 'held', counter_id: counters[0]!.id, starts_at: new Date('2027-03-02T08:00:00Z'), ends_at: new Date('2027-03-02T08:15:00Z') });
    expect(held.booking.hold_expires_at).toEqual(new Date(now.getTime() + 10 * 60_000));
    expect(held.booking.secret_hash).not.toContain(held.secret);
    expect(held.booking.reference).toMatch(/^T-/);
  });

  it('gives a time to one of many asking at once, and tells the others it is gone', async () => {
    const { location } = await buildLocation(platform.ctx);
    const results = await Promise.all(Array.from({ length: 6 }, () => holdTime(platform.ctx, ask(location.id, '2027-03-03T09:00:00Z'), now)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const result of results.filter((one) => !one.ok)) expect(['taken', 'not-offered']).toContain((result as { reason: string }).reason);
  });

  it('sums the length of several services and persons, and needs a counter that serves them all', async () => {
    const { location } = await buildLocation(platform.ctx, { services: ['personalausweis', 'reisepass'] });
    const held = await holdTime(platform.ctx, ask(location.id, '2027-03-04T08:00:00Z', { request: [{ serviceId: 'personalausweis', persons: 2 }, { serviceId: 'reisepass', persons: 1 }] }), now);
    expect(held.ok && held.booking.ends_at).toEqual(new Date('2027-03-04T08:45:00Z'));
    const unknown = await holdTime(platform.ctx, ask(location.id, '2027-03-04T09:00:00Z', { request: [{ serviceId: 'fuehrerschein', persons: 1 }] }), now);
    expect(unknown).toEqual({ ok: false, reason: 'request', problem: { reason: 'unknown-service', serviceId: 'fuehrerschein' } });
  });

  it('refuses times the place is closed: before opening, at closing, on a public holiday, in the past', async () => {
    const { location } = await buildLocation(platform.ctx);
    for (const start of ['2027-03-02T06:45:00Z', '2027-03-02T10:50:00Z', '2027-03-29T07:00:00Z', '2027-03-01T07:30:00Z']) {
      expect(await holdTime(platform.ctx, ask(location.id, start), now), start).toEqual({ ok: false, reason: 'not-offered' });
    }
    // Easter Monday 2027 is 29 March: closed; the Tuesday after is open again (CEST, UTC+2 by then).
    expect((await holdTime(platform.ctx, ask(location.id, '2027-03-30T06:00:00Z'), now)).ok).toBe(true);
  });

  it('offers the time of a hold nobody completed again once it has run out', async () => {
    const { location } = await buildLocation(platform.ctx);
    const first = await holdTime(platform.ctx, ask(location.id, '2027-03-05T08:00:00Z'), now);
    expect(first.ok).toBe(true);
    expect(await holdTime(platform.ctx, ask(location.id, '2027-03-05T08:00:00Z'), now)).toEqual({ ok: false, reason: 'not-offered' });
    const later = new Date(now.getTime() + 11 * 60_000);
    const second = await holdTime(platform.ctx, ask(location.id, '2027-03-05T08:00:00Z'), later);
    expect(second.ok).toBe(true);
    const statuses = await appointmentsDb(platform.ctx.db).selectFrom('appointment_bookings').select('status').where('location_id', '=', location.id).orderBy('created_at').execute();
    expect(statuses.map((row) => row.status)).toEqual(['expired', 'held']);
  });

  it('answers for a place that does not exist', async () => {
    expect(await holdTime(platform.ctx, ask('00000000-0000-4000-8000-000000000000', '2027-03-02T08:00:00Z'), now)).toEqual({ ok: false, reason: 'unknown-place' });
  });
});
