import crypto from 'node:crypto';
import { isSignedIn, type Actor, type Language } from '#kernel/auth/actor.ts';
import { hashToken } from '#kernel/auth/sessions.ts';
import type { KernelContext } from '#kernel/context.ts';
import { uidFor } from '#kernel/ical/ical.ts';
import { settingsOf } from '#kernel/settings.ts';
import { appointmentBooked, appointmentTimeFreed } from './events.ts';
import { keyOpens } from './repo.keys.ts';
import { lockBooking, noShowsOf, upcomingOf, updateBooking, type Contact } from './repo.bookings.ts';
import { appointmentsDb, type AppointmentsDb, type Booking, type CancelReason } from './repo.ts';
import { sendCancellationJob, sendConfirmLinkJob } from './service.mails.ts';
import { appointmentsSettings } from './settings.ts';

/*
 * From a held time to a booking: the person's details, the confirmation of their contact (a link by e-mail,
 * a code by SMS, or their account's own address), and what ends a booking (cancelled, expired). Every step
 * locks the booking's row, so a double click or two tabs cannot take a step twice.
 */

export type Need = 'interpreter' | 'step-free' | 'more-time';
export const needs: readonly Need[] = ['interpreter', 'step-free', 'more-time'];

export interface Details {
  name: string;
  confirmBy: 'email' | 'sms';
  email: string | null;
  phone: string | null;
  needs: readonly Need[];
  needsNote: string;
  language: Language;
}

export type DetailsResult =
  | { ok: true; booking: Booking; code?: string }
  | { ok: false; reason: 'gone' | 'expired' | 'done' }
  | { ok: false; reason: 'limit'; limit: number }
  | { ok: false; reason: 'paused'; until: Date; limit: number };

const day = 86_400_000;
const minute = 60_000;
/** Wrong codes before a booking confirmed by SMS gives its time back. */
export const maxCodeAttempts = 5;
/** WCAG 2.2.1: a person may extend a time limit at least ten times. */
export const maxHoldExtensions = 10;

const codeHash = (bookingId: string, code: string) => hashToken(`${bookingId}:${code}`);

/** Whether a hold or confirmation is still running at `now`. */
export const isRunning = (booking: Booking, now: Date) => (booking.status === 'held' || booking.status === 'confirming') && booking.hold_expires_at !== null && booking.hold_expires_at > now;

async function contactProblem(ctx: KernelContext, db: AppointmentsDb, contact: Contact, bookingId: string, now: Date): Promise<DetailsResult | null> {
  const settings = settingsOf(ctx.config, appointmentsSettings);
  if (settings.APPOINTMENT_NO_SHOW_LIMIT > 0) {
    const missed = await noShowsOf(db, contact, new Date(now.getTime() - 365 * day));
    const until = missed.last ? new Date(missed.last.getTime() + settings.APPOINTMENT_NO_SHOW_PAUSE_DAYS * day) : null;
    if (missed.count >= settings.APPOINTMENT_NO_SHOW_LIMIT && until && until > now) return { ok: false, reason: 'paused', until, limit: settings.APPOINTMENT_NO_SHOW_LIMIT };
  }
  const upcoming = await upcomingOf(db, contact, now, bookingId);
  if (upcoming >= settings.APPOINTMENT_BOOKINGS_PER_CONTACT) return { ok: false, reason: 'limit', limit: settings.APPOINTMENT_BOOKINGS_PER_CONTACT };
  return null;
}

/** Makes the booking: its contact is confirmed; reminders, figures and the confirmation mail follow the event. */
async function book(ctx: KernelContext, db: AppointmentsDb, booking: Booking, confirmedBy: 'email' | 'sms', now: Date): Promise<Booking> {
  const booked = await updateBooking(
    db,
    booking.id,
    { status: 'booked', confirmed_by: confirmedBy, confirmed_at: now, hold_expires_at: null, sms_code_hash: null, calendar_uid: booking.calendar_uid ?? uidFor(booking.id, ctx.config.PUBLIC_URL) },
    now,
  );
  await publishBooked(ctx, db, booked);
  return booked;
}

/** Tells the others a booking is made (confirmation mail, reminders, figures, the service page's next free day). */
export function publishBooked(ctx: KernelContext, db: AppointmentsDb, booking: Booking) {
  return ctx.events.publish(db, appointmentBooked, {
    bookingId: booking.id,
    locationId: booking.location_id,
    counterId: booking.counter_id,
    startsAt: booking.starts_at.toISOString(),
    endsAt: booking.ends_at.toISOString(),
    channel: booking.channel,
    services: booking.services.map((service) => service.serviceId),
  });
}

