import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formatDay } from '#kernel/dates.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import { defineJob } from '#kernel/jobs.ts';
import { findBooking } from './repo.bookings.ts';
import { confirmPath, issueKey } from './repo.keys.ts';
import { appointmentsDb } from './repo.ts';
import { findEntry, issueWaitlistKey, waitlistDb, type WaitlistDb, type WaitlistEntry } from './repo.waitlist.ts';
import { bookingFacts } from './service.notices.ts';

/*
 * The waiting list's mails carry links with keys (confirm the address, confirm an offered time, leave the
 * list), so they never go through notify, whose messages are kept a year: each job makes its keys when the
 * mail leaves, so no working link waits in the job table, and sends with `ctx.mailer`.
 */

export const waitlistConfirmPath = (entryId: string, key: string) => `/termine/warteliste/${entryId}/bestaetigen/${key}`;
export const waitlistLeavePath = (entryId: string, key: string) => `/termine/warteliste/${entryId}/abmelden/${key}`;

async function leaveLink(ctx: KernelContext, db: WaitlistDb, entry: WaitlistEntry): Promise<string> {
  return `${ctx.config.PUBLIC_URL}${waitlistLeavePath(entry.id, await issueWaitlistKey(db, entry.id, 'leave'))}`;
}

function messageId(ctx: KernelContext, kind: string, id: string): string {
  return `<waitlist-${kind}-${id}-${Date.now()}@${new URL(ctx.config.PUBLIC_URL).hostname}>`;
}

/** The mail that asks the person to confirm their address; only an entry still unconfirmed gets it. */
export const sendWaitlistConfirmJob = defineJob({
  name: 'appointments.send-waitlist-confirm',
  payload: Type.Object({ entryId: Type.String({ format: 'uuid' }) }),
  handler: async ({ entryId }, ctx) => {
    const db = waitlistDb(ctx.db);
    const entry = await findEntry(db, entryId);
    if (entry?.status !== 'unconfirmed' || !entry.email) return;
    const place = await appointmentsDb(ctx.db).selectFrom('appointment_locations').select('name').where('id', '=', entry.location_id).executeTakeFirst();
    const t = ctx.i18n.getFixedT(entry.language);
    const values = {
      name: entry.name ?? '',
      place: place?.name ?? '',
      from: formatDay(entry.from_day),
      to: formatDay(entry.to_day),
      link: `${ctx.config.PUBLIC_URL}${waitlistConfirmPath(entry.id, await issueWaitlistKey(db, entry.id, 'confirm'))}`,
      leave: await leaveLink(ctx, db, entry),
      city: ctx.config.CITY_NAME,
    };
    await ctx.mailer.send({ to: entry.email, subject: t('appointments:waitlist.mail.confirmSubject', values), text: t('appointments:waitlist.mail.confirmText', values), messageId: messageId(ctx, 'confirm', entry.id) });
  },
});

/** The mail with the offered time and the link that confirms it; nothing once the offer is over. */
export const sendWaitlistOfferJob = defineJob({
  name: 'appointments.send-waitlist-offer',
  payload: Type.Object({ entryId: Type.String({ format: 'uuid' }) }),
  handler: async ({ entryId }, ctx) => {
    const db = waitlistDb(ctx.db);
    const entry = await findEntry(db, entryId);
    if (entry?.status !== 'offered' || !entry.booking_id || !entry.email) return;
    const booking = await findBooking(appointmentsDb(ctx.db), entry.booking_id);
    if (booking?.status !== 'confirming' || !booking.hold_expires_at || booking.hold_expires_at < new Date()) return;
    const facts = await bookingFacts(ctx, booking, entry.language);
    const t = ctx.i18n.getFixedT(entry.language);
    const values = {
      name: entry.name ?? '',
      place: facts.place,
      services: facts.services,
      time: formatDateTime(booking.starts_at, entry.language),
      until: formatDateTime(booking.hold_expires_at, entry.language),
      reference: booking.reference,
      link: `${ctx.config.PUBLIC_URL}${confirmPath(booking.id, await issueKey(appointmentsDb(ctx.db), booking.id, 'confirm'))}`,
      leave: await leaveLink(ctx, db, entry),
      city: ctx.config.CITY_NAME,
    };
    await ctx.mailer.send({ to: entry.email, subject: t('appointments:waitlist.mail.offerSubject', values), text: t('appointments:waitlist.mail.offerText', values), messageId: messageId(ctx, 'offer', entry.id) });
  },
});
