import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { addDays, berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { coursesDb, lockRegistration } from './repo.ts';
import { sessionFacts, tell } from './service.notices.ts';

/*
 * The day before a session's first meeting, everyone with a place is reminded once by their channel, with the
 * phone number to cancel so someone waiting can still move up. Marked under the registration's lock: two
 * runs at once remind once, and a cancellation meanwhile gets none.
 */

const actor = systemActor('learning.remind');

export async function sendCourseReminders(ctx: KernelContext, now = new Date()): Promise<number> {
  const tomorrow = berlinDay(addDays(todayInBerlin(now), 1));
  const due = await coursesDb(ctx.db)
    .selectFrom('learning_registrations as r')
    .innerJoin('learning_sessions as s', 's.id', 'r.session_id')
    .select(['r.id', 'r.session_id'])
    .where('s.status', '=', 'open')
    .where('s.starts_at', '>=', tomorrow.from)
    .where('s.starts_at', '<', tomorrow.to)
    .where('r.status', '=', 'placed')
    .where('r.reminded_at', 'is', null)
    .execute();
  let reminded = 0;
  for (const { id, session_id: sessionId } of due) {
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const db = coursesDb(trx);
      const registration = await lockRegistration(db, id);
      if (registration?.status !== 'placed' || registration.reminded_at) return false;
      const marked = await db.updateTable('learning_registrations').set({ reminded_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      const facts = (await sessionFacts(db, sessionId))!;
      const told = await tell(ctx, trx, facts, marked, 'course-session-reminder');
      await recordAudit(trx, { actor }, { action: 'learning.reminded', subjectType: 'learning.registration', subjectId: id, dataSubjectId: registration.user_id, meta: { told } });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** Every hour of the day: a registration made in the afternoon for tomorrow is still reminded. */
export const sendCourseRemindersJob = defineJob({
  name: 'learning.send-reminders',
  payload: Type.Object({}),
  cron: '25 8-20 * * *',
  handler: async (_payload, ctx) => {
    const reminded = await sendCourseReminders(ctx);
    if (reminded > 0) ctx.log.info({ reminded }, 'course reminders sent');
  },
});
