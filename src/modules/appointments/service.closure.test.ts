import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin, weekdayOf } from '#kernel/calendar.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { listStoredSms, smsDirectory } from '#kernel/sms.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { berlinInstant, servicePublished } from '#modules/catalog/index.ts';
import { buildOffice, buildService } from '#modules/catalog/test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { counterClerk } from './permissions.ts';
import { findBooking, updateBooking, type BookingChange } from './repo.bookings.ts';
import { appointmentsDb } from './repo.ts';
import { closePlaceFor } from './service.closure.ts';
import { holdTime } from './service.hold.ts';
import { buildHold, buildLocation, holdAt } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => appointmentsDb(platform.ctx.db);

/** A working day (Monday to Friday, no public holiday) at least `ahead` days after `from`. */
function workday(ahead: number, from = todayInBerlin()): string {
  const holidays = holidaysFor(platform.ctx.config);
  let day = addDays(from, ahead);
  while (weekdayOf(day) > 5 || holidays.on(day)) day = addDays(day, 1);
  return day;
}

/** A place that follows a published catalogue office's hours, offering a service with documents. */
async function officePlace(closingDays: { day: string }[] = []) {
  const office = await buildOffice(platform.ctx, { closingDays });
  const slug = `personalausweis-${office.id.slice(0, 8)}`;
  await buildService(platform.ctx, { slug, title: 'Personalausweis beantragen', officeId: office.id, documents: ['Biometrisches Passfoto'] });
  const { location, counters } = await buildLocation(platform.ctx, { services: [slug] });
  await db().updateTable('appointment_locations').set({ office_slug: office.slug }).where('id', '=', location.id).execute();
  return { office, slug, location, counter: counters[0]!.id };
}

async function booking(place: { location: { id: string }; counter: string; slug: string }, day: string, time: string, change: BookingChange = {}) {
  const held = await buildHold(platform.ctx, [place.counter], holdAt(place.location.id, berlinInstant(day, time), 15, { services: [{ serviceId: place.slug, persons: 1 }] }));
  return Object.keys(change).length === 0 ? held : updateBooking(db(), held.id, { status: 'booked', hold_expires_at: null, ...change }, new Date());
}

async function clerk(grant: RoleGrant): Promise<Actor> {
  const { user } = await buildStaff(platform.ctx, [grant]);
  return { kind: 'staff', userId: user.id, displayName: user.display_name ?? 'Clerk', email: user.email, language: 'de', simplifiedLanguage: false, sessionHash: 'test', roles: [grant] };
}

describe('an office that closes for a day', () => {
  it('lets a clerk of the place’s office close it for a day: the day is blocked, its bookings cancelled, each person told by their channel with a link to book again', async () => {
    const place = await officePlace();
    const day = workday(3);
    const next = workday(1, day);
    const byMail = await booking(place, day, '09:00', { name: 'Gast Person', email: 'geschlossen-gast@example.org', confirmed_by: 'email' });
    const byPhone = await booking(place, day, '09:15', { name: 'Telefon Person', phone: '+491719876543', confirmed_by: 'sms' });
    const held = await booking(place, day, '09:30');
    const other = await booking(place, next, '09:00', { name: 'Andere', email: 'geschlossen-andere@example.org' });

    const otherOffice = await buildOffice(platform.ctx);
    const stranger = await clerk({ role: counterClerk, scopeKind: 'office', scopeId: otherOffice.id });
    expect(await closePlaceFor(platform.ctx, stranger, place.location.id, day, 'Stromausfall')).toEqual({ ok: false, reason: 'not-found' });
    const { user: citizen } = await buildCitizen(platform.ctx);
    const citizenActor: Actor = { kind: 'citizen', userId: citizen.id, displayName: 'B', email: citizen.email, language: 'de', simplifiedLanguage: false, sessionHash: 'x' };
    expect(await closePlaceFor(platform.ctx, citizenActor, place.location.id, day, 'Stromausfall')).toEqual({ ok: false, reason: 'not-found' });
    expect((await findBooking(db(), byMail.id))?.status).toBe('booked');

    const actor = await clerk({ role: counterClerk, scopeKind: 'office', scopeId: place.office.id });
    expect(await closePlaceFor(platform.ctx, actor, place.location.id, addDays(todayInBerlin(), -1), 'Stromausfall')).toEqual({ ok: false, reason: 'invalid-day' });
    expect(await closePlaceFor(platform.ctx, actor, place.location.id, '2027-02-30', 'Stromausfall')).toEqual({ ok: false, reason: 'invalid-day' });
    expect(await closePlaceFor(platform.ctx, actor, place.location.id, day, '   ')).toEqual({ ok: false, reason: 'invalid-reason' });
    expect(await closePlaceFor(platform.ctx, actor, place.location.id, day, 'Stromausfall')).toEqual({ ok: true, cancelled: 3 });

    for (const made of [byMail, byPhone, held]) expect(await findBooking(db(), made.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'office-closed' });
    expect((await findBooking(db(), other.id))?.status).toBe('booked');
    // Nobody can book the day again.
    const again = await holdTime(platform.ctx, { locationId: place.location.id, request: [{ serviceId: place.slug, persons: 1 }], start: berlinInstant(day, '10:00'), channel: 'online', userId: null, createdBy: 'guest' });
    expect(again).toEqual({ ok: false, reason: 'not-offered' });
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'reason']).where('subject_id', '=', place.location.id).execute();
    expect(audit).toContainEqual({ action: 'appointments.place-closed', actor_id: actor.kind === 'staff' ? actor.userId : null, reason: 'Stromausfall' });

    await platform.runJobs();
    const mail = platform.smtp.lastTo('geschlossen-gast@example.org');
    expect(mail?.subject).toContain('fällt aus');
    expect(mail?.text).toContain(byMail.reference);
    expect(mail?.text).toContain(`/termine/buchen?leistung=${place.slug}`);
    expect(platform.smtp.lastTo('geschlossen-andere@example.org')).toBeUndefined();
    const sms = (await listStoredSms(smsDirectory(platform.ctx.config.DATA_DIR))).filter((message) => message.to === '+491719876543');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain('geschlossen');
    expect(sms[0]!.text).toContain(`/termine/buchen?leistung=${place.slug}`);
  });

  it('cancels the bookings of a closing day once the catalogue publishes the office with it', async () => {
    const day = workday(10);
    const next = workday(1, day);
    const place = await officePlace([{ day }]);
    const closed = await booking(place, day, '09:00', { name: 'Gast', email: 'schliesstag@example.org', confirmed_by: 'email' });
    const open = await booking(place, next, '09:00', { name: 'Gast', email: 'offen@example.org', confirmed_by: 'email' });
    await platform.ctx.db.transaction().execute((trx) => platform.ctx.events.publish(trx, servicePublished, { entryId: place.office.id, slug: place.office.slug, kind: 'office', version: 2 }));
    await platform.runJobs();
    expect(await findBooking(db(), closed.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'office-closed' });
    expect((await findBooking(db(), open.id))?.status).toBe('booked');
    expect(platform.smtp.lastTo('schliesstag@example.org')?.subject).toContain('fällt aus');
  });
});