/**
 * The person's name and contact for a held time. An address the person's own account has confirmed books at
 * once; any other address gets a link to confirm, a phone number a code by SMS (returned for the caller to
 * send once the change is committed). Limits per address and number, and the no-show rule, apply here.
 */
export async function giveDetails(ctx: KernelContext, actor: Actor, bookingId: string, details: Details, now = new Date()): Promise<DetailsResult> {
  const result = await ctx.db.transaction().execute(async (trx): Promise<DetailsResult> => {
    const db = appointmentsDb(trx);
    const booking = await lockBooking(db, bookingId);
    if (!booking) return { ok: false, reason: 'gone' };
    if (booking.status !== 'held') return { ok: false, reason: booking.status === 'expired' || booking.status === 'cancelled' ? 'expired' : 'done' };
    if (!isRunning(booking, now)) return { ok: false, reason: 'expired' };
    const contact: Contact = details.confirmBy === 'email' ? { email: details.email, phone: null } : { email: null, phone: details.phone };
    const problem = await contactProblem(ctx, db, contact, booking.id, now);
    if (problem) return problem;
    const location = await db.selectFrom('appointment_locations').select('confirm_minutes').where('id', '=', booking.location_id).executeTakeFirstOrThrow();
    const code = details.confirmBy === 'sms' ? crypto.randomInt(0, 1_000_000).toString().padStart(6, '0') : undefined;
    const updated = await updateBooking(
      db,
      booking.id,
      {
        name: details.name,
        email: contact.email,
        phone: contact.phone,
        needs: [...details.needs],
        needs_note: details.needsNote || null,
        language: details.language,
        user_id: isSignedIn(actor) ? actor.userId : booking.user_id,
        status: 'confirming',
        hold_expires_at: new Date(now.getTime() + location.confirm_minutes * minute),
        sms_code_hash: code ? codeHash(booking.id, code) : null,
        sms_attempts: 0,
      },
      now,
    );
    const ownAddress = isSignedIn(actor) && actor.email !== null && contact.email !== null && actor.email.toLowerCase() === contact.email.toLowerCase();
    if (ownAddress) return { ok: true, booking: await book(ctx, db, updated, 'email', now) };
    if (details.confirmBy === 'email') await ctx.jobs.enqueue(trx, sendConfirmLinkJob, { bookingId: booking.id });
    return { ok: true, booking: updated, ...(code ? { code } : {}) };
  });
  if (result.ok && result.code && result.booking.phone) await sendCode(ctx, result.booking, result.code);
  return result;
}

async function sendCode(ctx: KernelContext, booking: Booking, code: string): Promise<void> {
  const t = ctx.i18n.getFixedT(booking.language);
  await ctx.sms.send({ to: booking.phone!, text: t('appointments:sms.code', { code, city: ctx.config.CITY_NAME }) });
}

/** A new code by SMS, at most one a minute; the old one stops working. */
export async function resendCode(ctx: KernelContext, bookingId: string, now = new Date()): Promise<{ ok: true } | { ok: false; reason: 'gone' | 'too-soon' }> {
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const booking = await lockBooking(db, bookingId);
    if (!booking || booking.status !== 'confirming' || !booking.phone || !isRunning(booking, now)) return { ok: false as const, reason: 'gone' as const };
    if (now.getTime() - booking.updated_at.getTime() < minute) return { ok: false as const, reason: 'too-soon' as const };
    return { ok: true as const, booking: await updateBooking(db, booking.id, { sms_code_hash: codeHash(booking.id, code) }, now) };
  });
  if (!result.ok) return result;
  await sendCode(ctx, result.booking, code);
  return { ok: true };
}

export type ConfirmResult = { ok: true; booking: Booking } | { ok: false; reason: 'gone' | 'expired' | 'wrong-code' | 'too-many' };

/** The link from the confirmation mail, after the person pressed the page's button. */
export async function confirmByKey(ctx: KernelContext, bookingId: string, key: string, now = new Date()): Promise<ConfirmResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const booking = await lockBooking(db, bookingId);
    if (!booking || !(await keyOpens(db, bookingId, key, 'confirm'))) return { ok: false, reason: 'gone' };
    if (booking.status === 'booked') return { ok: true, booking };
    if (booking.status !== 'confirming' || !isRunning(booking, now)) return { ok: false, reason: 'expired' };
    return { ok: true, booking: await book(ctx, db, booking, 'email', now) };
  });
}

