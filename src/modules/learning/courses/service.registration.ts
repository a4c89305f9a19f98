import { recordAudit } from '#kernel/audit.ts';
import type { Actor, Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { newReference } from '#kernel/reference.ts';
import type { PostalAddress } from '#modules/accounts/index.ts';
import { sendRegistrationMailJob } from './mails.ts';
import { coursesDb, countPlaced, firstWaiting, linePosition, lockRegistration, lockSession, setRegistrationStatus, takeSeq } from './repo.ts';
import { onlyByLetter, sessionFacts, tell, tellRegistered, type SessionFacts } from './service.notices.ts';
import type { Registration } from './tables.ts';
import type { RegistrationChannel, SupportNeed } from './vocabulary.ts';

/*
 * Registering, cancelling and moving up. Every change to a session's registrations happens under the
 * session's row lock, so places are given in the order of arrival and never more than the capacity, however
 * many people register or cancel at the same moment: each cancellation of a place moves up the first one
 * waiting, in the same transaction as the cancellation, with the notice to them.
 */

/** A letter posted now arrives in about two working days; a place freed closer to the start is phoned through. */
export const letterLeadDays = 4;

export type Registrant =
  | { kind: 'account'; userId: string }
  | { kind: 'guest'; name: string; email: string | null; phone: string | null; postalAddress: PostalAddress | null };

export interface RegistrationRequest {
  sessionId: string;
  registrant: Registrant;
  language: Language;
  supportNeeds: readonly SupportNeed[];
  supportNote: string | null;
  channel: RegistrationChannel;
}

export type RegisterResult =
  | { ok: true; registration: Registration; position: number | null }
  | { ok: false; reason: 'not-found' | 'closed' | 'staff-only' | 'already' };

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

export async function register(ctx: KernelContext, actor: Actor, request: RegistrationRequest, now = new Date()): Promise<RegisterResult> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const db = coursesDb(trx);
      const session = await lockSession(db, request.sessionId);
      const facts = session && (await sessionFacts(db, session.id));
      if (!facts || !facts.course.published) return { ok: false, reason: 'not-found' } as const;
      if (facts.session.status !== 'open' || facts.session.starts_at <= now) return { ok: false, reason: 'closed' } as const;
      // A staff course is for the city's staff, each registering with their own staff account.
      if (facts.course.audience === 'staff' && !(actor.kind === 'staff' && request.registrant.kind === 'account' && request.registrant.userId === actor.userId)) {
        return { ok: false, reason: 'staff-only' } as const;
      }
      const [placed, waiting] = [await countPlaced(db, session.id), await firstWaiting(db, session.id)];
      const status = placed < facts.session.capacity && !waiting ? 'placed' : 'waiting';
      const guest = request.registrant.kind === 'guest' ? request.registrant : null;
      const registration = await db
        .insertInto('learning_registrations')
        .values({
          session_id: session.id,
          seq: await takeSeq(db, session.id),
          reference: newReference('K'),
          user_id: request.registrant.kind === 'account' ? request.registrant.userId : null,
          name: guest?.name ?? null,
          email: guest?.email ?? null,
          phone: guest?.phone ?? null,
          postal_address: guest?.postalAddress ? JSON.stringify(guest.postalAddress) : null,
          language: request.language,
          support_needs: [...request.supportNeeds],
          support_note: request.supportNote,
          channel: request.channel,
          registered_by: request.channel === 'online' ? null : actorUser(actor),
          status,
          placed_at: status === 'placed' ? now : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const position = status === 'waiting' ? await linePosition(db, registration) : null;
      await confirm(ctx, trx, facts, registration, position);
      if (request.channel !== 'online') {
        await recordAudit(trx, { actor }, { action: 'learning.registered-for', subjectType: 'learning.registration', subjectId: registration.id, dataSubjectId: registration.user_id, meta: { session: session.id, status, channel: request.channel } });
      }
      return { ok: true, registration, position } as const;
    });
  } catch (error) {
    // The same account a second time: one place each (the unique index decides, also between two at once).
    if (isUniqueViolation(error)) return { ok: false, reason: 'already' };
    throw error;
  }
}

