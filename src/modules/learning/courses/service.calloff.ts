import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { defineJob } from '#kernel/jobs.ts';
import { activeRegistrations, coursesDb, countPlaced, lockSession } from './repo.ts';
import { sessionFacts, tell } from './service.notices.ts';

/*
 * A session is called off when it has fewer than its minimum of participants at its deadline for that
 * (`decide_by`, days before the start, so people can still plan), or by the coordinator. Everyone placed or
 * waiting is told by their channel in the same transaction, with the reason in their language; those who
 * cannot be written to are on the staff's list of calls.
 */

export type CallOffReason = 'too-few' | 'staff';

export type CallOffResult = { ok: true; told: number; toCall: number } | { ok: false; reason: 'not-found' | 'not-open' };

export async function callOff(ctx: KernelContext, actor: Actor, sessionId: string, reason: CallOffReason, note: string | null, now = new Date()): Promise<CallOffResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const session = await lockSession(coursesDb(trx), sessionId);
    if (!session) return { ok: false, reason: 'not-found' } as const;
    if (session.status !== 'open') return { ok: false, reason: 'not-open' } as const;
    return { ok: true, ...(await callOffLocked(ctx, trx, actor, session.id, reason, note, now)) } as const;
  });
}

/** Calls off a session whose lock the caller holds, and tells everyone placed or waiting. */
async function callOffLocked(ctx: KernelContext, trx: Executor<KernelTables>, actor: Actor, sessionId: string, reason: CallOffReason, note: string | null, now: Date) {
  const db = coursesDb(trx);
  await db.updateTable('learning_sessions').set({ status: 'cancelled', cancel_reason: reason === 'too-few' ? 'too-few' : (note ?? 'staff') }).where('id', '=', sessionId).execute();
  const facts = (await sessionFacts(db, sessionId))!;
  let told = 0;
  let toCall = 0;
  for (const registration of await activeRegistrations(db, sessionId)) {
    const dropped = await db.updateTable('learning_registrations').set({ status: 'dropped', cancelled_at: now }).where('id', '=', registration.id).returningAll().executeTakeFirstOrThrow();
    const t = ctx.i18n.getFixedT(registration.language);
    const because = reason === 'too-few' ? t('learning:courses.calledOff.tooFew') : note || t('learning:courses.calledOff.byStaff');
    const result = await tell(ctx, trx, facts, dropped, 'course-called-off', { reason: because });
    if (result === 'sent') told += 1;
    else if (registration.phone) {
      await db.updateTable('learning_registrations').set({ call_requested_at: now }).where('id', '=', registration.id).execute();
      toCall += 1;
    }
  }
  await recordAudit(trx, { actor }, { action: 'learning.session-called-off', subjectType: 'learning.session', subjectId: sessionId, meta: { reason, told, toCall } });
  return { told, toCall };
}

const minimumActor = systemActor('learning.check-minimum');

/** Decides every open session whose deadline has come: called off below its minimum, confirmed otherwise. */
export async function checkMinimums(ctx: KernelContext, now = new Date()): Promise<{ calledOff: number; confirmed: number }> {
  const due = await coursesDb(ctx.db).selectFrom('learning_sessions').select('id').where('status', '=', 'open').where('confirmed_at', 'is', null).where('decide_by', '<=', now).execute();
  let calledOff = 0;
  let confirmed = 0;
  for (const { id } of due) {
    // Counted and decided under the session's lock: a registration or a second run at the same time waits.
    const decision = await ctx.db.transaction().execute(async (trx) => {
      const db = coursesDb(trx);
      const session = await lockSession(db, id);
      if (!session || session.status !== 'open' || session.confirmed_at) return 'none';
      if ((await countPlaced(db, id)) < session.min_participants) {
        await callOffLocked(ctx, trx, minimumActor, id, 'too-few', null, now);
        return 'called-off';
      }
      await db.updateTable('learning_sessions').set({ confirmed_at: now }).where('id', '=', id).execute();
      return 'confirmed';
    });
    if (decision === 'called-off') calledOff += 1;
    if (decision === 'confirmed') confirmed += 1;
  }
  return { calledOff, confirmed };
}

export const checkMinimumsJob = defineJob({
  name: 'learning.check-minimum',
  payload: Type.Object({}),
  cron: '5 * * * *',
  handler: async (_payload, ctx) => {
    const result = await checkMinimums(ctx);
    if (result.calledOff + result.confirmed > 0) ctx.log.info(result, 'course minimums checked');
  },
});
