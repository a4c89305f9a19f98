import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin, weekdayOf } from '#kernel/calendar.ts';
import { holidaysFor } from '#kernel/holidays/holidays.ts';
import { berlinInstant } from '#modules/catalog/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { appointmentTimeFreed } from './events.ts';
import { findBooking, updateBooking } from './repo.bookings.ts';
import { keyOpens } from './repo.keys.ts';
import { blockPlace } from './repo.notices.ts';
import { appointmentsDb, type Booking } from './repo.ts';
import { findEntry, waitlistDb } from './repo.waitlist.ts';
import { confirmByKey } from './service.book.ts';
import { confirmEntry, entriesPerAddress, joinWaitlist, leaveWaitlist, type JoinInput } from './service.waitlist.ts';
import { offerFreedTime, offerHours, offerToWaitlist, sweepWaitlist } from './service.waitlist.offer.ts';
import { buildHold, buildLocation, holdAt } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const ctx = () => platform.ctx;
const db = () => appointmentsDb(platform.ctx.db);

/** A working day (Monday to Friday, no public holiday) at least `ahead` days from today. */
function workday(ahead: number): string {
  const holidays = holidaysFor(platform.ctx.config);
  let day = addDays(todayInBerlin(), ahead);
  while (weekdayOf(day) > 5 || holidays.on(day)) day = addDays(day, 1);
  return day;
}

function workdayAfter(day: string): string {
  const holidays = holidaysFor(platform.ctx.config);
  let next = addDays(day, 1);
  while (weekdayOf(next) > 5 || holidays.on(next)) next = addDays(next, 1);
  return next;
}

let made = 0;
const join = (locationId: string, day: string, overrides: Partial<JoinInput> = {}): JoinInput => {
  made += 1;
  return { locationId, request: [{ serviceId: 'personalausweis', persons: 1 }], fromDay: day, toDay: day, name: `Person ${made}`, email: `warteliste-${made}@example.org`, language: 'de', ...overrides };
};

/** The key in the newest mail to the address, from a link with the given path before it. */
function keyFromMail(address: string, path: RegExp): string {
  const text = platform.smtp.lastTo(address)?.text ?? '';
  const match = path.exec(text);
  if (!match?.[1]) throw new Error(`No link ${path} in the mail to ${address}: ${text}`);
  return match[1];
}

/** A place whose day is full: the first quarter hour(s) booked by others, the rest of the morning blocked. */
async function fullDay(day: string, booked = 1) {
  const { location, counters } = await buildLocation(ctx());
  await blockPlace(db(), location.id, berlinInstant(day, booked === 1 ? '08:15' : '08:30'), berlinInstant(day, '12:00'), 'Test', 'test');
  const bookings: Booking[] = [];
  for (let index = 0; index < booked; index += 1) {
    const held = await buildHold(ctx(), [counters[0]!.id], holdAt(location.id, berlinInstant(day, index === 0 ? '08:00' : '08:15'), 15));
    bookings.push(await updateBooking(db(), held.id, { status: 'booked', hold_expires_at: null, name: 'Andere Person', email: `andere-${held.id}@example.org` }, new Date()));
  }
  return { location, bookings };
}

/** Joins and confirms by the link in the mail, as the person does. */
async function waitingEntry(input: JoinInput) {
  const joined = await joinWaitlist(ctx(), anonymous, input);
  if (!joined.ok) throw new Error(`Not joined: ${JSON.stringify(joined)}`);
  await platform.runJobs();
  const key = keyFromMail(input.email, /\/termine\/warteliste\/[0-9a-f-]{36}\/bestaetigen\/([\w-]+)/);
  const confirmed = await confirmEntry(ctx(), joined.entry.id, key);
  expect(confirmed.ok).toBe(true);
  return joined.entry;
}

/** Cancels a booking the way the booking pages do: the time is free, the event published with the change. */
async function cancel(booking: Booking) {
  await platform.ctx.db.transaction().execute(async (trx) => {
    await updateBooking(appointmentsDb(trx), booking.id, { status: 'cancelled', cancelled_at: new Date(), cancel_reason: 'person' }, new Date());
    await platform.ctx.events.publish(trx, appointmentTimeFreed, freed(booking, 'cancelled'));
  });
}

const freed = (booking: Booking, reason: 'cancelled' | 'expired') => ({
  bookingId: booking.id,
  locationId: booking.location_id,
  counterId: booking.counter_id,
  startsAt: booking.starts_at.toISOString(),
  endsAt: booking.ends_at.toISOString(),
  reason,
});

const statusOf = async (entryId: string) => (await findEntry(waitlistDb(platform.ctx.db), entryId))?.status;

