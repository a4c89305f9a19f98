import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { lockCase } from './repo.cases.ts';
import { caseWithForm } from './repo.casework.ts';
import { markReminded, requestsToRemind } from './repo.follow.ts';
import { applicationsDb } from './repo.forms.ts';
import { reachOf, serviceTitle, tellApplicant } from './service.casework.notify.ts';

/*
 * A few days before the day an applicant was asked to answer by, they are reminded once, by their
 * channel. A request already answered, a case the office resumed or decided meanwhile, and a request
 * replaced by a newer one get no reminder; one made with less time than that is reminded on the next run.
 */

/** How many days before the reply-by day the reminder goes. */
export const reminderDaysBefore = 3;

const actor = systemActor('applications.remind-reply-by');

/** Sends the reminders due today; returns how many requests it reminded of. */
export async function remindReplyBy(ctx: KernelContext, now = new Date()): Promise<number> {
  const today = todayInBerlin(now);
  const due = await requestsToRemind(applicationsDb(ctx.db), today, addDays(today, reminderDaysBefore));
  let reminded = 0;
  for (const request of due) {
    const found = await caseWithForm(applicationsDb(ctx.db), request.case_id);
    if (!found) continue;
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const db = applicationsDb(trx);
      const made = await lockCase(db, request.case_id);
      // Marked under the case's lock, so that two runs at once remind once; the answer may have come meanwhile.
      if (made?.status !== 'information-requested' || !(await markReminded(db, request.id, now))) return false;
      const told = await tellApplicant(ctx, trx, made, await reachOf(trx, made), {
        purpose: 'case-information-reminder',
        cause: `applications:information-reminder:${made.id}:${request.id}`,
        values: (language) => ({ service: serviceTitle(found.definition, language), caseReference: made.reference, replyBy: request.reply_by }),
      });
      await recordAudit(trx, { actor }, {
        action: 'applications.information-reminded',
        subjectType: 'applications.case',
        subjectId: made.id,
        dataSubjectId: made.user_id,
        meta: { replyBy: request.reply_by, told: told.told ? told.channels : told.reason },
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** Every morning, before offices open: reminders reach people the day they are due. */
export const remindReplyByJob = defineJob({
  name: 'applications.remind-reply-by',
  payload: Type.Object({}),
  cron: '0 7 * * *',
  handler: async (_payload, ctx) => {
    const reminded = await remindReplyBy(ctx);
    if (reminded > 0) ctx.log.info({ reminded }, 'reply-by reminders sent');
  },
});
