import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { recipientProfile, staffMember } from '#modules/accounts/index.ts';
import { sendNotification } from '#modules/notify/index.ts';
import { activeRequirements, markReminded, recordById, recordsToRemind, trainingDb } from './repo.ts';
import { titleOf } from './service.ts';
import { appliesTo } from './status.ts';

/*
 * Before a required training runs out, the staff member is reminded once, by their channel through notify,
 * with a link to their own training page. The record is marked in the transaction that sends the message,
 * under a condition only one run meets, and the message's cause names the record: a second run, or two at
 * once, send nothing more. A record renewed in the meantime, of someone who left the staff or whose roles
 * no longer need the training, gets no reminder.
 */

export const ownPagePath = '/verwaltung/meine-fortbildungen';

const actor = systemActor('learning.training-reminders');

/** Reminds every record whose reminder window has begun; returns how many were reminded. */
export async function sendTrainingReminders(ctx: KernelContext, now = new Date()): Promise<number> {
  const due = await recordsToRemind(trainingDb(ctx.db), todayInBerlin(now));
  const requirements = new Map((await activeRequirements(trainingDb(ctx.db))).map((requirement) => [requirement.key, requirement]));
  let reminded = 0;
  for (const candidate of due) {
    const person = await staffMember(ctx.db, candidate.user_id);
    const requirement = requirements.get(candidate.requirement_key);
    if (!person || !requirement || !appliesTo(requirement, person.roles)) continue;
    const language = (await recipientProfile(ctx.db, person.userId))?.language ?? 'de';
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const db = trainingDb(trx);
      if (!(await markReminded(db, candidate.id, now))) return false;
      const record = await recordById(db, candidate.id);
      if (!record) return false;
      const told = await sendNotification(ctx, trx, {
        purpose: 'training-expiry-reminder',
        recipient: { userId: person.userId },
        values: { training: titleOf(requirement, language), expiresOn: record.expiresOn, ownPage: ownPagePath },
        cause: `learning:training-expiry:${record.id}`,
        link: ownPagePath,
      });
      if (!told.ok) ctx.log.warn({ recordId: record.id, reason: told.reason }, 'training reminder not sent');
      await recordAudit(trx, { actor }, { action: 'learning.training-reminded', subjectType: 'learning.training-record', subjectId: record.id, dataSubjectId: person.userId, meta: { requirement: requirement.key, expiresOn: record.expiresOn, sent: told.ok } });
      return told.ok;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** Once a day in the morning, so the reminder is there when the working day begins. */
export const trainingRemindersJob = defineJob({
  name: 'learning.send-training-reminders',
  payload: Type.Object({}),
  cron: '15 6 * * *',
  handler: async (_payload, ctx) => {
    const reminded = await sendTrainingReminders(ctx);
    if (reminded > 0) ctx.log.info({ reminded }, 'training reminders sent');
  },
});