describe('joining the waiting list', () => {
  it('stores an entry that counts only once the address is confirmed by the link in the mail', async () => {
    const day = workday(3);
    const { location } = await fullDay(day);
    const input = join(location.id, day);
    const joined = await joinWaitlist(ctx(), anonymous, input);
    expect(joined.ok && joined.entry.status).toBe('unconfirmed');
    if (!joined.ok) return;
    await platform.runJobs();
    const mail = platform.smtp.lastTo(input.email);
    expect(mail?.subject).toContain('Bitte bestätigen');
    expect(mail?.text).toContain('/termine/warteliste/');
    expect(mail?.text).toMatch(/\/abmelden\//);
    const key = keyFromMail(input.email, /\/bestaetigen\/([\w-]+)/);
    // The mail's key is kept as a hash only.
    const stored = await waitlistDb(platform.ctx.db).selectFrom('appointment_waitlist_keys').select('key_hash').where('entry_id', '=', joined.entry.id).execute();
    expect(stored.map((row) => row.key_hash)).not.toContain(key);
    expect(await confirmEntry(ctx(), joined.entry.id, 'falscher-schluessel')).toEqual({ ok: false, reason: 'not-found' });
    expect(await statusOf(joined.entry.id)).toBe('unconfirmed');
    expect((await confirmEntry(ctx(), joined.entry.id, key)).ok).toBe(true);
    expect(await statusOf(joined.entry.id)).toBe('waiting');
    // A second click changes nothing.
    expect((await confirmEntry(ctx(), joined.entry.id, key)).ok).toBe(true);
  });

  it('refuses a period in the past or turned round, an unknown place or service, and more entries per address than allowed', async () => {
    const day = workday(3);
    const { location } = await fullDay(day);
    const yesterday = addDays(todayInBerlin(), -1);
    expect(await joinWaitlist(ctx(), anonymous, join(location.id, yesterday))).toEqual({ ok: false, reason: 'from-past', field: 'fromDay' });
    expect(await joinWaitlist(ctx(), anonymous, join(location.id, day, { toDay: addDays(day, -1) }))).toEqual({ ok: false, reason: 'to-before-from', field: 'toDay' });
    expect(await joinWaitlist(ctx(), anonymous, join(location.id, day, { toDay: addDays(day, 90) }))).toEqual({ ok: false, reason: 'too-long', field: 'toDay' });
    expect(await joinWaitlist(ctx(), anonymous, join('00000000-0000-4000-8000-000000000000', day))).toEqual({ ok: false, reason: 'unknown-place' });
    expect(await joinWaitlist(ctx(), anonymous, join(location.id, day, { request: [{ serviceId: 'fuehrerschein', persons: 1 }] }))).toMatchObject({ ok: false, reason: 'request' });
    const email = 'viele-eintraege@example.org';
    for (let index = 0; index < entriesPerAddress; index += 1) expect((await joinWaitlist(ctx(), anonymous, join(location.id, day, { email }))).ok).toBe(true);
    expect(await joinWaitlist(ctx(), anonymous, join(location.id, day, { email: 'Viele-Eintraege@example.org' }))).toEqual({ ok: false, reason: 'too-many', field: 'email' });
  });
});

describe('offering a freed time', () => {
  it('offers it to the first in line only, holds it for them and mails a link that confirms it; a second delivery offers nothing more', async () => {
    const day = workday(4);
    const { location, bookings } = await fullDay(day);
    const first = await waitingEntry(join(location.id, day));
    const second = await waitingEntry(join(location.id, day));
    // Someone who never confirmed is not in line.
    const unconfirmed = await joinWaitlist(ctx(), anonymous, join(location.id, day));
    await platform.runJobs();

    const before = Date.now();
    await cancel(bookings[0]!);
    await platform.runJobs();

    const offered = await findEntry(waitlistDb(platform.ctx.db), first.id);
    expect(offered?.status).toBe('offered');
    expect(await statusOf(second.id)).toBe('waiting');
    expect(unconfirmed.ok && (await statusOf(unconfirmed.entry.id))).toBe('unconfirmed');
    const booking = await findBooking(db(), offered!.booking_id!);
    expect(booking).toMatchObject({ status: 'confirming', name: first.name, email: first.email, created_by: `waitlist:${first.id}`, starts_at: berlinInstant(day, '08:00') });
    const held = booking!.hold_expires_at!.getTime();
    expect(held).toBeGreaterThanOrEqual(before + offerHours * 3_600_000 - 1000);
    expect(held).toBeLessThanOrEqual(Date.now() + offerHours * 3_600_000);

    const mail = platform.smtp.lastTo(first.email!);
    expect(mail?.subject).toContain('Ein Termin ist frei geworden');
    expect(mail?.text).toContain(booking!.reference);
    const key = keyFromMail(first.email!, new RegExp(`/termine/buchung/${booking!.id}/bestaetigen/([\\w-]+)`));
    expect(await keyOpens(db(), booking!.id, key, 'confirm')).toBe(true);
    expect(mail?.text).toMatch(/\/termine\/warteliste\/[0-9a-f-]{36}\/abmelden\//);
    expect(platform.smtp.lastTo(second.email!)?.subject).not.toContain('frei geworden');

    // The same event handed over again (as pg-boss may): the time is taken, nobody else is offered it.
    await platform.ctx.db.transaction().execute((trx) =>
      offerToWaitlist.handler({ id: '00000000-0000-4000-8000-000000000001', name: appointmentTimeFreed.name, version: 1, publishedAt: new Date(), payload: freed(bookings[0]!, 'cancelled') }, trx, platform.ctx),
    );
    expect(await statusOf(second.id)).toBe('waiting');
    const confirming = await db().selectFrom('appointment_bookings').select('id').where('location_id', '=', location.id).where('status', '=', 'confirming').execute();
    expect(confirming).toHaveLength(1);
  });

  it('gives an offer not confirmed in time back, and the next in line is offered the time', async () => {
    const day = workday(5);
    const { location, bookings } = await fullDay(day);
    const first = await waitingEntry(join(location.id, day));
    const second = await waitingEntry(join(location.id, day));
    await cancel(bookings[0]!);
    await platform.runJobs();
    const firstOffer = (await findEntry(waitlistDb(platform.ctx.db), first.id))!.booking_id!;

    // Not yet run out: nothing changes.
    await sweepWaitlist(ctx(), new Date());
    expect(await statusOf(first.id)).toBe('offered');

    // The sweep goes over every place: other offers of this file may lapse with it.
    expect(await sweepWaitlist(ctx(), new Date(Date.now() + (offerHours + 1) * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(first.id)).toBe('lapsed');
    expect((await findBooking(db(), firstOffer))?.status).toBe('expired');
    await platform.runJobs();
    const next = await findEntry(waitlistDb(platform.ctx.db), second.id);
    expect(next?.status).toBe('offered');
    expect((await findBooking(db(), next!.booking_id!))?.starts_at).toEqual(berlinInstant(day, '08:00'));

    // The person confirms with the link in the offer's mail, as the booking pages do; the sweep then records the entry as booked.
    await platform.runJobs();
    const key = keyFromMail(second.email!, new RegExp(`/termine/buchung/${next!.booking_id!}/bestaetigen/([\\w-]+)`));
    expect((await confirmByKey(ctx(), next!.booking_id!, key)).ok).toBe(true);
    expect((await findBooking(db(), next!.booking_id!))?.status).toBe('booked');
    await sweepWaitlist(ctx(), new Date());
    expect(await statusOf(second.id)).toBe('booked');
  });

  it('offers the first in line a free time in their own period, and passes over an entry no free time fits', async () => {
    const day = workday(6);
    const { location, bookings } = await fullDay(day);
    const elsewhere = await waitingEntry(join(location.id, workdayAfter(day)));
    // Two persons need 30 minutes: the freed quarter hour does not fit them.
    const two = await waitingEntry(join(location.id, day, { request: [{ serviceId: 'personalausweis', persons: 2 }] }));
    const fits = await waitingEntry(join(location.id, day));
    // The other day is not blocked: the first in line gets its time there, not the freed one.
    await cancel(bookings[0]!);
    await platform.runJobs();
    expect(await statusOf(elsewhere.id)).toBe('offered');
    expect(await statusOf(two.id)).toBe('waiting');
    expect(await statusOf(fits.id)).toBe('waiting');
    // The next freed time: the two-person entry still does not fit, the next one does.
    await platform.ctx.db.transaction().execute((trx) => offerFreedTime(platform.ctx, trx, location.id));
    expect(await statusOf(two.id)).toBe('waiting');
    expect(await statusOf(fits.id)).toBe('offered');
  });

  it('gives a held offer back when the person leaves the list, and offers the time to the next', async () => {
    const day = workday(7);
    const { location, bookings } = await fullDay(day);
    const first = await waitingEntry(join(location.id, day));
    const second = await waitingEntry(join(location.id, day));
    await cancel(bookings[0]!);
    await platform.runJobs();
    const leaveKey = keyFromMail(first.email!, /\/abmelden\/([\w-]+)/);
    expect(await leaveWaitlist(ctx(), first.id, 'falsch')).toEqual({ ok: false, reason: 'not-found' });
    expect((await leaveWaitlist(ctx(), first.id, leaveKey)).ok).toBe(true);
    expect(await statusOf(first.id)).toBe('left');
    await platform.runJobs();
    expect(await statusOf(second.id)).toBe('offered');
  });

  it('makes one offer per freed time when two times free up at once, each to a different person', async () => {
    const day = workday(8);
    const { location, bookings } = await fullDay(day, 2);
    const first = await waitingEntry(join(location.id, day));
    const second = await waitingEntry(join(location.id, day));
    const third = await waitingEntry(join(location.id, day));
    for (const booking of bookings) await updateBooking(db(), booking.id, { status: 'cancelled', cancelled_at: new Date(), cancel_reason: 'person' }, new Date());
    const results = await Promise.all([0, 1].map(() => platform.ctx.db.transaction().execute((trx) => offerFreedTime(platform.ctx, trx, location.id))));
    expect(results.every((result) => result !== null)).toBe(true);
    expect(new Set(results.map((result) => result?.entryId))).toEqual(new Set([first.id, second.id]));
    expect(new Set(results.map((result) => result?.bookingId)).size).toBe(2);
    expect(await statusOf(third.id)).toBe('waiting');
  });
});
