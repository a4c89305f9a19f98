import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors } from '#kernel/forms/index.ts';
import { staffHolding } from '#modules/accounts/index.ts';
import { learningPermissions, trainer } from '#modules/learning/permissions.ts';
import { coursesDb, findCourse, findSession, lockSession } from '../repo.ts';
import { sessionFacts } from '../service.notices.ts';
import { moveUp } from '../service.registration.ts';
import type { Session } from '../tables.ts';
import { insertSession, replaceMeetings, updateSession } from './repo.ts';
import type { EditResult } from './service.courses.ts';
import { readSession, sameInstant, sameMeetings, sameWhere, type SessionInput } from './session-rules.ts';

/*
 * Scheduling a session of a course and changing it. A session people already hold places in, or wait for,
 * keeps its dates and its place: they registered for those, and a change would reach them by surprise. To
 * move it, the coordinator calls it off (everyone is told) and schedules a new one. Its capacity may grow,
 * and the waiting line moves up at once, under the session's lock, with the notices; it may shrink only down
 * to the places already given. The minimum and the deadline for it can change only until the session was
 * decided. A session held or called off is history and stays as it was.
 */

const { manageCourses } = learningPermissions;

export interface Trainer {
  userId: string;
  name: string;
}

/** The staff holding the trainer role everywhere, who can lead a session. */
export async function trainerChoices(ctx: KernelContext): Promise<Trainer[]> {
  return staffHolding(ctx.db, trainer);
}

async function trainerProblem(ctx: KernelContext, input: SessionInput, current: string | null): Promise<FormErrors> {
  if (!input.trainer || input.trainer === current) return {};
  return (await trainerChoices(ctx)).some((person) => person.userId === input.trainer) ? {} : { trainer: { code: 'not-a-choice' } };
}

export async function sessionForEditing(ctx: KernelContext, actor: Actor, courseId: string, sessionId: string) {
  ctx.permissions.require(actor, manageCourses);
  const facts = await sessionFacts(coursesDb(ctx.db), sessionId);
  return facts?.course.id === courseId ? facts : undefined;
}

export async function scheduleSession(ctx: KernelContext, actor: Actor, courseId: string, input: SessionInput, now = new Date()): Promise<EditResult> {
  ctx.permissions.require(actor, manageCourses);
  const course = await findCourse(coursesDb(ctx.db), courseId);
  if (!course) return { ok: false, reason: 'not-found' };
  const read = readSession(input, now, null);
  const errors = { ...read.errors, ...(await trainerProblem(ctx, input, null)) };
  if (!read.ok || Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  const { meetings, where, decideBy } = read;
  return ctx.db.transaction().execute(async (trx) => {
    const session = await insertSession(
      coursesDb(trx),
      { course_id: courseId, ...where, capacity: input.capacity, min_participants: input.minParticipants, decide_by: decideBy, trainer_user_id: input.trainer, starts_at: meetings[0]!.starts_at, ends_at: meetings.at(-1)!.ends_at },
      meetings,
    );
    const meta = { course: courseId, meetings: meetings.map((meeting) => [meeting.starts_at, meeting.ends_at]), ...where, capacity: input.capacity, minimum: input.minParticipants, decideBy, trainer: input.trainer };
    await recordAudit(trx, { actor }, { action: 'learning.session-scheduled', subjectType: 'learning.session', subjectId: session.id, meta });
    return { ok: true, id: session.id } as const;
  });
}

export type ChangeSessionResult = EditResult | { ok: true; id: string; promoted: number } | { ok: false; reason: 'closed' } | { ok: false; reason: 'started' };

export async function changeSession(ctx: KernelContext, actor: Actor, courseId: string, sessionId: string, input: SessionInput, now = new Date()): Promise<ChangeSessionResult> {
  ctx.permissions.require(actor, manageCourses);
  const trainerErrors = await trainerProblem(ctx, input, (await sessionForEditing(ctx, actor, courseId, sessionId))?.session.trainer_user_id ?? null);
  return ctx.db.transaction().execute(async (trx): Promise<ChangeSessionResult> => {
    const db = coursesDb(trx);
    const session = await lockSession(db, sessionId);
    if (session?.course_id !== courseId) return { ok: false, reason: 'not-found' };
    if (session.status !== 'open') return { ok: false, reason: 'closed' };
    if (session.starts_at <= now) return { ok: false, reason: 'started' };
    const before = (await sessionFacts(db, sessionId))!;
    const read = readSession(input, now, session);
    const errors: FormErrors = { ...read.errors, ...trainerErrors };
    if (!read.ok || Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
    const conflicts = lockedChanges(session, before.meetings, read, input, (await findSession(db, sessionId))!);
    if (Object.keys(conflicts).length > 0) return { ok: false, reason: 'invalid', errors: conflicts, conflict: true };
    const { meetings, where, decideBy } = read;
    const meetingsChanged = !sameMeetings(before.meetings, meetings);
    await updateSession(db, sessionId, { ...where, capacity: input.capacity, min_participants: input.minParticipants, decide_by: decideBy, trainer_user_id: input.trainer, starts_at: meetings[0]!.starts_at, ends_at: meetings.at(-1)!.ends_at });
    if (meetingsChanged) await replaceMeetings(db, sessionId, meetings);
    // More places: whoever waits longest gets one now, with their notice, as when someone cancels.
    const promoted = input.capacity > session.capacity ? await moveUp(ctx, trx, (await sessionFacts(db, sessionId))!, now) : [];
    const meta = {
      before: { meetings: before.meetings.map((meeting) => [meeting.starts_at, meeting.ends_at]), place: session.place, address: session.address, onlineUrl: session.online_url, capacity: session.capacity, minimum: session.min_participants, decideBy: session.decide_by, trainer: session.trainer_user_id },
      after: { meetings: meetingsChanged ? meetings.map((meeting) => [meeting.starts_at, meeting.ends_at]) : undefined, ...where, capacity: input.capacity, minimum: input.minParticipants, decideBy, trainer: input.trainer },
      promoted: promoted.map((registration) => registration.id),
    };
    await recordAudit(trx, { actor }, { action: 'learning.session-changed', subjectType: 'learning.session', subjectId: sessionId, meta });
    return { ok: true, id: sessionId, promoted: promoted.length };
  });
}

/** What may not change any more: dates and place once people registered, places below those given, a decided minimum. */
function lockedChanges(session: Session, meetingsBefore: Parameters<typeof sameMeetings>[0], read: Extract<ReturnType<typeof readSession>, { ok: true }>, input: SessionInput, people: { placed: number; waiting: number }): FormErrors {
  const errors: FormErrors = {};
  const anyone = people.placed + people.waiting > 0;
  if (anyone && !sameMeetings(meetingsBefore, read.meetings)) errors.meeting = { code: 'learning:courseEditing.errors.datesLocked', values: { count: people.placed + people.waiting } };
  if (anyone && !sameWhere(session, read.where)) errors.place = { code: 'learning:courseEditing.errors.placeLocked', values: { count: people.placed + people.waiting } };
  if (input.capacity < people.placed) errors.capacity = { code: 'learning:courseEditing.errors.capacityBelowPlaced', values: { placed: people.placed } };
  const decided = session.confirmed_at !== null;
  if (decided && (input.minParticipants !== session.min_participants || !sameInstant(session.decide_by, read.decideBy))) errors.minParticipants = { code: 'learning:courseEditing.errors.decided' };
  return errors;
}
