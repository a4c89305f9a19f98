import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { recipientProfile } from '#modules/accounts/index.ts';
import { sendNotification } from '#modules/notify/index.ts';
import { coursesDb, type CoursesDb } from './repo.ts';
import { feeText, meetingText, whereText } from './facts.ts';
import type { Course, Meeting, Registration, Session } from './tables.ts';

/*
 * What a person is told about their registration goes through notify, by their channel: an account by its
 * preferences (and in its inbox), a guest by the e-mail or postal address given. Someone registered by phone
 * with neither was told everything on the phone, and is phoned again when something changes. No notice
 * carries a link that opens the registration; the first mail to a guest's e-mail address, which does, is
 * the module's own (`mails.ts`).
 */

export type NoticePurpose = 'course-registered' | 'course-waitlisted' | 'course-place-freed' | 'course-called-off' | 'course-session-reminder';

/** A session with its course and meetings: what every notice and page about it needs. */
export interface SessionFacts {
  course: Course;
  session: Session;
  meetings: Meeting[];
}

export async function sessionFacts(db: CoursesDb, sessionId: string): Promise<SessionFacts | undefined> {
  const session = await db.selectFrom('learning_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!session) return undefined;
  const [course, meetings] = await Promise.all([
    db.selectFrom('learning_courses').selectAll().where('id', '=', session.course_id).executeTakeFirstOrThrow(),
    db.selectFrom('learning_meetings').selectAll().where('session_id', '=', session.id).orderBy('starts_at').execute(),
  ]);
  return { course, session, meetings };
}

/** The values every course template shares, in the registration's language. */
export function noticeValues(facts: SessionFacts, registration: Registration): Record<string, string> {
  const language = registration.language;
  return {
    course: facts.course.title,
    startsAt: facts.session.starts_at.toISOString(),
    location: whereText(facts.session, language),
    registrationReference: registration.reference,
    contactPhone: facts.course.contact_phone,
  };
}

export function meetingsList(facts: SessionFacts, language: 'de' | 'en'): string {
  return facts.meetings.map((meeting) => `- ${meetingText(meeting, language)}`).join('\n');
}

type Recipient = Parameters<typeof sendNotification>[2]['recipient'];

function recipientOf(registration: Registration): Recipient | undefined {
  if (registration.user_id) return { userId: registration.user_id };
  if (!registration.email && !registration.postal_address) return undefined;
  return { name: registration.name ?? '', language: registration.language, email: registration.email, postalAddress: registration.postal_address };
}

/**
 * Whether a notice to this registration would go on paper only: a guest without an e-mail address, or an
 * account whose holder chose letters or has no confirmed address. A letter takes days, so a place that frees
 * up shortly before the course is phoned through instead.
 */
export async function onlyByLetter(db: Executor<KernelTables>, registration: Registration): Promise<boolean> {
  if (!registration.user_id) return !registration.email;
  const profile = await recipientProfile(db, registration.user_id);
  return !profile || profile.preferredChannel === 'letter' || !profile.email;
}

export type Told = 'sent' | 'unreachable';

/** Sends one notice about a registration in the caller's transaction; `cause` makes a retry send nothing twice. */
export async function tell(
  ctx: KernelContext,
  trx: Executor<KernelTables>,
  facts: SessionFacts,
  registration: Registration,
  purpose: NoticePurpose,
  extra: Record<string, string | number> = {},
): Promise<Told> {
  const recipient = recipientOf(registration);
  if (!recipient) return 'unreachable';
  const result = await sendNotification(ctx, trx, {
    purpose,
    recipient,
    values: { ...noticeValues(facts, registration), ...extra },
    cause: `learning:${purpose}:${registration.id}`,
    link: `/kurse/${facts.course.slug}`,
  });
  if (!result.ok) {
    // A guest's address the form accepted but notify does not: the person is phoned instead, so the change stands.
    ctx.log.warn({ purpose, registrationId: registration.id, reason: result.reason }, 'course notice not sent');
    return 'unreachable';
  }
  return 'sent';
}

/** The confirmation: a place, with the meetings and the fee, or the place in the waiting line. */
export async function tellRegistered(ctx: KernelContext, trx: Executor<KernelTables>, facts: SessionFacts, registration: Registration, position: number | null): Promise<Told> {
  if (registration.status === 'waiting' && position !== null) return tell(ctx, trx, facts, registration, 'course-waitlisted', { position });
  return tell(ctx, trx, facts, registration, 'course-registered', { meetings: meetingsList(facts, registration.language), fee: feeText(facts.course, registration.language) });
}

export const factsOf = async (ctx: KernelContext, sessionId: string) => sessionFacts(coursesDb(ctx.db), sessionId);