const actorUser = (actor: Actor) => (actor.kind === 'staff' || actor.kind === 'citizen' ? actor.userId : null);

/** The first message: a guest with an e-mail address gets the module's own mail with the link to cancel; everyone else a notice. */
async function confirm(ctx: KernelContext, trx: Executor<KernelTables>, facts: SessionFacts, registration: Registration, position: number | null) {
  if (!registration.user_id && registration.email) await ctx.jobs.enqueue(trx, sendRegistrationMailJob, { registrationId: registration.id });
  else await tellRegistered(ctx, trx, facts, registration, position);
}

export type CancelResult = { ok: true; registration: Registration; promoted: Registration[] } | { ok: false; reason: 'not-found' | 'already' | 'started' };

/**
 * Cancels a registration (by its holder, their link, or staff for them) and moves up whoever waits first
 * when a place became free.
 */
export async function cancel(ctx: KernelContext, actor: Actor, registrationId: string, now = new Date()): Promise<CancelResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = coursesDb(trx);
    const found = await db.selectFrom('learning_registrations').select('session_id').where('id', '=', registrationId).executeTakeFirst();
    if (!found) return { ok: false, reason: 'not-found' } as const;
    // The session first, then the registration: the order every change of a session takes its locks in.
    const session = await lockSession(db, found.session_id);
    const registration = await lockRegistration(db, registrationId);
    if (!session || !registration) return { ok: false, reason: 'not-found' } as const;
    if (registration.status !== 'placed' && registration.status !== 'waiting') return { ok: false, reason: 'already' } as const;
    if (session.starts_at <= now) return { ok: false, reason: 'started' } as const;
    const cancelled = await setRegistrationStatus(db, registration.id, 'cancelled', now);
    const facts = (await sessionFacts(db, session.id))!;
    const promoted = registration.status === 'placed' && session.status === 'open' ? await moveUp(ctx, trx, facts, now) : [];
    const byOther = actor.kind === 'staff' && actor.userId !== registration.user_id;
    if (byOther) {
      await recordAudit(trx, { actor }, { action: 'learning.cancelled-for', subjectType: 'learning.registration', subjectId: registration.id, dataSubjectId: registration.user_id, meta: { session: session.id, promoted: promoted.length } });
    }
    return { ok: true, registration: cancelled, promoted } as const;
  });
}

/**
 * Fills free places from the waiting line, first come first served, under the session's lock (the caller
 * holds it). Each one moved up is told by their channel; one reachable only by letter, when the course is
 * too close for a letter, is put on the staff's list of calls instead.
 */
export async function moveUp(ctx: KernelContext, trx: Executor<KernelTables>, facts: SessionFacts, now: Date): Promise<Registration[]> {
  const db = coursesDb(trx);
  const promoted: Registration[] = [];
  const tooLateForLetter = facts.session.starts_at.getTime() - now.getTime() < letterLeadDays * 86_400_000;
  for (let placed = await countPlaced(db, facts.session.id); placed < facts.session.capacity; placed += 1) {
    const next = await firstWaiting(db, facts.session.id);
    if (!next) break;
    const phoneInstead = tooLateForLetter && Boolean(next.phone) && (await onlyByLetter(trx, next));
    const moved = await setRegistrationStatus(db, next.id, 'placed', now, phoneInstead ? { call_requested_at: now } : {});
    if (!phoneInstead) {
      const told = await tell(ctx, trx, facts, moved, 'course-place-freed');
      // Nobody to write to (registered by phone without an address): the staff phone them.
      if (told === 'unreachable' && moved.phone) await db.updateTable('learning_registrations').set({ call_requested_at: now }).where('id', '=', moved.id).execute();
    }
    promoted.push(moved);
  }
  return promoted;
}
