import { sql, type Insertable, type Updateable } from 'kysely';
import type { CoursesDb } from '../repo.ts';
import type { Course, CoursesTables, Meeting } from '../tables.ts';

/* What the coordinator's pages read and write beyond what registering needs. */

export type CourseColumns = Omit<Insertable<CoursesTables['learning_courses']>, 'id' | 'demo' | 'created_at' | 'updated_at'>;
export type SessionColumns = Omit<Insertable<CoursesTables['learning_sessions']>, 'id' | 'status' | 'cancel_reason' | 'confirmed_at' | 'next_seq' | 'created_at'>;

export interface CourseRow extends Course {
  sessions: number;
  upcoming: number;
}

/** Every course, published or not, for either audience, with how many sessions it has and how many are to come. */
export async function everyCourse(db: CoursesDb, now: Date): Promise<CourseRow[]> {
  const rows = await db
    .selectFrom('learning_courses as c')
    .selectAll('c')
    .select((eb) => [
      eb.selectFrom('learning_sessions as s').whereRef('s.course_id', '=', 'c.id').select(sql<number>`count(*)::int`.as('n')).as('sessions'),
      eb.selectFrom('learning_sessions as s').whereRef('s.course_id', '=', 'c.id').where('s.status', '=', 'open').where('s.starts_at', '>', now).select(sql<number>`count(*)::int`.as('n')).as('upcoming'),
    ])
    .orderBy('c.audience')
    .orderBy('c.title')
    .execute();
  return rows.map((row) => ({ ...row, sessions: row.sessions ?? 0, upcoming: row.upcoming ?? 0 }));
}

export async function slugTaken(db: CoursesDb, slug: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('learning_courses').select('id').where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertCourse(db: CoursesDb, columns: CourseColumns): Promise<Course> {
  return db.insertInto('learning_courses').values(columns).returningAll().executeTakeFirstOrThrow();
}

export async function lockCourse(db: CoursesDb, id: string): Promise<Course | undefined> {
  return db.selectFrom('learning_courses').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateCourse(db: CoursesDb, id: string, columns: Updateable<CoursesTables['learning_courses']>): Promise<Course> {
  return db.updateTable('learning_courses').set({ ...columns, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

type MeetingTimes = readonly Pick<Meeting, 'starts_at' | 'ends_at'>[];

async function insertMeetings(db: CoursesDb, sessionId: string, meetings: MeetingTimes): Promise<void> {
  await db.insertInto('learning_meetings').values(meetings.map((meeting) => ({ session_id: sessionId, ...meeting }))).execute();
}

export async function insertSession(db: CoursesDb, columns: SessionColumns, meetings: MeetingTimes) {
  const session = await db.insertInto('learning_sessions').values(columns).returningAll().executeTakeFirstOrThrow();
  await insertMeetings(db, session.id, meetings);
  return session;
}

export async function updateSession(db: CoursesDb, id: string, columns: Updateable<CoursesTables['learning_sessions']>): Promise<void> {
  await db.updateTable('learning_sessions').set(columns).where('id', '=', id).execute();
}

export async function replaceMeetings(db: CoursesDb, sessionId: string, meetings: MeetingTimes): Promise<void> {
  await db.deleteFrom('learning_meetings').where('session_id', '=', sessionId).execute();
  await insertMeetings(db, sessionId, meetings);
}
