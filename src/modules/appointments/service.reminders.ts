import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { addDays, berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { lockBooking, updateBooking } from './repo.bookings.ts';
import { bookingsToRemind } from './repo.notices.ts';
import { appointmentsDb } from './repo.ts';
import { bookingValues, tellAboutBooking } from './service.notices.ts';

/*
 * The day before an appointment, the person is reminded once by their channel: place, time, reference and
 * the documents to bring (from the catalogue's service texts), with a link to the appointments page that
 * opens nothing by itself. A booking made after the last run of the day is reminded by the next run.
 */

const actor = systemActor('appointments.remind');

/** Reminds every booked appointment of tomorrow (Berlin) not yet reminded; returns how many it reminded. */
export async function sendReminders(ctx: KernelContext, now = new Date()): Promise<number> {
  const tomorrow = berlinDay(addDays(todayInBerlin(now), 1));
  const due = await bookingsToRemind(appointmentsDb(ctx.db), tomorrow.from, tomorrow.to);
  let reminded = 0;
  for (const { id } of due) {
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const db = appointmentsDb(trx);
      const booking = await lockBooking(db, id);
      // Marked under the booking's lock: two runs at once remind once; a cancellation meanwhile gets none.
      if (booking?.status !== 'booked' || booking.reminded_at) return false;
      const marked = await updateBooking(db, booking.id, { reminded_at: now }, now);
      const told = await tellAboutBooking(ctx, trx, marked, {
        purpose: 'appointment-reminder',
        cause: `appointments:reminder:${booking.id}`,
        link: '/termine',
        sms: 'reminder',
        values: (facts, language) => ({
          ...bookingValues(marked, facts),
          documents: facts.documents.length > 0 ? facts.documents.map((line) => `- ${line}`).join('\n') : ctx.i18n.getFixedT(language)('appointments:waitlist.reminder.noDocuments'),
        }),
      });
      await recordAudit(trx, { actor }, { action: 'appointments.reminded', subjectType: 'appointments.booking', subjectId: booking.id, dataSubjectId: booking.user_id, meta: { told } });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** Every hour of the day (not at night): a booking made in the afternoon for tomorrow is still reminded. */
export const sendRemindersJob = defineJob({
  name: 'appointments.send-reminders',
  payload: Type.Object({}),
  cron: '20 8-20 * * *',
  handler: async (_payload, ctx) => {
    const reminded = await sendReminders(ctx);
    if (reminded > 0) ctx.log.info({ reminded }, 'appointment reminders sent');
  },
});
