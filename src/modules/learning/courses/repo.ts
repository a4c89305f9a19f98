import { sql } from 'kysely';
import { newLinkKey, presentedKeyHash } from '#kernel/auth/link-keys.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { CoursesTables, Registration, RegistrationStatus, Session } from './tables.ts';

export type CoursesDb = Executor<KernelTables & CoursesTables>;

export function coursesDb(db: Executor<KernelTables>): CoursesDb {
  return db.withTables<CoursesTables>();
}

/** A session with how many hold a place and how many wait. */
export interface SessionWithCounts extends Session {
  placed: number;
  waiting: number;
}

const counted = (db: CoursesDb) =>
  db
    .selectFrom('learning_sessions as s')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('learning_registrations as r').whereRef('r.session_id', '=', 's.id').where('r.status', '=', 'placed').select(sql<number>`count(*)::int`.as('n')).as('placed'),
      eb.selectFrom('learning_registrations as r').whereRef('r.session_id', '=', 's.id').where('r.status', '=', 'waiting').select(sql<number>`count(*)::int`.as('n')).as('waiting'),
    ]);

const withCounts = (row: Session & { placed: number | null; waiting: number | null }): SessionWithCounts => ({ ...row, placed: row.placed ?? 0, waiting: row.waiting ?? 0 });

export async function findCourseBySlug(db: CoursesDb, slug: string) {
  return db.selectFrom('learning_courses').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findCourse(db: CoursesDb, id: string) {
  return db.selectFrom('learning_courses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The published courses of an audience, in the order of their next open session, those without one last. */
export async function publishedCourses(db: CoursesDb, audience: 'citizens' | 'staff', now: Date) {
  return db
    .selectFrom('learning_courses as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('learning_sessions as s')
        .whereRef('s.course_id', '=', 'c.id')
        .where('s.status', '=', 'open')
        .where('s.starts_at', '>', now)
        .select(sql<Date | null>`min(s.starts_at)`.as('next'))
        .as('next_session_at'),
    )
    .where('c.published', '=', true)
    .where('c.audience', '=', audience)
    .orderBy(sql`next_session_at asc nulls last`)
    .orderBy('c.title')
    .execute();
}

/** The sessions of a course still to come (open, or called off so people see that), first first. */
export async function upcomingSessions(db: CoursesDb, courseId: string, now: Date): Promise<SessionWithCounts[]> {
  const rows = await counted(db).where('s.course_id', '=', courseId).where('s.ends_at', '>', now).orderBy('s.starts_at').execute();
  return rows.map(withCounts);
}

/** Every session of a course, held and called off included, newest first: the course's page in the back office. */
export async function sessionsOfCourse(db: CoursesDb, courseId: string): Promise<SessionWithCounts[]> {
  const rows = await counted(db).where('s.course_id', '=', courseId).orderBy('s.starts_at', 'desc').execute();
  return rows.map(withCounts);
}

export async function findSession(db: CoursesDb, id: string): Promise<SessionWithCounts | undefined> {
  const row = await counted(db).where('s.id', '=', id).executeTakeFirst();
  return row && withCounts(row);
}

/** Locks the session row: registrations, cancellations and promotions of one session happen one at a time. */
export async function lockSession(db: CoursesDb, id: string): Promise<Session | undefined> {
  return db.selectFrom('learning_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function meetingsOf(db: CoursesDb, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db.selectFrom('learning_meetings').selectAll().where('session_id', 'in', sessionIds).orderBy('starts_at').execute();
}

export async function countPlaced(db: CoursesDb, sessionId: string): Promise<number> {
  const row = await db.selectFrom('learning_registrations').select(sql<number>`count(*)::int`.as('n')).where('session_id', '=', sessionId).where('status', '=', 'placed').executeTakeFirstOrThrow();
  return row.n;
}

/** The next number in the session's order of arrival (called under the session's lock). */
export async function takeSeq(db: CoursesDb, sessionId: string): Promise<number> {
  const row = await db.updateTable('learning_sessions').set({ next_seq: sql`next_seq + 1` }).where('id', '=', sessionId).returning(sql<number>`next_seq - 1`.as('seq')).executeTakeFirstOrThrow();
  return row.seq;
}

export async function firstWaiting(db: CoursesDb, sessionId: string): Promise<Registration | undefined> {
  return db.selectFrom('learning_registrations').selectAll().where('session_id', '=', sessionId).where('status', '=', 'waiting').orderBy('seq').limit(1).executeTakeFirst();
}

/** The position in the waiting line of a waiting registration: 1 for the first. */
export async function linePosition(db: CoursesDb, registration: Registration): Promise<number> {
  const row = await db
    .selectFrom('learning_registrations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('session_id', '=', registration.session_id)
    .where('status', '=', 'waiting')
    .where('seq', '<=', registration.seq)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function findRegistration(db: CoursesDb, id: string): Promise<Registration | undefined> {
  return db.selectFrom('learning_registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockRegistration(db: CoursesDb, id: string): Promise<Registration | undefined> {
  return db.selectFrom('learning_registrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setRegistrationStatus(db: CoursesDb, id: string, status: RegistrationStatus, now: Date, extra: Partial<Pick<Registration, 'call_requested_at'>> = {}): Promise<Registration> {
  return db
    .updateTable('learning_registrations')
    .set({ status, ...(status === 'placed' ? { placed_at: now } : {}), ...(status === 'cancelled' || status === 'dropped' ? { cancelled_at: now } : {}), ...extra })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The active registrations of a session (placed, then waiting), in order of arrival. */
export async function activeRegistrations(db: CoursesDb, sessionId: string): Promise<Registration[]> {
  return db
    .selectFrom('learning_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['placed', 'waiting'])
    .orderBy(sql`status = 'waiting'`)
    .orderBy('seq')
    .execute();
}

/**
 * A new key for the link to cancel, made when the mail carrying it is sent: only its hash is kept, so the
 * key exists in that one mail.
 */
export async function issueCancelKey(db: CoursesDb, registrationId: string): Promise<string> {
  const { key, hash } = newLinkKey();
  await db.insertInto('learning_registration_keys').values({ key_hash: hash, registration_id: registrationId }).execute();
  return key;
}

export async function registrationOfKey(db: CoursesDb, key: string): Promise<Registration | undefined> {
  const hash = presentedKeyHash(key);
  if (!hash) return undefined;
  return db
    .selectFrom('learning_registration_keys as k')
    .innerJoin('learning_registrations as r', 'r.id', 'k.registration_id')
    .selectAll('r')
    .where('k.key_hash', '=', hash)
    .executeTakeFirst();
}