/** The code from the SMS, typed on the booking's page; too many wrong codes give the time back. */
export async function confirmByCode(ctx: KernelContext, bookingId: string, code: string, now = new Date()): Promise<ConfirmResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const booking = await lockBooking(db, bookingId);
    if (!booking || !booking.sms_code_hash) return { ok: false, reason: booking?.status === 'booked' ? 'expired' : 'gone' };
    if (booking.status !== 'confirming' || !isRunning(booking, now)) return { ok: false, reason: 'expired' };
    const given = Buffer.from(codeHash(booking.id, code.replace(/\s/g, '')));
    const kept = Buffer.from(booking.sms_code_hash);
    if (given.length === kept.length && crypto.timingSafeEqual(given, kept)) return { ok: true, booking: await book(ctx, db, booking, 'sms', now) };
    const attempts = booking.sms_attempts + 1;
    if (attempts >= maxCodeAttempts) {
      await updateBooking(db, booking.id, { status: 'expired', sms_attempts: attempts, sms_code_hash: null }, now);
      return { ok: false, reason: 'too-many' };
    }
    await updateBooking(db, booking.id, { sms_attempts: attempts }, now);
    return { ok: false, reason: 'wrong-code' };
  });
}

/** More time to enter the details (WCAG 2.2.1): the hold runs for its full length again, up to ten times. */
export async function extendHold(ctx: KernelContext, bookingId: string, now = new Date()): Promise<{ ok: true; until: Date } | { ok: false; reason: 'expired' | 'limit' }> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const booking = await lockBooking(db, bookingId);
    if (!booking || booking.status !== 'held' || !isRunning(booking, now)) return { ok: false, reason: 'expired' };
    const location = await db.selectFrom('appointment_locations').select('hold_minutes').where('id', '=', booking.location_id).executeTakeFirstOrThrow();
    const latest = booking.created_at.getTime() + (maxHoldExtensions + 1) * location.hold_minutes * minute;
    const until = new Date(Math.min(now.getTime() + location.hold_minutes * minute, latest));
    if (until <= booking.hold_expires_at!) return { ok: false, reason: 'limit' };
    await updateBooking(db, booking.id, { hold_expires_at: until }, now);
    return { ok: true, until };
  });
}

/** Tells the others a booked time is free again. */
export function publishFreed(ctx: KernelContext, db: AppointmentsDb, booking: Booking, reason: 'cancelled' | 'expired' | 'rebooked') {
  return ctx.events.publish(db, appointmentTimeFreed, {
    bookingId: booking.id,
    locationId: booking.location_id,
    counterId: booking.counter_id,
    startsAt: booking.starts_at.toISOString(),
    endsAt: booking.ends_at.toISOString(),
    reason,
  });
}

/**
 * Cancels a booking and gives its time back; a person with a confirmed contact gets the cancellation, with
 * the calendar entry that removes it. A hold not yet booked simply ends. Past appointments stay as they were.
 */
export async function cancelBooking(ctx: KernelContext, bookingId: string, reason: CancelReason, now = new Date()): Promise<{ ok: true; booking: Booking } | { ok: false; reason: 'gone' | 'past' }> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = appointmentsDb(trx);
    const booking = await lockBooking(db, bookingId);
    if (!booking || booking.status === 'cancelled' || booking.status === 'expired') return { ok: false, reason: 'gone' };
    if (booking.status === 'held' || booking.status === 'confirming') {
      return { ok: true, booking: await updateBooking(db, booking.id, { status: 'expired', hold_expires_at: now }, now) };
    }
    if (booking.status !== 'booked' || booking.starts_at <= now) return { ok: false, reason: 'past' };
    const cancelled = await updateBooking(db, booking.id, { status: 'cancelled', cancelled_at: now, cancel_reason: reason }, now);
    await publishFreed(ctx, db, cancelled, reason === 'rebooked' ? 'rebooked' : 'cancelled');
    if (reason !== 'rebooked') await ctx.jobs.enqueue(trx, sendCancellationJob, { bookingId: booking.id });
    return { ok: true, booking: cancelled };
  });
}

/** Who may see and change a booking: its account, the secret of the browser or app that held it, or a key from a mail. */
export async function mayOpenBooking(db: AppointmentsDb, actor: Actor, booking: Booking, secrets: { secret?: string | undefined; key?: string | undefined }): Promise<boolean> {
  if (isSignedIn(actor) && booking.user_id === actor.userId) return true;
  if (secrets.secret) {
    const given = Buffer.from(hashToken(secrets.secret));
    const kept = Buffer.from(booking.secret_hash);
    if (given.length === kept.length && crypto.timingSafeEqual(given, kept)) return true;
    if (await keyOpens(db, booking.id, secrets.secret, 'manage')) return true;
  }
  return secrets.key !== undefined && (await keyOpens(db, booking.id, secrets.key, 'manage'));
}
