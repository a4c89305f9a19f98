import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { accountNames } from '#modules/accounts/index.ts';
import { learningPermissions } from '../permissions.ts';
import { recordCourseCompletion, withdrawCourseCompletion } from '../training/index.ts';
import { correctCertificates } from './certificates-correction.ts';
import { issueCertificates } from './certificates.ts';
import { coursesDb, lockSession } from './repo.ts';
import { sessionFacts, type SessionFacts } from './service.notices.ts';
import type { Registration, Session } from './tables.ts';

/*
 * The staff's side of a session: who may see which session (the coordinator and the digital pilots every
 * one, a trainer their own), the list of registrations with what each person needs, the calls to make, and
 * taking attendance, which issues the certificates and, for a staff course, records the training.
 */

/**
 * Whoever registers people for courses (the coordinator, the digital pilots) sees every session. A course
 * belongs to no office, so a pilot's grant counts whichever office's desks it names.
 */
export function seesEverySession(ctx: KernelContext, actor: Actor): boolean {
  return ctx.permissions.can(actor, learningPermissions.manageCourses) || ctx.permissions.can(actor, learningPermissions.registerForOthers, 'anywhere');
}

function seesSession(ctx: KernelContext, actor: Actor, session: Pick<Session, 'trainer_user_id'>): boolean {
  if (seesEverySession(ctx, actor)) return true;
  return actor.kind === 'staff' && ctx.permissions.can(actor, learningPermissions.takeAttendance) && session.trainer_user_id === actor.userId;
}

export interface StaffSessionRow {
  id: string;
  slug: string;
  title: string;
  starts_at: Date;
  status: Session['status'];
  capacity: number;
  min_participants: number;
  placed: number;
  waiting: number;
  calls: number;
}

/** The sessions of the last four weeks and those to come that the person may see, soonest first. */
export async function staffSessions(ctx: KernelContext, actor: Actor, now = new Date()): Promise<StaffSessionRow[]> {
  let query = coursesDb(ctx.db)
    .selectFrom('learning_sessions as s')
    .innerJoin('learning_courses as c', 'c.id', 's.course_id')
    .leftJoin('learning_registrations as r', 'r.session_id', 's.id')
    .select(['s.id', 'c.slug', 'c.title', 's.starts_at', 's.status', 's.capacity', 's.min_participants'])
    .select((eb) => [
      eb.fn.count<number>('r.id').filterWhere('r.status', '=', 'placed').as('placed'),
      eb.fn.count<number>('r.id').filterWhere('r.status', '=', 'waiting').as('waiting'),
      eb.fn.count<number>('r.id').filterWhere((w) => w.and([w('r.call_requested_at', 'is not', null), w('r.called_at', 'is', null)])).as('calls'),
    ])
    .where('s.ends_at', '>', new Date(now.getTime() - 28 * 86_400_000))
    .groupBy(['s.id', 'c.slug', 'c.title'])
    .orderBy('s.starts_at');
  if (!seesEverySession(ctx, actor)) query = query.where('s.trainer_user_id', '=', actor.kind === 'staff' ? actor.userId : null);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, placed: Number(row.placed), waiting: Number(row.waiting), calls: Number(row.calls) }));
}

export interface StaffRegistration extends Registration {
  /** The guest's name, or the account's. */
  displayName: string;
  certificateCode: string | null;
}

export interface StaffSession {
  facts: SessionFacts;
  registrations: StaffRegistration[];
}

/** The session with its course and meetings, for those who may see it (the door of every session page). */
export async function staffSessionFacts(ctx: KernelContext, actor: Actor, sessionId: string): Promise<SessionFacts | undefined> {
  const facts = await sessionFacts(coursesDb(ctx.db), sessionId);
  return facts && seesSession(ctx, actor, facts.session) ? facts : undefined;
}

