import type { KernelContext } from '#kernel/context.ts';
import { coursesDb } from '../repo.ts';
import type { Course, Session } from '../tables.ts';

/*
 * Courses and sessions for tests, written straight into the tables: the tests are about registering, not
 * about the catalogue's forms.
 */

let made = 0;

export async function buildCourse(ctx: KernelContext, overrides: Partial<Omit<Course, 'id' | 'created_at' | 'updated_at'>> = {}): Promise<Course> {
  made += 1;
  return coursesDb(ctx.db)
    .insertInto('learning_courses')
    .values({
      slug: `testkurs-${made}-${Math.random().toString(36).slice(2, 8)}`,
      title: `Testkurs ${made}`,
      summary: 'Ein Kurs für Tests.',
      audience: 'citizens',
      level: 'foundation',
      target_group: 'Alle',
      provider: 'Stadtbücherei Erkelenz',
      contact_phone: '02431 85-0',
      training_key: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const hour = 3_600_000;
const day = 24 * hour;

export interface SessionOptions {
  capacity?: number;
  minParticipants?: number;
  /** Days from now to the first meeting. */
  inDays?: number;
  /** Meetings, a week apart, two hours each. */
  meetings?: number;
  /** Days before the start by which the minimum must be reached. */
  decideDaysBefore?: number;
  trainerUserId?: string | null;
}

export async function buildSession(ctx: KernelContext, course: Course, options: SessionOptions = {}, now = new Date()): Promise<Session> {
  const first = new Date(Math.floor((now.getTime() + (options.inDays ?? 14) * day) / hour) * hour);
  const meetings = Array.from({ length: options.meetings ?? 1 }, (_, index) => ({ starts_at: new Date(first.getTime() + index * 7 * day), ends_at: new Date(first.getTime() + index * 7 * day + 2 * hour) }));
  const db = coursesDb(ctx.db);
  const session = await db
    .insertInto('learning_sessions')
    .values({
      course_id: course.id,
      place: 'Stadtbücherei Erkelenz, Gruppenraum',
      address: 'Johannismarkt 17, 41812 Erkelenz',
      online_url: null,
      capacity: options.capacity ?? 10,
      min_participants: options.minParticipants ?? 1,
      decide_by: new Date(first.getTime() - (options.decideDaysBefore ?? 3) * day),
      trainer_user_id: options.trainerUserId ?? null,
      starts_at: meetings[0]!.starts_at,
      ends_at: meetings.at(-1)!.ends_at,
      cancel_reason: null,
      confirmed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('learning_meetings').values(meetings.map((meeting) => ({ session_id: session.id, ...meeting }))).execute();
  return session;
}
