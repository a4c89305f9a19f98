import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { holdFreeCounter } from './repo.bookings.ts';
import { anonymiseBookings, contactKeptDays, eraseBookingsOf } from './repo.privacy.ts';
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
const day = 86_400_000;
const contact = { name: 'Berta Beispiel', email: 'berta@example.org', phone: '+49 2431 85-0' };

async function booked(counterIds: string[], locationId: string, startsAt: Date, overrides: Parameters<typeof holdAt>[3] = {}) {
  const held = await buildHold(platform.ctx, counterIds, holdAt(locationId, startsAt, 15, overrides));
  await db().updateTable('appointment_bookings').set({ status: 'booked', ...contact }).where('id', '=', held.id).execute();
  return held;
}

const row = (id: string) => db().selectFrom('appointment_bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('personal data of bookings', () => {
  it('removes who booked a visit after the days it is kept, and keeps the visit for the figures', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const ids = [counters[0]!.id];
    const now = new Date();
    const old = await booked(ids, location.id, new Date(now.getTime() - (contactKeptDays + 1) * day));
    const recent = await booked(ids, location.id, new Date(now.getTime() - (contactKeptDays - 1) * day));
    expect(await anonymiseBookings(db(), now)).toBeGreaterThanOrEqual(1);
    expect(await row(old.id)).toMatchObject({ name: null, email: null, phone: null, status: 'booked' });
    expect(await row(recent.id)).toMatchObject(contact);
  });

  it('removes who held a time that was never booked a day later', async () => {
    const { location, counters } = await buildLocation(platform.ctx);
    const held = await buildHold(platform.ctx, [counters[0]!.id], holdAt(location.id, new Date(Date.now() + 5 * day), 15));
    await db().updateTable('appointment_bookings').set({ status: 'expired', email: contact.email, updated_at: new Date(Date.now() - 2 * day) }).where('id', '=', held.id).execute();
    await anonymiseBookings(db(), new Date());
    expect((await row(held.id)).email).toBeNull();
  });

  it('on deleting an account cancels the bookings to come, giving their time back, and keeps past visits without the person', async () => {
    const { user } = await buildCitizen(platform.ctx);
    const { location, counters } = await buildLocation(platform.ctx);
    const ids = [counters[0]!.id];
    const coming = new Date(Date.now() + 3 * day);
    const future = await booked(ids, location.id, coming, { userId: user.id });
    const past = await booked(ids, location.id, new Date(Date.now() - 3 * day), { userId: user.id });
    await eraseBookingsOf(db(), user.id, new Date());
    expect(await row(future.id)).toMatchObject({ status: 'cancelled', user_id: null, name: null });
    expect(await row(past.id)).toMatchObject({ status: 'booked', user_id: null, email: null });
    expect(await holdFreeCounter(db(), holdAt(location.id, coming, 15), ids)).toBeDefined();
  });
});