/** The session with every registration, for those who may see it; audited, as it shows people's details. */
export async function sessionForStaff(ctx: KernelContext, actor: Actor, sessionId: string): Promise<StaffSession | undefined> {
  const facts = await staffSessionFacts(ctx, actor, sessionId);
  if (!facts) return undefined;
  const rows = await coursesDb(ctx.db)
    .selectFrom('learning_registrations as r')
    // A withdrawn certificate is no longer one to hand out.
    .leftJoin('learning_certificates as z', (join) => join.onRef('z.registration_id', '=', 'r.id').on('z.withdrawn_at', 'is', null))
    .selectAll('r')
    .select('z.code as certificate_code')
    .where('r.session_id', '=', sessionId)
    .orderBy('r.seq')
    .execute();
  const names = await accountNames(ctx.db, rows.flatMap((row) => (row.user_id ? [row.user_id] : [])));
  const registrations = rows.map(({ certificate_code: certificateCode, ...row }) => ({ ...row, displayName: row.name ?? (row.user_id ? names.get(row.user_id) : undefined) ?? '–', certificateCode }));
  await recordAudit(ctx.db, { actor }, { action: 'learning.registrations-viewed', subjectType: 'learning.session', subjectId: sessionId, meta: { registrations: rows.length } });
  return { facts, registrations };
}

export type AttendanceResult = { ok: true; certificates: number; trainings: number } | { ok: false; reason: 'not-found' | 'not-started' | 'cancelled' };

/**
 * Records who came (the ids ticked among those placed; the others did not), marks the session held, issues
 * the certificates of those who came and, for a staff course, records the training it fulfils. Taken again,
 * it corrects the list: whoever is no longer marked present loses the certificate (withdrawn, not deleted)
 * and the training record, and gets the same certificate back when marked present once more.
 */
export async function takeAttendance(ctx: KernelContext, actor: Actor, sessionId: string, present: readonly string[], now = new Date()): Promise<AttendanceResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = coursesDb(trx);
    const session = await lockSession(db, sessionId);
    if (!session || !seesSession(ctx, actor, session) || !ctx.permissions.can(actor, learningPermissions.takeAttendance)) return { ok: false, reason: 'not-found' } as const;
    if (session.status === 'cancelled') return { ok: false, reason: 'cancelled' } as const;
    if (session.starts_at > now) return { ok: false, reason: 'not-started' } as const;
    const placed = await db.selectFrom('learning_registrations').selectAll().where('session_id', '=', sessionId).where('status', '=', 'placed').execute();
    for (const registration of placed) {
      await db.updateTable('learning_registrations').set({ attended: present.includes(registration.id) }).where('id', '=', registration.id).execute();
    }
    await db.updateTable('learning_sessions').set({ status: 'held' }).where('id', '=', sessionId).execute();
    const facts = (await sessionFacts(db, sessionId))!;
    const corrected = await correctCertificates(trx, actor, sessionId, now);
    const certificates = await issueCertificates(ctx, trx, sessionId, now);
    let trainings = 0;
    const trainingKey = facts.course.training_key;
    if (trainingKey) {
      const completion = { trainingKey, completedOn: todayInBerlin(facts.session.ends_at), courseTitle: facts.course.title };
      for (const registration of placed.filter((row) => row.user_id)) {
        if (!present.includes(registration.id)) {
          // Ticked by mistake before: the completion goes with the corrected list.
          await withdrawCourseCompletion(trx, actor, { ...completion, userId: registration.user_id! });
          continue;
        }
        const recorded = await recordCourseCompletion(trx, { ...completion, userId: registration.user_id!, provider: facts.course.provider, recordedBy: actor.kind === 'staff' ? actor.userId : null });
        if (recorded.ok) trainings += 1;
      }
    }
    const meta = { placed: placed.length, present: present.length, certificates: certificates.length, trainings, withdrawn: corrected.withdrawn, restored: corrected.restored };
    await recordAudit(trx, { actor }, { action: 'learning.attendance-taken', subjectType: 'learning.session', subjectId: sessionId, meta });
    return { ok: true, certificates: certificates.length, trainings } as const;
  });
}

/** Marks a requested call as made (the person was reached, or a message left). */
export async function markCalled(ctx: KernelContext, actor: Actor, sessionId: string, registrationId: string, now = new Date()): Promise<boolean> {
  if (!seesEverySession(ctx, actor)) return false;
  const updated = await coursesDb(ctx.db)
    .updateTable('learning_registrations')
    .set({ called_at: now })
    .where('id', '=', registrationId)
    .where('session_id', '=', sessionId)
    .where('call_requested_at', 'is not', null)
    .where('called_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await recordAudit(ctx.db, { actor }, { action: 'learning.called', subjectType: 'learning.registration', subjectId: registrationId });
  return true;
}
